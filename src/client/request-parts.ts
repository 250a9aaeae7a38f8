import { serializeArrayParam } from "openapi-fetch";

/** Every call asks for JSON. */
export const ACCEPT = "application/json";

/** How `$select` is serialized: an array with style form, explode false (`$select=a,b`). */
export const SELECT_STYLE = { array: { style: "form", explode: false } } as const;

/** The `$select` part of a typed GET's query, by openapi-fetch's serializer (as the raw client's); "" for none. */
export const selectQuery = (select: readonly string[] | undefined): string =>
  select?.length ? serializeArrayParam("$select", select as string[], SELECT_STYLE.array) : "";
