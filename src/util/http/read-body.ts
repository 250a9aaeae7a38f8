const decoder = new TextDecoder();
const ignore = () => {};

/**
 * Cancels a body that will not be read, freeing its connection. Not awaited: a tee'd body's cancel
 * settles only once every branch is cancelled.
 */
export const discard = (body: ReadableStream | null | undefined): void => {
  body?.cancel().catch(ignore);
};

/** True when the response declares a body longer than `maxBytes` (refused before reading any of it). */
const declaredTooLong = (response: Response, maxBytes: number) =>
  Number(response.headers.get("content-length")) > maxBytes;

/**
 * The body as UTF-8 text, or undefined once it passes `maxBytes`: its stream is then cancelled, so
 * no more of it is downloaded (or decompressed). A body stream that errors rejects as it does; an
 * abort of `signal` cancels the stream and rejects with its reason. That is done here rather than
 * left to fetch: undici follows a signal through weak references, which garbage collection can
 * drop once the Request is gone, and a stalled body then never ends.
 */
export async function readBodyText(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const { body } = response;
  if (body === null) return "";
  if (declaredTooLong(response, maxBytes)) {
    discard(body);
    return undefined;
  }
  const reader = body.getReader();
  const onAbort = () => reader.cancel(signal?.reason).catch(ignore);
  // A signal aborted already fires no event: the body is cancelled at once, and the read ends.
  signal?.aborted ? onAbort() : signal?.addEventListener("abort", onAbort);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A read cancelled by the abort ends as if the body had.
      signal?.throwIfAborted();
      if (done) break;
      size += bytesOf(value);
      if (size > maxBytes) {
        reader.cancel().catch(ignore);
        return undefined;
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  return decoder.decode(chunks.length === 1 ? chunks[0] : await new Blob(chunks).arrayBuffer());
}

/** What limitBody needs besides the response. */
export interface BodyLimit {
  maxBytes: number;
  tooLarge: () => Error;
  /** Runs once the body is read, cancelled or failed, or at once when there is none. */
  settled: () => void;
  /**
   * Cancels the body, which then errors with the signal's reason (see readBodyText for why); it is
   * listened to only until the body settles.
   */
  signal: AbortSignal | undefined;
}

/**
 * The response with a body that errors with `tooLarge()` once it passes `maxBytes` (cancelling the
 * original), for callers that read it themselves (openapi-fetch, under `raw`).
 */
export function limitBody(response: Response, { maxBytes, tooLarge, settled, signal }: BodyLimit): Response {
  const source = response.body;
  if (source === null) {
    settled();
    return response;
  }
  if (declaredTooLong(response, maxBytes)) {
    discard(source);
    settled();
    throw tooLarge();
  }
  const reader = source.getReader();
  let size = 0;
  let onAbort = ignore;
  // The listener goes once the body settles: a caller's long-lived signal must not collect one per body.
  const end = () => {
    signal?.removeEventListener("abort", onAbort);
    settled();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        reader.cancel(signal?.reason).catch(ignore);
        controller.error(signal?.reason);
        end();
      };
      // A signal aborted already fires no event: the body errors at once.
      signal?.aborted ? onAbort() : signal?.addEventListener("abort", onAbort);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          return controller.close();
        }
        size += bytesOf(value);
        if (size <= maxBytes) return controller.enqueue(value);
        reader.cancel().catch(ignore);
        end();
        controller.error(tooLarge());
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    cancel(reason) {
      end();
      return reader.cancel(reason);
    },
  });
  const limited = new Response(body, response);
  // The constructor cannot set `url`, which callers (and a 202's relative Location) may need.
  Object.defineProperty(limited, "url", { value: response.url });
  return limited;
}

/** A chunk's size; a custom fetch's stream of anything but bytes fails as reading it would. */
function bytesOf(chunk: unknown): number {
  if (!(chunk instanceof Uint8Array)) throw new TypeError("a body chunk is not bytes");
  return chunk.byteLength;
}
