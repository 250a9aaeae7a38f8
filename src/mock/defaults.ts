import { isLoopback } from "./cors.ts";

/**
 * The mock's defaults and bounds, each in one place (the in-process handlers', the HTTP server's and
 * `graph-lro mock`'s): the README and the command's usage quote them from here.
 */

/** The port `graph-lro mock` and startMockServer listen on: Prism's, so tools set up for it find the mock. */
export const MOCK_PORT = 4010;

/** The address they listen on: this machine only. */
export const MOCK_HOST = "127.0.0.1";

/** CORS is on by default on a loopback address only: elsewhere any web page a browser shows could read answers. */
export const corsByDefault = (host: string): boolean => isLoopback(host);

/**
 * How many story progressions (operation, ids, story) the handlers hold, never forgetting one (a request for a
 * new one past it is answered 503); about 250 bytes each with ids of 40 characters (docs/decisions/0025).
 */
export const MAX_STORY_PROGRESS = 100_000;

/** And how many characters their keys (which hold the ids) may take in all: 32 MB at most, however long the ids. */
export const MAX_STORY_PROGRESS_CHARS = 16_000_000;

/** How many violations `handlers.violations` keeps: the most recent ones, so that a server never grows. */
export const MAX_VIOLATIONS = 100;

/** How many unknown query names of one request are reported one by one. */
export const MAX_QUERY_VIOLATIONS = 10;
