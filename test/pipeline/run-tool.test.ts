import { describe, expect, it } from "vitest";
import { runTool, ToolError } from "../../scripts/lib/run-tool.ts";

const node = (script: string, options: Parameters<typeof runTool>[2] = {}) =>
  runTool(process.execPath, ["-e", script], options);

describe("runTool", () => {
  it("returns what the tool printed", async () => {
    expect(await node("process.stdout.write('out')")).toBe("out");
  });

  it("stops a tool that runs past its time, even one that ignores SIGTERM, and says so", async () => {
    const started = performance.now();
    const error = await node("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)", {
      timeoutMs: 1_000,
    }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).message).toMatch(/ did not finish within 1 s, so it was stopped$/);
    expect((error as ToolError).exitCode).toBeUndefined();
  });

  it("stops a tool that prints more than its limit", async () => {
    const error = await node("setInterval(() => process.stdout.write('x'.repeat(65536)), 1)", {
      maxBuffer: 1024 * 1024,
    }).catch((e: unknown) => e);
    expect((error as ToolError).message).toMatch(/ printed more than 1048576 bytes, so it was stopped$/);
  });

  it("reports the exit code and the output of a tool that fails", async () => {
    const error = (await node("console.error('bad spec'); process.exit(3)").catch((e: unknown) => e)) as ToolError;
    expect(error.message).toMatch(/ exited with code 3$/);
    expect(error.exitCode).toBe(3);
    expect(error.output).toBe("bad spec\n");
  });
});
