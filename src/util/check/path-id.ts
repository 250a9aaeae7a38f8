import { InvalidArgumentError } from "../../errors/invalid-argument-error.ts";

/**
 * Throws unless `value` can be one path segment: a non-empty string other than `.` and `..`
 * (which URL normalisation would turn into path traversal), with no lone surrogate.
 */
export function assertPathId(name: string, value: unknown): asserts value is string {
  if (typeof value !== "string") {
    const got = value === null ? "null" : typeof value;
    throw new InvalidArgumentError(name, `${name} must be a string, got ${got}`);
  }
  if (value === "" || value === "." || value === "..") {
    throw new InvalidArgumentError(name, `${name} must not be ${JSON.stringify(value)}`);
  }
  // encodeURIComponent throws a bare URIError on a lone surrogate; name the parameter instead.
  if (!value.isWellFormed()) {
    throw new InvalidArgumentError(name, `${name} has a lone surrogate`);
  }
}
