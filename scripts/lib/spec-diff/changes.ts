// The vocabulary of spec:diff: a change, how bad it is for a client, and where it is.
import { childPointer } from "../../../src/openapi/json-pointer.ts";

export type Severity = "breaking" | "non-breaking";

export interface Change {
  severity: Severity;
  /** Stable kind of change, for example `enum-value-removed`. */
  code: string;
  /** Where: in the new spec, or in the old one for something removed. */
  pointer: string;
  message: string;
  /** The operations that reach the change (empty for top-level changes). */
  operations: string[];
}

/** Collects changes; a schema shared through `$ref` is reported once, listing every operation that reaches it. */
export class ChangeLog {
  readonly #byKey = new Map<string, Change>();
  operation = "";

  add(severity: Severity, code: string, pointer: string, message: string): void {
    const key = `${severity} ${code} ${pointer} ${message}`;
    const change = this.#byKey.get(key) ?? { severity, code, pointer, message, operations: [] };
    this.#byKey.set(key, change);
    if (this.operation && !change.operations.includes(this.operation)) change.operations.push(this.operation);
  }

  /** Breaking first, then by pointer, so reports read the same on every run. */
  list(): Change[] {
    return [...this.#byKey.values()].sort(
      (a, b) =>
        Number(a.severity !== "breaking") - Number(b.severity !== "breaking") ||
        a.pointer.localeCompare(b.pointer) ||
        a.code.localeCompare(b.code),
    );
  }
}

/** Keys that only document (never change what goes over the wire). */
export const DOC_KEYS = ["summary", "description", "title", "example", "examples", "externalDocs", "deprecated"];

/** Reports each documentation key or `x-` extension that differs, as non-breaking. */
export function compareDocs(log: ChangeLog, oldNode: object, newNode: object, pointer: string, keys = DOC_KEYS): void {
  const o = oldNode as Record<string, unknown>;
  const n = newNode as Record<string, unknown>;
  const extensions = [...Object.keys(o), ...Object.keys(n)].filter((k) => k.startsWith("x-"));
  for (const key of new Set([...keys, ...extensions])) {
    if (JSON.stringify(o[key]) === JSON.stringify(n[key])) continue;
    const what = key.startsWith("x-") ? "extension" : "documentation";
    const verb = o[key] === undefined ? "added" : n[key] === undefined ? "removed" : "changed";
    log.add("non-breaking", `${what}-${verb}`, childPointer(pointer, key), `${key} ${verb}`);
  }
}
