/** A bearer token, or a function called before every attempt, so refreshed tokens are used. */
export type TokenSource = string | (() => string | Promise<string>);

/** Visible ASCII only: what an Authorization header can carry without the platform rejecting it. */
const TOKEN = /^[\x21-\x7e]+$/;

/**
 * The `Authorization` value for a token. Throws a TypeError for a token no header can carry, before
 * anything is sent, and without quoting it: fetch's own error would put the token in its message.
 */
export function bearerHeader(token: unknown): string {
  if (typeof token !== "string" || !TOKEN.test(token)) {
    const what = typeof token === "string" ? `a string of ${token.length} characters` : typeof token;
    throw new TypeError(`the token must be the bare token (no "Bearer "): visible ASCII without spaces, got ${what}`);
  }
  return `Bearer ${token}`;
}
