import { withoutCredentials } from "../text/redact.ts";

/**
 * No handler matched the request. Not a TypeError (a network error): a client would retry it, and
 * a request the spec does not know is a bug to report at once. Keeps the method and the URL without
 * its credentials, never the Request (whose headers may hold a token).
 */
export class UnhandledRequestError extends Error {
  override name = "UnhandledRequestError";
  /** The URL without user name and password. */
  readonly url: string;

  constructor(
    readonly method: string,
    url: string,
  ) {
    const safe = withoutCredentials(url);
    super(`graph-lro mock: no handler for ${method} ${safe}`);
    this.url = safe;
  }
}
