/** The HTTP methods an OpenAPI path item can hold, in the specification's order. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** One of METHODS. */
export type Method = (typeof METHODS)[number];
