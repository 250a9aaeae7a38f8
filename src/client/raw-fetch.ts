import { limitBody } from "../util/http/read-body.ts";
import { abortable } from "../util/time/abortable.ts";
import { callTimeout } from "../util/time/call-timeout.ts";
import { sentRequest, tooLargeError } from "./call-error.ts";
import type { Fetch } from "./fetch-types.ts";
import type { CallLimits } from "./graph-transport.ts";

/**
 * The fetch `raw` (openapi-fetch) calls: `send` within the client's limits. The time limit lasts
 * until openapi-fetch has read the body, and the body it reads stops at `maxBodyBytes`.
 */
export function rawFetch(send: Fetch, { timeoutMs, timeoutSignal, maxBodyBytes }: CallLimits): Fetch {
  return async (request) => {
    const call = timeoutMs === undefined ? undefined : callTimeout(timeoutMs, request.signal, timeoutSignal);
    // Re-created (costly) only for the time limit's signal, or for a raw call that asked to follow
    // redirects itself, which would let fetch take it (and its answer) elsewhere.
    if (call || request.redirect !== "manual") {
      request = new Request(request, { signal: call?.signal ?? request.signal, redirect: "manual" });
    }
    const settled = () => call?.clear();
    let response: Response;
    try {
      // An injected fetch may ignore the signal: the limit is raced, and only then (a listener costs).
      response = await (call ? abortable(send(request), call.signal) : send(request));
    } catch (error) {
      settled();
      throw error;
    }
    const tooLarge = () => tooLargeError(sentRequest(request), response.status, maxBodyBytes);
    // Without a time limit, the caller's abort still ends the body: an injected fetch may not follow the signal.
    return limitBody(response, { maxBytes: maxBodyBytes, tooLarge, settled, signal: call?.signal ?? request.signal });
  };
}
