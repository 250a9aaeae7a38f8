/**
 * A bad argument or option, found before anything is sent: a TypeError, as the web platform's own
 * checks are, but one that callers can tell from a bug's TypeError. `argument` names the option or
 * parameter as the caller wrote it (`timeoutMs`, `retry.maxRetries`, `user-id`).
 */
export class InvalidArgumentError extends TypeError {
  override name = "InvalidArgumentError";
  // `declare`d and assigned, not a parameter property, which would also emit a field: bytes in every app.
  declare readonly argument: string;

  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}
