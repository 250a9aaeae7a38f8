/** Ctrl-C: what the command was doing is abandoned. */
export class InterruptedError extends Error {
  override name = "InterruptedError";

  constructor() {
    super("interrupted");
  }
}
