// RFC 6901 JSON pointers: the one home of their escaping, for the mock's violations and the scripts' reports.

/** Escapes one reference token: `~` as `~0`, `/` as `~1` (a path such as `/users/{id}` is one token). */
export const escapeToken = (token: string | number): string =>
  String(token).replaceAll("~", "~0").replaceAll("/", "~1");

/** Undoes escapeToken; `~1` first would turn `~01` into `/` instead of `~1`. */
export const unescapeToken = (token: string): string => token.replaceAll("~1", "/").replaceAll("~0", "~");

/** Appends tokens to a pointer, escaping each. */
export function childPointer(pointer: string, ...tokens: (string | number)[]): string {
  return pointer + tokens.map((t) => `/${escapeToken(t)}`).join("");
}

/** The value at a pointer, or undefined when any token is missing (own properties only). */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let node = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = unescapeToken(raw);
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
