import { servers } from "../../generated/graph-lro.routes.ts";
import { InvalidArgumentError } from "../errors/invalid-argument-error.ts";
import { oneOf } from "../util/check/one-of.ts";
import { isLoopback } from "../util/http/loopback.ts";

/** A national cloud, named by the spec's `x-graph-cloud` server extension. */
export type GraphCloud = (typeof servers)[number]["x-graph-cloud"];

/** Where a client sends requests: a named cloud (default `global`) or an explicit base URL. */
export interface GraphTarget {
  cloud?: GraphCloud | undefined;
  /** The Graph root with its version, such as `https://graph.microsoft.com/beta`, or a mock's. */
  baseUrl?: string | undefined;
}

/**
 * The base URL of a target, without a trailing slash; throws naming what is wrong. A base URL that
 * will carry a token must be https:, as Azure's bearer-token policy requires; http: is for a mock on
 * this machine only, since anyone on the way can read a token sent in clear.
 */
export function resolveBaseUrl({ cloud, baseUrl }: GraphTarget, carriesToken = false): URL {
  if (cloud !== undefined && baseUrl !== undefined)
    throw new InvalidArgumentError("cloud", "give either cloud or baseUrl, not both");
  if (baseUrl === undefined) {
    // Only a missing cloud means global: a null one is refused, as any other non-cloud.
    const server = oneOf("cloud", servers, (s) => s["x-graph-cloud"], cloud === undefined ? "global" : cloud);
    return new URL(server.url);
  }
  // The URL itself is never quoted: it may hold a password.
  const refuse = (problem: string): never => {
    throw new InvalidArgumentError("baseUrl", `baseUrl ${problem}`);
  };
  if (!URL.canParse(baseUrl)) refuse("must be an absolute URL");
  const url = new URL(baseUrl);
  if (!/^https?:$/.test(url.protocol)) refuse("must be http: or https:");
  if (url.username || url.password) refuse("must not carry credentials");
  if (carriesToken && url.protocol === "http:" && !isLoopback(url.hostname))
    refuse("must be https: to carry a token, or http: to a loopback host");
  if (url.search || url.hash) refuse("must have no query or fragment");
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}
