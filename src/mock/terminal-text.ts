/**
 * Escapes C0 and C1 control characters (and DEL) as `\xHH`, so that text from a request (a path,
 * an id, a header) cannot move the cursor, retitle the window or write the clipboard of the
 * terminal that prints it. Newlines and tabs are escaped too: one request stays one line.
 */
export function escapeControls(text: string): string {
  // Unicode's Cc category is exactly C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F).
  return text.replace(/\p{Cc}/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
