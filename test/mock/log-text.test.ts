import { describe, expect, it } from "vitest";
import { formatExchange } from "../../src/mock/format-exchange.ts";
import { ContractViolationError } from "../../src/mock/index.ts";

// What the mock writes for people: violation messages and log lines.
describe("ContractViolationError", () => {
  const error = (value: unknown) => new ContractViolationError("op", "request query", "/x", value, "is wrong");

  it("says what was checked, where, what is wrong and what came", () => {
    expect(error("v").message).toBe('op: request query /x is wrong (got "v")');
    expect(error(undefined).message).toBe("op: request query /x is wrong (got nothing)");
    expect(error(undefined).name).toBe("ContractViolationError");
  });

  it("shortens a long value to 120 characters", () => {
    // JSON.stringify adds the quotes: 118 letters make 120 characters, kept whole.
    expect(error("a".repeat(118)).message).toContain(`(got "${"a".repeat(118)}")`);
    expect(error("a".repeat(119)).message).toContain(`(got "${"a".repeat(116)}...)`);
  });
});

describe("formatExchange", () => {
  const exchange = { method: "GET", path: "/beta/x", status: 404, ms: 1.25, violations: [] };

  it("writes one line for an answer that no story gave", () => {
    expect(formatExchange(exchange)).toBe("GET /beta/x -> 404 1.3 ms");
  });

  it("writes one indented line per violation, each escaped", () => {
    const violation = new ContractViolationError("op", "request query", "/a\u001b", "1", "is not a parameter");
    const story = { name: "progress", step: 2, steps: 4 };
    expect(formatExchange({ ...exchange, status: 200, story, violations: [violation, violation] })).toBe(
      [
        "GET /beta/x -> 200 (progress 2/4) 1.3 ms",
        '  ! contract violation: op: request query /a\\x1b is not a parameter (got "1")',
        '  ! contract violation: op: request query /a\\x1b is not a parameter (got "1")',
      ].join("\n"),
    );
  });

  it("escapes what a terminal would act on, bidirectional overrides included", () => {
    // A path with U+202E would otherwise print reversed, hiding what was asked.
    expect(formatExchange({ ...exchange, path: "/beta/\u202ex\r\u009b" })).toBe(
      "GET /beta/\\u202ex\\r\\x9b -> 404 1.3 ms",
    );
  });
});
