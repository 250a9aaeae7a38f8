/**
 * No usable token: the token command failed, timed out or printed too much, or what it (or
 * GRAPH_TOKEN) gave cannot be sent. Exit code 4, as an auth error. The command's output is never
 * shown: it may hold secrets.
 */
export class TokenError extends Error {
  override name = "TokenError";
}
