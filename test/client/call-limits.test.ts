import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { discard, limitBody, readBodyText } from "../../src/util/http/read-body.ts";
import { abortable } from "../../src/util/time/abortable.ts";
import { callTimeout } from "../../src/util/time/call-timeout.ts";
import { MAX_TIMER_MS, sleep } from "../../src/util/time/sleep.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

/** A body that sends `chunks`, then stalls (or ends, if `end`); `cancelled` says whether it was cancelled. */
function body(chunks: unknown[], end = true) {
  const state = { cancelled: false as boolean, reason: undefined as unknown };
  const stream = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (end) controller.close();
    },
    cancel(reason) {
      state.cancelled = true;
      state.reason = reason;
    },
  });
  return { stream, state };
}

/** Runs `test` on vitest's fake timers, restoring the real ones after. */
const onFakeTimers = (test: () => void | Promise<void>) => async () => {
  vi.useFakeTimers();
  try {
    await test();
  } finally {
    vi.useRealTimers();
  }
};

describe("callTimeout", () => {
  it(
    "aborts with a TimeoutError after ms, by a timer of its own",
    onFakeTimers(() => {
      const { signal } = callTimeout(1_000, undefined);
      vi.advanceTimersByTime(999);
      expect(signal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(signal.reason).toBeInstanceOf(DOMException);
      expect([signal.reason.name, signal.reason.message]).toEqual(["TimeoutError", "timed out after 1000 ms"]);
    }),
  );

  it(
    "arms a timer for the longest delay setTimeout can wait, and none past it",
    onFakeTimers(() => {
      callTimeout(MAX_TIMER_MS, undefined);
      expect(vi.getTimerCount()).toBe(1);
      vi.clearAllTimers();
      const { signal } = callTimeout(MAX_TIMER_MS + 1, undefined);
      expect(vi.getTimerCount()).toBe(0);
      expect(signal.aborted).toBe(false);
    }),
  );

  it(
    "leaves the time limit to the factory when given one, arming no timer",
    onFakeTimers(() => {
      const deadline = new AbortController();
      const { signal } = callTimeout(1_000, undefined, () => deadline.signal);
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(5_000);
      expect(signal.aborted).toBe(false);
      deadline.abort(new Error("deadline"));
      expect(signal.reason).toEqual(new Error("deadline"));
    }),
  );

  it("is aborted at once when the caller's signal already is", () => {
    const { signal, clear } = callTimeout(1_000, AbortSignal.abort(new Error("gone")));
    clear();
    expect(signal.reason).toEqual(new Error("gone"));
  });

  it("stops following the caller's signal once cleared", () => {
    const caller = new AbortController();
    const { signal, clear } = callTimeout(1_000, caller.signal);
    expect(listeners(caller.signal)).toBe(1);
    clear();
    expect(listeners(caller.signal)).toBe(0);
    caller.abort();
    expect(signal.aborted).toBe(false);
  });
});

describe("abortable and sleep", () => {
  it("leave no listener on a long-lived signal once settled", async () => {
    const signal = new AbortController().signal;
    await abortable(Promise.resolve(1), signal);
    await expect(abortable(Promise.reject(new Error("no")), signal)).rejects.toThrow("no");
    expect(listeners(signal)).toBe(0);
  });

  it("leave no rejection unhandled when the signal had aborted or aborts first (the race's loser is handled)", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const stop = new Error("stop");
      // Aborted before the race: a call that then fails on its own (as graphFetch does on an aborted signal).
      await expect(abortable(Promise.reject(new Error("lost")), AbortSignal.abort(stop))).rejects.toBe(stop);
      // Aborted during it, the call failing after.
      const controller = new AbortController();
      let fail: (error: Error) => void = () => {};
      const racing = abortable(new Promise<never>((_, reject) => (fail = reject)), controller.signal);
      controller.abort(stop);
      fail(new Error("lost too"));
      await expect(racing).rejects.toBe(stop);
      // Node reports an unhandled rejection once the microtasks of the turn it happened in have run.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it(
    "sleep clears its timer when aborted",
    onFakeTimers(async () => {
      const controller = new AbortController();
      const waiting = sleep(60_000, controller.signal);
      expect(vi.getTimerCount()).toBe(1);
      controller.abort(new Error("stop"));
      await expect(waiting).rejects.toThrow("stop");
      expect(vi.getTimerCount()).toBe(0);
    }),
  );
});

describe("discard", () => {
  it("cancels a body that will not be read", () => {
    const { stream, state } = body([bytes("x")], false);
    discard(stream);
    expect(state.cancelled).toBe(true);
  });
});

describe("readBodyText", () => {
  it("reads a body of exactly maxBytes, declared or not, in one chunk or several", async () => {
    const declared = new Response("12345", { headers: { "content-length": "5" } });
    expect(await readBodyText(declared, 5)).toBe("12345");
    expect(await readBodyText(new Response(body([bytes("123"), bytes("45")]).stream), 5)).toBe("12345");
    expect(await readBodyText(new Response(body([bytes("123"), bytes("456")]).stream), 5)).toBeUndefined();
  });

  it("cancels a stalled body when the signal aborts, rejecting with its reason", async () => {
    const controller = new AbortController();
    const { stream, state } = body([bytes("{")], false);
    const reading = readBodyText(new Response(stream), 100, controller.signal);
    controller.abort(new Error("timed out"));
    await expect(reading).rejects.toThrow("timed out");
    expect(state).toEqual({ cancelled: true, reason: new Error("timed out") });
  }, 2_000);

  it("leaves no listener on the signal once read", async () => {
    const signal = new AbortController().signal;
    await readBodyText(new Response("{}"), 100, signal);
    expect(listeners(signal)).toBe(0);
  });

  it("fails on a chunk that is not bytes", async () => {
    await expect(readBodyText(new Response(body(["text"]).stream), 100)).rejects.toThrow(
      new TypeError("a body chunk is not bytes"),
    );
  });
});

describe("limitBody", () => {
  const tooLarge = () => new Error("too large");
  const limit = (response: Response, maxBytes: number, signal?: AbortSignal) => {
    const calls = { settled: 0 };
    const limited = limitBody(response, { maxBytes, tooLarge, settled: () => calls.settled++, signal });
    return { limited, calls };
  };

  it("refuses a declared length past the limit before reading, settling once", () => {
    const { stream, state } = body([bytes("123456")]);
    const settled = vi.fn();
    const response = new Response(stream, { headers: { "content-length": "6" } });
    expect(() => limitBody(response, { maxBytes: 5, tooLarge, settled, signal: undefined })).toThrow("too large");
    expect([state.cancelled, settled.mock.calls.length]).toEqual([true, 1]);
  });

  it("passes a body of exactly maxBytes, and settles when it ends", async () => {
    const { limited, calls } = limit(new Response(body([bytes("123"), bytes("45")]).stream), 5);
    expect(await limited.text()).toBe("12345");
    expect(calls.settled).toBe(1);
  });

  it("keeps the response's url", () => {
    const response = new Response("{}");
    Object.defineProperty(response, "url", { value: "https://graph.microsoft.com/beta/x" });
    expect(limit(response, 5).limited.url).toBe("https://graph.microsoft.com/beta/x");
  });

  it("errors with the signal's reason when it aborts, settling", async () => {
    const controller = new AbortController();
    const { stream, state } = body([bytes("{")], false);
    const { limited, calls } = limit(new Response(stream), 100, controller.signal);
    const reading = limited.text();
    controller.abort(new Error("timed out"));
    await expect(reading).rejects.toThrow("timed out");
    expect([state.cancelled, calls.settled > 0]).toEqual([true, true]);
  }, 2_000);

  it("passes on the error of a body that fails, settling", async () => {
    const failing = new ReadableStream({ pull: (controller) => controller.error(new Error("reset")) });
    const { limited, calls } = limit(new Response(failing), 100);
    await expect(limited.text()).rejects.toThrow("reset");
    expect(calls.settled).toBe(1);
  });

  it("cancels the original when the limited body is cancelled, settling", async () => {
    const { stream, state } = body([bytes("{")], false);
    const { limited, calls } = limit(new Response(stream), 100);
    await limited.body?.cancel(new Error("not needed"));
    expect([state.cancelled, calls.settled]).toEqual([true, 1]);
  });

  it("fails on a chunk that is not bytes", async () => {
    await expect(limit(new Response(body(["text"]).stream), 100).limited.text()).rejects.toThrow(
      "a body chunk is not bytes",
    );
  });
});
