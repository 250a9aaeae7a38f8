import type { CommandName } from "../types/command-name.ts";

/** The line after a usage error: where its command's help is. */
export const usageHint = (command: CommandName | undefined) =>
  `Run ${command ? `graph-lro ${command} --help` : "graph-lro --help"} for usage.`;
