/** A command line that cannot be run; exit code 2. Knows the command, so the hint can name its help. */
export class UsageError extends Error {
  override name = "UsageError";

  constructor(
    message: string,
    /** The command whose usage to point to (`wait`, `get`), if one was named. */
    readonly command?: string,
  ) {
    super(message);
  }
}
