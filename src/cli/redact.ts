/**
 * Credentials in text the command is about to write. Each pass is linear in the text: a server's
 * answer can be megabytes, and a backtracking pattern over it would hold the command (and Ctrl-C).
 */

/** A token under 8 characters is no real one, and replacing it would mangle ordinary words. */
const MIN_SECRET_LENGTH = 8;

/**
 * Userinfo in any URL of a text (`https://user:pass@host`). Both parts are bounded, so each position
 * is tried a bounded number of steps; userinfo never holds `"` or `\` raw, so a match cannot reach
 * across a JSON string's end and the JSON stays valid.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@"\\]{0,1024}@/gi;

export function redactCredentials(text: string): string {
  return text.includes("://") ? text.replace(USERINFO, "$1") : text;
}

/** `text` with the token replaced (as sent, and as JSON escapes it), and URL credentials removed. */
export function redactSecrets(text: string, token: string | undefined): string {
  let safe = text;
  if (token !== undefined && token.length >= MIN_SECRET_LENGTH) {
    safe = safe.replaceAll(token, "[redacted]");
    const escaped = JSON.stringify(token).slice(1, -1);
    if (escaped !== token) safe = safe.replaceAll(escaped, "[redacted]");
  }
  return redactCredentials(safe);
}
