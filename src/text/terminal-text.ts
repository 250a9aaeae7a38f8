/**
 * Characters a terminal may act on instead of showing: C0 controls (ESC starts CSI and OSC
 * sequences, CR rewrites the line), DEL, C1 controls (U+009B is a one-character CSI), the line and
 * paragraph separators, and the bidirectional overrides and isolates that reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** What JSON.stringify leaves raw: everything above but C0, which it escapes (so indentation's newlines stay). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` made safe to print: every unsafe character is shown as an escape (`\x1b`, `\r`, `\u202e`), never acted on. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => NAMED[char] ?? escapeCode(char.charCodeAt(0)));
}

/**
 * JSON for a terminal or a script. JSON.stringify escapes C0 controls but leaves DEL, C1 controls,
 * U+2028/9 and the bidi controls raw; those can only occur inside strings, so escaping them keeps
 * the JSON valid and its value equal.
 */
export function jsonLine(value: unknown, indent?: number): string {
  return json(value, indent).replace(UNSAFE_IN_JSON, (char) => `\\u${hex(char.charCodeAt(0), 4)}`);
}

/** How deep a value is written when it is too deep for JSON.stringify (a valid answer can nest thousands deep). */
export const MAX_JSON_DEPTH = 256;
/** What stands for a value nested deeper than MAX_JSON_DEPTH. */
export const TOO_DEEP = `[nested deeper than ${MAX_JSON_DEPTH} levels]`;

/** JSON.stringify's text; when it runs out of stack, the same value written down to MAX_JSON_DEPTH. */
function json(value: unknown, indent: number | undefined): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return JSON.stringify(bounded(value, MAX_JSON_DEPTH, TOO_DEEP), null, indent);
  }
}

/**
 * JSON data copied down to `maxDepth` levels, a value deeper replaced by `tooDeep`, and every string and key
 * passed through `text`: what can be written quickly and without overflowing the stack.
 */
export function bounded(
  value: unknown,
  maxDepth: number,
  tooDeep: string,
  text: (s: string) => string = (s) => s,
  depth = 0,
): unknown {
  if (typeof value === "string") return text(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= maxDepth) return tooDeep;
  const inner = (item: unknown) => bounded(item, maxDepth, tooDeep, text, depth + 1);
  if (Array.isArray(value)) return value.map(inner);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), inner(item)]));
}

/** A server's text cut to a line's worth: a status or detail of megabytes is no message. */
export function clip(text: string, max = 500): string {
  if (text.length <= max) return text;
  // Never cut inside a run of bearer-token characters (RFC 6750's b64token): the CLI replaces a token
  // only whole, where the line is written, so the half of one before the cut would show.
  let end = max;
  if (TOKEN_CHAR.test(text.charAt(end))) while (end > 0 && TOKEN_CHAR.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

const TOKEN_CHAR = /[\w.~+/=-]/;

function escapeCode(code: number): string {
  return code < 0x100 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

const hex = (code: number, width: number) => code.toString(16).padStart(width, "0");
