import { serializeArrayParam } from "openapi-fetch";
import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from "../openapi/evolvable-enum.ts";

/** Every call asks for JSON. */
const ACCEPT = "application/json";

/** How `$select` is serialized: an array with style form, explode false (`$select=a,b`). */
export const SELECT_STYLE = { array: { style: "form", explode: false } } as const;

/** The `$select` part of a typed GET's query, by openapi-fetch's serializer (as the raw client's); "" for none. */
export const selectQuery = (select: readonly string[] | undefined): string =>
  select?.length ? serializeArrayParam("$select", select as string[], SELECT_STYLE.array) : "";

/**
 * The headers every call sends: `accept`, and with `includeUnknownEnumMembers: true` Graph's
 * `Prefer: include-unknown-enum-members`, without which members after `unknownFutureValue` arrive as it.
 */
export function commonHeaders(includeUnknownEnumMembers: unknown): Record<string, string> {
  if (includeUnknownEnumMembers === undefined || includeUnknownEnumMembers === false) return { accept: ACCEPT };
  if (includeUnknownEnumMembers === true) return { accept: ACCEPT, prefer: INCLUDE_UNKNOWN_ENUM_MEMBERS };
  throw new InvalidArgumentError("includeUnknownEnumMembers", "includeUnknownEnumMembers must be true or false");
}
