/**
 * Headers of every answer when CORS is on: any origin may read it, including Graph's ids, a 202's Location,
 * Retry-After, a 401's challenge and a 405's Allow.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "request-id, client-request-id, Location, Retry-After, WWW-Authenticate, Allow",
};

/** A browser's CORS preflight: OPTIONS asking whether another method may follow. */
export function isPreflight(method: string, headers: Headers): boolean {
  return method === "OPTIONS" && headers.has("Access-Control-Request-Method");
}

/**
 * Allows what the preflight asks for (its method and headers, such as Authorization and Prefer):
 * the real answer then says what Graph would, a 405 included.
 */
export function preflightResponse(headers: Headers): Response {
  const allow: Record<string, string> = {
    ...CORS_HEADERS,
    "Access-Control-Allow-Methods": headers.get("Access-Control-Request-Method") ?? "GET",
    "Access-Control-Max-Age": "600",
  };
  const asked = headers.get("Access-Control-Request-Headers");
  if (asked) allow["Access-Control-Allow-Headers"] = asked;
  return new Response(null, { status: 204, headers: allow });
}

/** Whether a host is this machine's loopback, where CORS is on by default. */
export { isLoopback } from "../util/http/loopback.ts";
