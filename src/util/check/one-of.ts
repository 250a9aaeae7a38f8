import { InvalidArgumentError } from "../../errors/invalid-argument-error.ts";

/**
 * The item whose name is `value` (compared with ===, so `constructor` names nothing); else an
 * InvalidArgumentError for `argument` listing the names. The bad value is quoted only as a string
 * clipped to 40 characters (it may be a secret in the wrong place), anything else named by its type
 * (JSON.stringify would throw on a BigInt, and write a Symbol as undefined).
 */
export function oneOf<T extends object>(
  argument: string,
  items: readonly T[],
  nameOf: (item: T) => unknown,
  value: unknown,
): T {
  const found = items.find((item) => nameOf(item) === value);
  if (found) return found;
  const got = typeof value === "string" ? `"${value.slice(0, 40)}"` : typeof value;
  throw new InvalidArgumentError(argument, `${argument} must be one of ${items.map(nameOf).join(", ")}, got ${got}`);
}
