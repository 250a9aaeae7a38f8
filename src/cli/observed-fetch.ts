import { type Fetch, parseRetryAfter } from "../index.ts";
import { networkCause } from "./network-cause.ts";

/** One request and its answer, as the wrapper saw them (every attempt, retries included): for --verbose. */
export type Exchange =
  | { kind: "request"; method: string; url: string }
  | { kind: "response"; method: string; url: string; ms: number; status: number; retryAfterMs: number | undefined }
  | { kind: "noResponse"; method: string; url: string; ms: number; cause: string | undefined };

/**
 * The client's `fetch`, wrapped: it adds the `--header`s and reports each attempt (request, then
 * answer or network error) to `onExchange`. Placed under the client, so it sees every retry, and
 * only requests the client lets through: the headers reach the configured Graph host only.
 */
export function observedFetch(
  inner: Fetch,
  {
    headers,
    now,
    onExchange,
  }: { headers: readonly [string, string][]; now: () => number; onExchange: (event: Exchange) => void },
): Fetch {
  const names = [...new Set(headers.map(([name]) => name.toLowerCase()))];
  return async (request) => {
    // The client re-sends the same Request on a retry: set, never append twice.
    for (const name of names) request.headers.delete(name);
    for (const [name, value] of headers) request.headers.append(name, value);
    const { method, url } = request;
    const started = now();
    onExchange({ kind: "request", method, url });
    try {
      const response = await inner(request);
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
      onExchange({ kind: "response", method, url, ms: now() - started, status: response.status, retryAfterMs });
      return response;
    } catch (error) {
      // Only fetch's TypeError is a network error (the client retries those); an abort (Ctrl-C, a
      // timeout) or a mock's own error is reported by the command.
      if (error instanceof TypeError && !request.signal.aborted) {
        onExchange({ kind: "noResponse", method, url, ms: now() - started, cause: networkCause(error) });
      }
      throw error;
    }
  };
}
