// Every case through Prism's validating proxy: Prism must find nothing wrong with what the mock answers.
import { casePath, type Expected, type InteropCase } from "./cases.ts";
import type { CheckResult } from "./result.ts";

/** No request to a local proxy takes this long unless something hangs. */
export const REQUEST_TIMEOUT_MS = 15_000;

interface Violation {
  location: string[];
  severity: string;
  message: string;
}

/**
 * Runs each case: a valid request through the `--errors` proxy, which turns any violation into its own
 * error; a request that breaks the spec on purpose through the other one, which forwards it, so that the
 * mock's answer is checked too (the `--errors` proxy would answer such a request itself).
 */
export async function checkWithPrism(
  cases: readonly InteropCase[],
  proxies: { strict: string; lax: string },
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const c of cases) {
    const problems: string[] = [];
    for (const [step, expected] of c.expected.entries()) {
      const response = await send(c.badRequest ? proxies.lax : proxies.strict, c);
      const where = c.expected.length > 1 ? `request ${step + 1}: ` : "";
      problems.push(...(await compare(expected, response, c.badRequest === true)).map((p) => where + p));
    }
    results.push({ client: "prism", name: c.name, operationId: c.operationId, problems });
    if (!c.token) {
      // Prism's own reading of the spec: a request without a token gets 401, as from Graph.
      const own = await send(proxies.strict, c);
      const status = c.expected[0]?.httpStatus;
      const problems = own.status === status ? [] : [`Prism's own answer is ${own.status}, not ${status}`];
      results.push({ client: "prism", name: `${c.name} (Prism's own answer)`, operationId: c.operationId, problems });
    }
  }
  return results;
}

/** The MainError property that the canary spec requires and the mock never sends. */
const CANARY_PROPERTY = "target";

/**
 * The bundled, dereferenced spec with one contract the mock cannot meet: every error body must have
 * `error.target`. A proxy serving it must reject the mock's error answers; if it does not, Prism has
 * stopped checking responses (an upgrade that skips OpenAPI 3.1 schemas, say) and the other results mean nothing.
 */
export function canarySpec(document: unknown): unknown {
  type Schema = { properties?: Record<string, Schema>; required?: string[] };
  type Responses = Record<string, { content?: Record<string, { schema?: Schema }> }>;
  const copy = structuredClone(document) as { paths: Record<string, Record<string, { responses?: Responses }>> };
  let changed = 0;
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const error = response.content?.["application/json"]?.schema?.properties?.error;
        if (status.startsWith("2") || !error) continue;
        error.required = [...(error.required ?? []), CANARY_PROPERTY];
        changed++;
      }
    }
  }
  if (changed === 0) throw new Error("interop: the spec declares no error body for the canary to change");
  return copy;
}

/** Sends a case that the mock answers with an error through a proxy serving `canarySpec`. */
export async function checkPrismCatches(canary: string, c: InteropCase): Promise<CheckResult> {
  const response = await send(canary, c);
  const body = (await response.json().catch(() => undefined)) as { validation?: Violation[] } | undefined;
  const caught = body?.validation?.some(
    (v) => v.location.join(".") === "response.body.error" && v.message.includes(CANARY_PROPERTY),
  );
  const problems = caught
    ? []
    : [`Prism let an error body without error.${CANARY_PROPERTY} through (status ${response.status})`];
  return {
    client: "prism",
    name: `${c.name}, against a spec the mock breaks (Prism must object)`,
    operationId: c.operationId,
    problems,
  };
}

function send(proxy: string, c: InteropCase): Promise<Response> {
  const headers = new Headers({ Accept: "application/json" });
  if (c.token) headers.set("Authorization", "Bearer interop-token");
  if (c.story) headers.set("Prefer", `story=${c.story}`);
  return fetch(`${proxy}${casePath(c)}`, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/** What is wrong with a response, as Prism relayed it; empty when it is what Graph would answer. */
export async function compare(expected: Expected, response: Response, badRequest: boolean): Promise<string[]> {
  const problems: string[] = [];
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const violations = readViolations(response);
  if (response.headers.get("content-type")?.startsWith("application/problem+json")) {
    // Prism's own error: with --errors, a violation it found (listed in `validation`).
    problems.push(
      `Prism answered ${response.status} itself: ${body?.title ?? ""} ${JSON.stringify(body?.validation ?? body?.detail ?? "")}`,
    );
    return problems;
  }
  for (const v of violations.filter((v) => v.location[0] === "response")) {
    problems.push(`Prism: ${v.severity} at ${v.location.join(".")}: ${v.message}`);
  }
  if (badRequest && !violations.some((v) => v.location[0] === "request")) {
    problems.push("Prism saw nothing wrong with a request that breaks the spec");
  }
  if (response.status !== expected.httpStatus)
    problems.push(`status ${response.status}, expected ${expected.httpStatus}`);
  const error = body?.error as { code?: unknown } | undefined;
  if (expected.code !== undefined && error?.code !== expected.code) {
    problems.push(`error.code ${JSON.stringify(error?.code)}, expected ${expected.code}`);
  }
  if (expected.operation) {
    for (const key of ["id", "status"] as const) {
      if (body?.[key] !== expected.operation[key]) {
        problems.push(`${key} ${JSON.stringify(body?.[key])}, expected ${expected.operation[key]}`);
      }
    }
  }
  return problems;
}

function readViolations(response: Response): Violation[] {
  const header = response.headers.get("sl-violations");
  if (!header) return [];
  try {
    return JSON.parse(header) as Violation[];
  } catch {
    // Prism cuts a long list short ("Too many violations! [...").
    return [{ location: ["response"], severity: "Error", message: header }];
  }
}
