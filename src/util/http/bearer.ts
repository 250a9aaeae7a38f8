import { InvalidArgumentError } from "../../errors/invalid-argument-error.ts";
/** A bearer token, or a function called before every attempt, so refreshed tokens are used. */
export type TokenSource = string | (() => string | Promise<string>);

/** Visible ASCII only: what an Authorization header can carry without the platform rejecting it. */
const TOKEN = /^[\x21-\x7e]+$/;

/**
 * The `Authorization` value for a token. Throws an InvalidArgumentError for a token no header can carry, before
 * anything is sent, and without quoting it: fetch's own error would put the token in its message.
 */
export function bearerHeader(token: unknown): string {
  // Surrounding whitespace (a token read from a file ends with a newline) is dropped, as Headers would.
  const bare = typeof token === "string" ? token.trim() : token;
  if (typeof bare !== "string" || !TOKEN.test(bare)) {
    const what = typeof bare === "string" ? `a string of ${bare.length} characters` : typeof bare;
    throw new InvalidArgumentError("token", `token must be visible ASCII, no spaces or "Bearer ", got ${what}`);
  }
  return `Bearer ${bare}`;
}
