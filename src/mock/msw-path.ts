import { mapPathParameters } from "../openapi/paths.ts";

/**
 * Turns an OpenAPI path template into an MSW path. MSW (path-to-regexp) reads a parameter
 * name as `\w+`, so `{user-id}` would become `:user` followed by a literal `-id`; names are
 * rewritten to camelCase and mapped back.
 */
export function toMswPath(template: string): { path: string; names: Map<string, string> } {
  const names = new Map<string, string>();
  const path = mapPathParameters(template, (specName) => {
    let mswName = specName.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next?: string) => (next ?? "").toUpperCase());
    while (names.has(mswName)) mswName += "_";
    names.set(mswName, specName);
    return `:${mswName}`;
  });
  return { path, names };
}
