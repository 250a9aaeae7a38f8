import { SELECT_OPTION } from "../openapi/select-option.ts";

/** The outcome of reading `$select` (or beta's `select`) from a query string. */
export type SelectResult =
  | { kind: "all" }
  | { kind: "some"; names: string[] }
  | { kind: "unknownProperty"; name: string }
  | { kind: "invalid"; reason: string };

/** Reads the select option against the names the spec allows. */
export function readSelect(query: URLSearchParams, allowed: readonly string[]): SelectResult {
  const given = [...query].filter(([name]) => SELECT_OPTION.test(name));
  if (given.length === 0) return { kind: "all" };
  if (given.length > 1) {
    return {
      kind: "invalid",
      reason: "Query option '$select' was specified more than once, it must be specified at most once.",
    };
  }
  const names = (given[0]?.[1] ?? "").split(",").map((name) => name.trim());
  if (names.some((name) => name === ""))
    return { kind: "invalid", reason: "Syntax error: an empty property name in '$select'." };
  const unknown = names.find((name) => !allowed.includes(name));
  if (unknown !== undefined) return { kind: "unknownProperty", name: unknown };
  return { kind: "some", names: [...new Set(names)] };
}

/** Keeps the selected properties and the OData annotations, as Graph does. */
export function projectProperties(body: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key.startsWith("@odata.") || names.includes(key)));
}
