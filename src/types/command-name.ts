/** A command of the CLI (`wait`, `get`, `mock`, or a start such as `reset-password`); `help` and `--version` aside. */
export type CommandName = "wait" | "get" | "mock" | (string & {});
