import type { Fetch } from "../index.ts";
import { terminalSafe } from "../text/terminal-text.ts";
import { networkCause } from "./network-cause.ts";

/**
 * The client's `fetch`, wrapped: it adds the `--header`s and reports each attempt (request, then
 * answer or network error) to `onExchange`, as --verbose prints it: `→ GET <url>`, `← 200 in 12 ms`.
 * Placed under the client, so it sees every retry, and only requests the client lets through: the
 * headers reach the configured Graph host only. A Request's URL cannot carry credentials, and the
 * token, in a header, never shows.
 */
export function observedFetch(
  inner: Fetch,
  {
    headers,
    now,
    onExchange,
  }: { headers: readonly [string, string][]; now: () => number; onExchange: (line: string) => void },
): Fetch {
  const names = [...new Set(headers.map(([name]) => name.toLowerCase()))];
  return async (request) => {
    // The client re-sends the same Request on a retry: set, never append twice.
    for (const name of names) request.headers.delete(name);
    for (const [name, value] of headers) request.headers.append(name, value);
    const started = now();
    const took = () => `in ${Math.round(now() - started)} ms`;
    onExchange(`→ ${request.method} ${terminalSafe(request.url)}`);
    try {
      const response = await inner(request);
      onExchange(`← ${response.status} ${took()}`);
      return response;
    } catch (error) {
      // Only fetch's TypeError is a network error (the client retries those); an abort (Ctrl-C, a
      // timeout) or a mock's own error is reported by the command.
      if (error instanceof TypeError && !request.signal.aborted) {
        onExchange(`← no response ${took()}: ${networkCause(error) ?? "network error"}`);
      }
      throw error;
    }
  };
}
