/**
 * What the Authorization header holds: nothing usable (`missing`, also for `Bearer` with no token),
 * something that is not one Bearer token (`invalid`: another scheme such as `Basic`, or several
 * words), or a Bearer token. The mock token `scopes=A,B` grants only those scopes.
 */
export type RequestToken = { kind: "missing" } | { kind: "invalid" } | { kind: "bearer"; scopes?: readonly string[] };

/** Reads the request's Authorization header; the token itself is never kept. */
export function readRequestToken(request: Request): RequestToken {
  const header = (request.headers.get("Authorization") ?? "").trim();
  if (header === "" || /^Bearer$/i.test(header)) return { kind: "missing" };
  const match = /^Bearer +(\S+)$/i.exec(header);
  if (!match) return { kind: "invalid" };
  const token = match[1] as string;
  return token.startsWith("scopes=") ? { kind: "bearer", scopes: token.slice(7).split(",") } : { kind: "bearer" };
}

/** The story a request asks for with `Prefer: story=<name>` (in the manner of Prism's `Prefer: example=`). */
export function readStoryPreference(request: Request): string | undefined {
  const prefer = request.headers.get("Prefer") ?? "";
  for (const preference of prefer.split(",")) {
    const [name, value] = preference.split("=").map((part) => part.trim());
    if (name?.toLowerCase() === "story" && value) return value.replace(/^"(.*)"$/, "$1");
  }
  return undefined;
}
