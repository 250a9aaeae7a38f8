import { InvalidArgumentError } from "../../errors/invalid-argument-error.ts";

/**
 * `value` if it is a number from `min` to `max` (and a whole one if `whole`); else an
 * InvalidArgumentError naming it as the caller wrote it (`timeoutMs`, `retry.maxRetries`). NaN, a
 * string or a missing value never passes: any of them would make a bound or a wait meaningless.
 */
export function checkNumber(
  name: string,
  value: unknown,
  min: number,
  whole?: boolean,
  max: number = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value === "number" && value >= min && value <= max && (!whole || Number.isInteger(value))) return value;
  throw new InvalidArgumentError(
    name,
    // Only a number is quoted: a string may be a secret put in the wrong place, and a Symbol cannot be.
    `${name} must be a ${whole ? "whole " : ""}number from ${min} to ${max}, got ${typeof value === "number" ? value : typeof value}`,
  );
}
