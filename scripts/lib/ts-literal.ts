// Emits data as a TypeScript literal that keeps every key as data, for the generated modules.

/**
 * `value` (JSON data) as a TypeScript expression, laid out as `JSON.stringify(value, null, 2)` lays out JSON.
 * A key `__proto__` is written computed (`["__proto__"]`): in a literal, `"__proto__": x` sets the object's
 * prototype instead of adding a property, so a schema property or operationId of that name would vanish.
 * With `as const` after it, every other key and value keeps its literal type. JSON.stringify itself writes it
 * (a tenth of the time of a walk of our own on a large spec); a key is the only thing that can start a line with
 * `"`, as strings escape their line breaks, so the rewrite touches keys only. A cycle is a TypeError.
 */
export function tsLiteral(value: unknown): string {
  const json = JSON.stringify(value, null, 2) ?? "undefined";
  // Most specs have no such key: a plain search of the text costs a tenth of the rewrite's pass over it.
  return json.includes('"__proto__": ') ? json.replace(/^( *)"__proto__": /gm, '$1["__proto__"]: ') : json;
}
