import { defaultPathSerializer } from "openapi-fetch";
import { pathParameterNames } from "../openapi/paths.ts";
import { assertPathId } from "../util/check/path-id.ts";

/** Parameter names by template: a client uses a handful of templates, so each is scanned once. */
const namesOf = new Map<string, string[]>();

/** openapi-fetch's own path serializer, after checking every parameter the template names. */
export function safePathSerializer(pathname: string, params: Record<string, unknown>): string {
  let names = namesOf.get(pathname);
  if (!names) {
    names = pathParameterNames(pathname);
    if (namesOf.size < 64) namesOf.set(pathname, names);
  }
  for (const name of names) assertPathId(name, params[name]);
  return defaultPathSerializer(pathname, params);
}
