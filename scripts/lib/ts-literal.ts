// Emits data as a TypeScript literal that keeps every key as data, for the generated modules.

/**
 * `value` (JSON data) as a TypeScript expression, laid out as `JSON.stringify(value, null, 2)` lays out JSON.
 * A key `__proto__` is written computed (`["__proto__"]`): in a literal, `"__proto__": x` sets the object's
 * prototype instead of adding a property, so a schema property or operationId of that name would vanish.
 * With `as const` after it, every other key and value keeps its literal type.
 */
export function tsLiteral(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    // JSON.stringify writes a hole or an undefined element as null; so does this.
    const items = Array.from(value, (item) => `${inner}${item === undefined ? "null" : tsLiteral(item, inner)}`);
    return `[\n${items.join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    const members = entries.map(([key, item]) => `${inner}${tsKey(key)}: ${tsLiteral(item, inner)}`);
    return `{\n${members.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function tsKey(key: string): string {
  return key === "__proto__" ? `[${JSON.stringify(key)}]` : JSON.stringify(key);
}
