import { defaultPathSerializer } from "openapi-fetch";

/**
 * Throws unless `value` can be one path segment: a non-empty string other than `.` and `..`
 * (which URL normalisation would turn into path traversal), with no lone surrogate.
 */
export function assertPathId(name: string, value: unknown): asserts value is string {
  if (typeof value !== "string") {
    const got = value === null ? "null" : value === undefined ? "missing" : typeof value;
    throw new TypeError(`${name} must be a string, got ${got}`);
  }
  if (value === "" || value === "." || value === "..") {
    throw new TypeError(`${name} must not be ${JSON.stringify(value)}: it would change the path`);
  }
  // encodeURIComponent throws a bare URIError on a lone surrogate; name the parameter instead.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    throw new TypeError(`${name} must be well-formed Unicode (it has a lone surrogate)`);
  }
}

const PARAM = /\{([^{}]+)\}/g;

/** openapi-fetch's own path serializer, after checking every parameter the template names. */
export function safePathSerializer(pathname: string, params: Record<string, unknown>): string {
  for (const [, name] of pathname.matchAll(PARAM)) assertPathId(name as string, params[name as string]);
  return defaultPathSerializer(pathname, params);
}
