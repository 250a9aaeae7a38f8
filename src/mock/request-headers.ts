/** What the Authorization header holds. A mock token `scopes=A,B` grants only those scopes. */
export type RequestToken = { kind: "missing" } | { kind: "notBearer" } | { kind: "bearer"; scopes?: readonly string[] };

export function readRequestToken(request: Request): RequestToken {
  const header = request.headers.get("Authorization");
  if (header === null) return { kind: "missing" };
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  if (!match) return { kind: "notBearer" };
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
