/**
 * Secrets out of text: the token a request was sent with, a password sent or returned, and the
 * userinfo of URLs. The one home of redaction for the library, the mock and the CLI. Each pass is
 * linear in the text: a server's answer can be megabytes, and a backtracking pattern over it would
 * hold the command (and Ctrl-C).
 */

/** What stands where a secret was. */
export const REDACTED = "[redacted]";

/**
 * A token under 8 characters is no real one (a test's "t"), and replacing it would mangle ordinary words
 * ("t" in "itemNotFound", a code the client reads). A password has no minimum: Graph refuses one under 8
 * characters, and may quote it in the refusal.
 */
export const MIN_SECRET_LENGTH = 8;

/** The token a request was sent with, as a secret to redact: undefined when it is too short to be one. */
export const tokenSecret = (token: string | undefined): string | undefined =>
  token && token.length >= MIN_SECRET_LENGTH ? token : undefined;

/** `value` with every secret replaced (each token through tokenSecret first), if it is a string; any other value as it is. */
export function redact<T>(value: T, secrets: readonly (string | undefined)[]): T {
  let safe: unknown = value;
  for (const s of secrets) if (typeof safe === "string" && s) safe = safe.replaceAll(s, REDACTED);
  return safe as T;
}

/** A secret as it appears inside a JSON string (`"` and `\` escaped), for text that is JSON. */
export const asInJson = (secret: string): string => JSON.stringify(secret).slice(1, -1);

/**
 * JSON text parsed with the secrets replaced in every string, property names too: each string is
 * judged once parsed, so an escape (`\u0074oken`) cannot hide one. Throws as JSON.parse does.
 */
export function parseRedacted(text: string, secrets: readonly (string | undefined)[]): unknown {
  return JSON.parse(text, function (this: Record<string, unknown>, key, value) {
    // A name that held a secret moves to its redacted name: returning undefined deletes the original.
    const name = redact(key, secrets);
    if (name === key) return redact(value, secrets);
    this[name] = redact(value, secrets);
  });
}

/** A URL without its userinfo (`https://user:pass@host` → `https://host`); text that is no URL as it is. */
export function withoutCredentials(url: string): string {
  if (!url.includes("@")) return url;
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * Userinfo in any URL of a text. Both parts are bounded, so each position is tried a bounded number
 * of steps; userinfo never holds `"` or `\` raw, so a match cannot reach across a JSON string's end
 * and the JSON stays valid.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@"\\]{0,1024}@/gi;

/** `text` with the userinfo of every URL in it removed. */
export function redactCredentials(text: string): string {
  return text.includes("://") ? text.replace(USERINFO, "$1") : text;
}
