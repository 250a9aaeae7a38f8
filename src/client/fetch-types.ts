/** The fetch shape openapi-fetch calls, and that every wrapper here takes and returns. */
export type Fetch = (request: Request) => Promise<Response>;

/** Waits `ms`; must reject as soon as `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;
