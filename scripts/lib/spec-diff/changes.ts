// The vocabulary of spec:diff: a change, how bad it is for a client, where it is, and who reports it.
import { childPointer } from "../../../src/openapi/json-pointer.ts";

export type Severity = "breaking" | "non-breaking";

/** Every kind of change spec:diff reports: stable names that tools may match on. */
export type ChangeCode =
  | `${"documentation" | "extension"}-${"added" | "removed" | "changed"}`
  | `server-${"added" | "removed" | "cloud-changed"}`
  | "security-changed"
  | `${"operation" | "path"}-removed`
  | "operation-added"
  | "operation-id-changed"
  | "path-param-renamed"
  | `parameter-${"added" | "removed" | "became-required" | "became-optional" | "serialization-changed"}`
  | "required-parameter-added"
  | `request-body-${"added" | "added-required" | "removed" | "became-required"}`
  | `response-${"added" | "removed" | "code-to-range" | "header-added" | "header-removed"}`
  | `header-became-${"required" | "optional"}`
  | `media-type-${"added" | "removed"}`
  | `type-${"changed" | "widened" | "narrowed"}`
  | `enum-${"added" | "removed" | "value-added" | "value-removed" | "value-added-no-sentinel" | "value-added-before-sentinel" | "value-moved-before-sentinel"}`
  | `property-${"added" | "removed" | "became-required" | "became-optional"}`
  | "required-property-added"
  | `constraint-${"tightened" | "changed"}`
  | "composition-changed";

export interface Change {
  severity: Severity;
  code: ChangeCode;
  /** Where: in the new spec, or in the old one for something removed. */
  pointer: string;
  message: string;
  /** The operations that reach the change (empty for top-level changes). */
  operations: string[];
}

/** Reports changes on behalf of one operation (or of the document's top level). */
export interface Reporter {
  breaking(code: ChangeCode, at: string, message: string): void;
  nonBreaking(code: ChangeCode, at: string, message: string): void;
}

/** Collects changes; a schema shared through `$ref` is reported once, listing every operation that reaches it. */
export class ChangeLog {
  readonly #byKey = new Map<string, Change>();

  /** A reporter whose changes list `operation`; none for changes outside any operation. */
  reporter(operation?: string): Reporter {
    const add = (severity: Severity) => (code: ChangeCode, pointer: string, message: string) => {
      const key = `${severity} ${code} ${pointer} ${message}`;
      const change = this.#byKey.get(key) ?? { severity, code, pointer, message, operations: [] };
      this.#byKey.set(key, change);
      if (operation && !change.operations.includes(operation)) change.operations.push(operation);
    };
    return { breaking: add("breaking"), nonBreaking: add("non-breaking") };
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
export function compareDocs(
  report: Reporter,
  oldNode: object,
  newNode: object,
  pointer: string,
  keys = DOC_KEYS,
): void {
  const o = oldNode as Record<string, unknown>;
  const n = newNode as Record<string, unknown>;
  const extensions = [...Object.keys(o), ...Object.keys(n)].filter((k) => k.startsWith("x-"));
  for (const key of new Set([...keys, ...extensions])) {
    if (JSON.stringify(o[key]) === JSON.stringify(n[key])) continue;
    const what = key.startsWith("x-") ? "extension" : "documentation";
    const verb = o[key] === undefined ? "added" : n[key] === undefined ? "removed" : "changed";
    report.nonBreaking(`${what}-${verb}`, childPointer(pointer, key), `${key} ${verb}`);
  }
}
