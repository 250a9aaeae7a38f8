// Every start case through Prism's validating proxy: each POST, then the GETs of the last 202's Location.
import { compare, REQUEST_TIMEOUT_MS } from "./prism-check.ts";
import type { CheckResult } from "./result.ts";
import { retryAfterProblems, type StartCase, startPath } from "./start-cases.ts";

/**
 * Runs each start case: a valid request through the `--errors` proxy, a request that breaks the spec on purpose
 * through the other (as for the GETs, prism-check.ts); then the Location's GETs, which are valid, through the
 * `--errors` proxy. A request without a token is also put to the `--errors` proxy, which must answer 401 itself.
 */
export async function checkStartsWithPrism(
  cases: readonly StartCase[],
  proxies: { strict: string; lax: string },
  mockUrl: string,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const c of cases) {
    const problems: string[] = [];
    let location: string | null = null;
    for (const [step, expected] of c.expected.entries()) {
      const response = await post(c.badRequest ? proxies.lax : proxies.strict, c);
      const where = c.expected.length > 1 ? `POST ${step + 1}: ` : "";
      location = response.headers.get("location");
      const retryAfter = response.headers.get("retry-after");
      problems.push(...(await compare(expected, response, c.badRequest === true)).map((p) => where + p));
      if (expected.httpStatus === 202 && !location) problems.push(`${where}a 202 without a Location`);
      problems.push(...retryAfterProblems(expected, retryAfter).map((p) => where + p));
    }
    if (c.polls.length > 0) problems.push(...(await follow(proxies.strict, c, location, mockUrl)));
    results.push({ client: "prism", name: c.name, operationId: c.operationId, problems });
    if (!c.token) {
      const own = await post(proxies.strict, c);
      const status = c.expected[0]?.httpStatus;
      const problems = own.status === status ? [] : [`Prism's own answer is ${own.status}, not ${status}`];
      results.push({ client: "prism", name: `${c.name} (Prism's own answer)`, operationId: c.operationId, problems });
    }
  }
  return results;
}

function post(proxy: string, c: StartCase): Promise<Response> {
  const headers = new Headers({ Accept: "application/json" });
  if (c.token) headers.set("Authorization", "Bearer interop-token");
  if (c.story) headers.set("Prefer", `story=${c.story}`);
  if (c.body !== undefined) headers.set("Content-Type", "application/json");
  return fetch(`${proxy}${startPath(c)}`, {
    method: c.method,
    headers,
    ...(c.body !== undefined && { body: JSON.stringify(c.body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

/** GETs the Location (on the mock) through the proxy, verbatim past the mock's root, routing query included. */
async function follow(proxy: string, c: StartCase, location: string | null, mockUrl: string): Promise<string[]> {
  if (!location?.startsWith(`${mockUrl}/`)) return [`the Location ${JSON.stringify(location)} is not on the mock`];
  const path = location.slice(mockUrl.length);
  const id = decodeURIComponent(new URL(location).pathname.split("/").at(-1) ?? "");
  const problems: string[] = [];
  for (const [step, expected] of c.polls.entries()) {
    const response = await fetch(`${proxy}${path}`, {
      headers: { Accept: "application/json", Authorization: "Bearer interop-token" },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const withId = expected.operation ? { ...expected, operation: { ...expected.operation, id } } : expected;
    problems.push(...(await compare(withId, response, false)).map((p) => `GET ${step + 1} of the Location: ${p}`));
  }
  return problems;
}
