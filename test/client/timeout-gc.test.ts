import { describe, expect, it } from "vitest";
import { spawnNode } from "../support/spawn-node.ts";

describe("timeoutMs under garbage collection (Node 20)", () => {
  // AbortSignal.any over AbortSignal.timeout lost the timeout once collected: a call with
  // timeoutMs 1000 ended after 34–44 s without headers, and a stalled body never ended.
  it("ends a call that gets no headers, or a body that stalls, at its timeout", async () => {
    const probe = spawnNode(["--expose-gc", "test/support/timeout-probe.ts"], { PROBE_TIMEOUT_MS: "1000" });
    const kill = setTimeout(() => probe.child.kill("SIGKILL"), 40_000);
    const { code, stdout, stderr } = await probe.finally(() => clearTimeout(kill));
    expect(stderr).toBe("");
    const results = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { case: string; ended: string; ms: number });
    expect(results.map((r) => [r.case, r.ended])).toEqual([
      ["no headers", "TimeoutError"],
      ["stalled body", "TimeoutError"],
      ["stalled body, raw", "TimeoutError"],
    ]);
    // A second of slack for a busy machine; the old code took 34 s or more.
    for (const { ms } of results) {
      expect(ms).toBeGreaterThanOrEqual(1000);
      expect(ms).toBeLessThan(2500);
    }
    expect(code).toBe(0);
  }, 60_000);
});
