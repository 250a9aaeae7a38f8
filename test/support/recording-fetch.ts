/** One request as the fake fetch saw it (headers copied, since a Request's headers can change later). */
export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  redirect: RequestRedirect;
}

type Reply = Response | Error | ((request: Request) => Response | Promise<Response>);

/**
 * A fetch that records every request and answers from a script, like openapi-fetch's own tests:
 * the n-th request gets the n-th reply (the last one repeats). A reply may be a Response, an
 * Error to throw, or a function of the request.
 */
export function recordingFetch(...replies: Reply[]) {
  const requests: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      redirect: request.redirect,
    });
    const reply = replies[Math.min(requests.length, replies.length) - 1] ?? json({ status: "running" });
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return reply(request);
    return reply.clone();
  };
  return { fetch, requests };
}

/** A JSON response, as Graph sends it. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) },
  });
}

/** Graph's OData error body with its innerError ids. */
export function odataError(status: number, code: string, headers: Record<string, string> = {}): Response {
  return json(
    {
      error: {
        code,
        message: `${code} happened`,
        innerError: { date: "2026-03-02T10:14:27", "request-id": "req-1", "client-request-id": "echoed" },
      },
    },
    { status, headers },
  );
}

/**
 * A virtual clock from `start` that never waits: each sleep records its delay, rejects if the signal has
 * aborted, and moves the clock on by it.
 */
export function recordingClock(start = Date.now()) {
  const delays: number[] = [];
  let time = start;
  const clock = {
    now: () => time,
    sleep: async (ms: number, signal: AbortSignal) => {
      delays.push(ms);
      signal.throwIfAborted();
      time += ms;
    },
  };
  return { clock, delays };
}
