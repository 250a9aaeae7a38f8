import { ENUM_SENTINEL, INCLUDE_UNKNOWN_ENUM_MEMBERS, membersAfterSentinel } from "../openapi/evolvable-enum.ts";
import type { JsonSchema } from "./openapi-document.ts";

/** Property of a body → the members of its evolvable enum that Graph sends only when asked (may be empty). */
export type EvolvableMembers = ReadonlyMap<string, readonly string[]>;

/** The evolvable members of each top-level property of `schema` (the property's enum, or one in its anyOf/oneOf). */
export function evolvableMembers(schema: JsonSchema | undefined): EvolvableMembers {
  const found = new Map<string, string[]>();
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, property] of Object.entries(properties)) {
    const candidates = [property, ...((property.anyOf ?? property.oneOf ?? []) as JsonSchema[])];
    const members = candidates.flatMap((c) => (Array.isArray(c.enum) ? membersAfterSentinel(c.enum) : []));
    if (members.length > 0) found.set(name, members);
  }
  return found;
}

/** Whether the request's `Prefer` header asks for the members after the sentinel. */
export function includesUnknownEnumMembers(request: Request): boolean {
  const prefer = request.headers.get("Prefer") ?? "";
  return prefer.split(",").some((p) => p.split("=")[0]?.trim().toLowerCase() === INCLUDE_UNKNOWN_ENUM_MEMBERS);
}

/** The properties of `body` that hold a member the request did not ask for. */
export function unaskedMembers(evolvable: EvolvableMembers, body: unknown): string[] {
  if (body === null || typeof body !== "object") return [];
  const record = body as Record<string, unknown>;
  return [...evolvable].filter(([name, members]) => members.includes(record[name] as string)).map(([name]) => name);
}

/** Graph's answer to a request that did not ask: each such member replaced by the sentinel. */
export function hideUnaskedMembers(evolvable: EvolvableMembers, body: unknown): unknown {
  const names = unaskedMembers(evolvable, body);
  if (names.length === 0) return body;
  return { ...(body as object), ...Object.fromEntries(names.map((name) => [name, ENUM_SENTINEL])) };
}
