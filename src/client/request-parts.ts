import { createQuerySerializer } from "openapi-fetch";

/** Every call asks for JSON. */
export const ACCEPT = "application/json";

/** `$select` is an array with style form, explode false: `$select=a,b`. Made once, not per call. */
export const serializeQuery = createQuerySerializer({ array: { style: "form", explode: false } });
