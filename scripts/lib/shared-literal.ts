// Writes data as JavaScript with each repeated part once: the data module (the dereferenced spec) and the mock
// module. A dereferenced spec repeats each referenced schema wherever it is used; written out in full, a spec of
// thousands of paths takes tens of megabytes and most of generate's time (decision 0025h).

/** Parts shorter than this are written where they are used; a name and a reference would save little. */
const SHARED_MIN_CHARS = 200;

export interface SharedLiteralOptions {
  /** Parts to name even when met once, by their JSON: each name given is paired with the part's const in `links`. */
  linked?: ReadonlyMap<string, string>;
  /** Spaces per level, as `JSON.stringify(value, null, indent)` lays JSON out; 0 writes each part on one line. */
  indent?: number;
}

export interface SharedLiteral {
  /** `const sN = … as const;` for each repeated part, each before its first use. */
  declarations: string[];
  /** The value, naming the declared parts. */
  expression: string;
  /** Each linked part's const, with the name it was linked to. */
  links: [string, string][];
  /**
   * How many characters the value takes with every part written out in full (dereferenced), as
   * `JSON.stringify(value, null, indent)` writes it: what a `$ref` bomb would make of it.
   */
  chars: number;
}

/**
 * `value` (JSON data) as JavaScript: an object or list met twice or more (equal as JSON) is written once as a
 * `const` before its first use, and named wherever it appears; so is each part `linked` names. Readers of the data
 * never change it, so one object in several places is safe, as it is in a dereferenced bundle held in memory.
 * Keys and strings are JSON literals; a `__proto__` key is written computed, or the literal would set the object's
 * prototype instead. A part that contains itself (a recursive schema) is a TypeError, as for JSON.stringify.
 */
export function sharedLiteral(
  value: unknown,
  { linked = new Map(), indent = 0 }: SharedLiteralOptions = {},
): SharedLiteral {
  const isPart = (v: unknown): v is object => v !== null && typeof v === "object";
  const [colon, pad] = indent ? [": ", (depth: number) => `\n${" ".repeat(indent * depth)}`] : [":", () => ""];
  // Array.from, not map: a hole is an entry (JSON writes it null), where map would skip it.
  const entriesOf = (v: object): [string | undefined, unknown][] =>
    Array.isArray(v)
      ? Array.from(v, (x) => [undefined, x])
      : Object.entries(v).filter((entry): entry is [string, unknown] => entry[1] !== undefined);
  // Each distinct part gets a number, from its keys and its own parts' numbers (never its whole text, which
  // would cost its size at every level of a large spec); equal parts, however reached, get the same one.
  const byObject = new Map<object, number>();
  const byKey = new Map<string, number>();
  // Each distinct part's length as JSON.stringify(part, null, indent) writes it, and its line breaks, by which
  // it grows by `indent` for each level further down it is written.
  const chars: number[] = [];
  const breaks: number[] = [];
  const VISITING = -1;
  const idOf = (v: object): number => {
    const known = byObject.get(v);
    if (known === VISITING) throw new TypeError("a part of it contains itself (a recursive schema)");
    if (known !== undefined) return known;
    byObject.set(v, VISITING);
    const entries = entriesOf(v);
    // `{` and `}`, a comma between entries; laid out, a line for each entry, indented one level, and one to close.
    let size = 2 + Math.max(entries.length - 1, 0) + (indent && entries.length ? 1 : 0);
    let lines = indent && entries.length ? entries.length + 1 : 0;
    let key = Array.isArray(v) ? "[" : "{";
    for (const [k, x] of entries) {
      let part: string;
      if (isPart(x)) {
        const id = idOf(x);
        part = `#${id}`;
        size += (chars[id] ?? 0) + indent * (breaks[id] ?? 0);
        lines += breaks[id] ?? 0;
      } else {
        part = JSON.stringify(x) ?? "null";
        size += part.length;
      }
      if (indent) size += 1 + indent;
      if (k === undefined) {
        key += `${part},`;
      } else {
        const name = JSON.stringify(k);
        key += `${name}:${part},`;
        size += name.length + colon.length;
      }
    }
    let id = byKey.get(key);
    if (id === undefined) {
      id = chars.length;
      byKey.set(key, id);
      chars.push(size);
      breaks.push(lines);
    }
    byObject.set(v, id);
    return id;
  };
  const seen: number[] = [];
  const count = (v: unknown) => {
    if (!isPart(v)) return;
    const id = idOf(v);
    seen[id] = (seen[id] ?? 0) + 1;
    // A part met again is written once, with its parts inside it: they are counted once.
    if (seen[id] === 1) for (const [, child] of entriesOf(v)) count(child);
  };
  count(value);
  const linkOf = new Map([...linked].map(([json, name]) => [idOf(JSON.parse(json) as object), name]));
  const names = new Map<number, string>();
  const declarations: string[] = [];
  const links: [string, string][] = [];
  const emit = (v: unknown, depth: number, top = false): string => {
    if (!isPart(v)) return JSON.stringify(v) ?? "null";
    const id = idOf(v);
    const link = linkOf.get(id);
    const shared = !top && (link !== undefined || ((seen[id] ?? 0) > 1 && (chars[id] ?? 0) >= SHARED_MIN_CHARS));
    const named = shared ? names.get(id) : undefined;
    if (named !== undefined) return named;
    // A declared part starts at the left margin, wherever it is first used.
    const level = shared ? 0 : depth;
    const parts = entriesOf(v).map(([k, x]) => {
      const written = emit(x, level + 1);
      return k === undefined ? written : `${k === "__proto__" ? '["__proto__"]' : JSON.stringify(k)}${colon}${written}`;
    });
    const inside = parts.length ? `${pad(level + 1)}${parts.join(`,${pad(level + 1)}`)}${pad(level)}` : "";
    const text = Array.isArray(v) ? `[${inside}]` : `{${inside}}`;
    if (!shared) return text;
    const name = `s${names.size}`;
    names.set(id, name);
    declarations.push(`const ${name} = ${text} as const;`);
    if (link !== undefined) links.push([name, link]);
    return name;
  };
  const expression = emit(value, 0, true);
  return { declarations, expression, links, chars: isPart(value) ? (chars[idOf(value)] ?? 0) : expression.length };
}
