/** The commands; `help` and `--version` aside. */
export const COMMANDS = ["wait", "get", "mock"] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Whether `name` is a command: only then may a message or a hint name it (argv may hold a password). */
export const isCommand = (name: unknown): name is CommandName => COMMANDS.includes(name as CommandName);
