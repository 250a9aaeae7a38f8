import { starts } from "../../generated/graph-lro.routes.ts";
import type { CommandName } from "../types/command-name.ts";

export type { CommandName };

/** The starts of the spec as commands (`resetPassword` → `reset-password`). */
const STARTS = Object.keys(starts).map((name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));

/** The commands; `help` and `--version` aside. */
export const COMMANDS = ["wait", "get", ...STARTS, "mock"] as const;

/** Whether `name` is a command: only then may a message or a hint name it (argv may hold a password). */
export const isCommand = (name: unknown): name is CommandName => COMMANDS.includes(name as string);
