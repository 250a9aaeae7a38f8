/** A command line that cannot be run; exit code 2. Knows the command, so the hint can name its help. */
export class UsageError extends Error {
  override name = "UsageError";

  constructor(
    message: string,
    /** The command whose usage to point to, if one was named (never other argv: it may hold a password). */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** The line after a usage error: where its command's help is. */
export const usageHint = (command: string | undefined) =>
  `Run ${command ? `graph-lro ${command} --help` : "graph-lro --help"} for usage.`;
