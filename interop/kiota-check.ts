// Every case through Microsoft's Kiota beta SDK for TypeScript: its request adapter (with Graph's middleware),
// its models and its ODataError, pointed at the mock with a fake token or with none.
import {
  AllowedHostsValidator,
  AnonymousAuthenticationProvider,
  type AuthenticationProvider,
  BaseBearerTokenAuthenticationProvider,
  HttpMethod,
  RequestInformation,
} from "@microsoft/kiota-abstractions";
import { RetryHandlerOptions } from "@microsoft/kiota-http-fetchlibrary";
import { GraphBetaRequestAdapter } from "@microsoft/msgraph-beta-sdk";
import { createLongRunningOperationFromDiscriminatorValue } from "@microsoft/msgraph-beta-sdk/models/index.js";
import {
  createODataErrorFromDiscriminatorValue,
  type ODataError,
} from "@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js";
import { operations } from "../generated/graph-lro.routes.ts";
import type { Expected, InteropCase } from "./cases.ts";
import { kiotaVariable, templatePath } from "./kiota-templates.ts";
import type { CheckResult } from "./result.ts";

/**
 * The URL templates of Microsoft's Kiota beta SDK for these operations (its request builders, such as
 * msgraph-beta-sdk-go `users/item_authentication_operations_long_running_operation_item_request_builder.go`).
 * npm carries the beta SDK's client and models but not these request builders, so the harness sends the
 * requests they would send. Each template is checked against the spec's path first.
 */
export const MICROSOFT_URL_TEMPLATES: Readonly<Record<keyof typeof operations, string>> = {
  "identityGovernance.roleManagementAlerts.GetOperations":
    "{+baseurl}/identityGovernance/roleManagementAlerts/operations/{longRunningOperation%2Did}{?%24expand,%24select}",
  "users.authentication.GetOperations":
    "{+baseurl}/users/{user%2Did}/authentication/operations/{longRunningOperation%2Did}{?%24expand,%24select}",
};

/** No request to the local mock takes this long unless something hangs. */
const REQUEST_TIMEOUT_MS = 15_000;
/** Graph's SDK retries 429 and 503 itself; the cases want to see each answer, so the retry handler stands by. */
export const NO_RETRIES = new RetryHandlerOptions({ maxRetries: 0 });

/** Request adapters of the beta SDK whose base URL is the mock's: one with a fake token, one with none. */
export interface KiotaAdapters {
  readonly withToken: GraphBetaRequestAdapter;
  readonly withoutToken: GraphBetaRequestAdapter;
}

/** The adapters for a mock at `mockUrl`: the token goes to the mock's host only, as Kiota's own providers do. */
export function kiotaAdapters(mockUrl: string): KiotaAdapters {
  return {
    withToken: adapter(mockUrl, bearer("interop-token", new URL(mockUrl).hostname)),
    withoutToken: adapter(mockUrl, new AnonymousAuthenticationProvider()),
  };
}

/**
 * Runs every case through the adapters. Each of `retried` (cases whose first answer is a 429) runs once more
 * with the SDK's own retry handler, which must wait out the mock's Retry-After and hand back the story's next
 * answer.
 */
export async function checkWithKiota(
  cases: readonly InteropCase[],
  retried: readonly InteropCase[],
  { withToken, withoutToken }: KiotaAdapters,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [operationId, template] of Object.entries(MICROSOFT_URL_TEMPLATES)) {
    const path = templatePath(template);
    const spec = operations[operationId as keyof typeof operations].path;
    const problems = path === spec ? [] : [`Microsoft's template has ${path}, the spec ${spec}`];
    results.push({ client: "kiota", name: "URL template matches the spec's path", operationId, problems });
  }
  for (const c of cases) {
    const problems: string[] = [];
    for (const [step, expected] of c.expected.entries()) {
      const where = c.expected.length > 1 ? `request ${step + 1}: ` : "";
      const outcome = await send(c.token ? withToken : withoutToken, c, [NO_RETRIES]);
      problems.push(...compare(expected, outcome).map((p) => where + p));
    }
    results.push({ client: "kiota", name: c.name, operationId: c.operationId, problems });
  }
  for (const c of retried) {
    const [throttled, next] = c.expected;
    const problems =
      throttled?.httpStatus === 429 && next ? compare(next, await send(withToken, c, [])) : ["not a throttled story"];
    results.push({ client: "kiota", name: `${c.name}, retried by the SDK`, operationId: c.operationId, problems });
  }
  return results;
}

/** A request adapter of the beta SDK, as an app builds it, but with the mock as its base URL. */
function adapter(mockUrl: string, auth: AuthenticationProvider): GraphBetaRequestAdapter {
  const graph = new GraphBetaRequestAdapter(auth);
  graph.baseUrl = mockUrl;
  return graph;
}

/** An auth provider that hands out a fixed token, to this host only (as Kiota's own providers do). */
function bearer(token: string, host: string): AuthenticationProvider {
  return new BaseBearerTokenAuthenticationProvider({
    getAuthorizationToken: async () => token,
    getAllowedHostsValidator: () => new AllowedHostsValidator(new Set([host])),
  });
}

export type Outcome = { model: Record<string, unknown> | undefined } | { error: unknown };

/** Sends a case's request as Microsoft's request builder would, and catches what the SDK throws. */
export async function send(
  graph: GraphBetaRequestAdapter,
  c: InteropCase,
  options: RetryHandlerOptions[],
): Promise<Outcome> {
  const info = new RequestInformation(HttpMethod.GET, MICROSOFT_URL_TEMPLATES[c.operationId]);
  info.pathParameters.baseurl = graph.baseUrl;
  for (const [name, value] of Object.entries(c.params)) info.pathParameters[kiotaVariable(name)] = value;
  if (c.select) info.queryParameters["%24select"] = [...c.select];
  info.headers.tryAdd("Accept", "application/json");
  if (c.story) info.headers.tryAdd("Prefer", `story=${c.story}`);
  info.addRequestOptions(options);
  const request = graph.send(info, createLongRunningOperationFromDiscriminatorValue, {
    XXX: createODataErrorFromDiscriminatorValue,
  });
  return withTimeout(request as Promise<Record<string, unknown> | undefined>);
}

/** The SDK's result, or what it threw (a request that hangs rejects after REQUEST_TIMEOUT_MS). */
export async function withTimeout(request: Promise<Record<string, unknown> | undefined>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${REQUEST_TIMEOUT_MS / 1000} s`)), REQUEST_TIMEOUT_MS);
  });
  try {
    return { model: await Promise.race([request, timeout]) };
  } catch (error) {
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with the SDK's result: a model where Graph succeeds, its ODataError where Graph fails. */
export function compare(expected: Expected, outcome: Outcome): string[] {
  if ("error" in outcome) {
    const error = outcome.error as Partial<ODataError>;
    if (error.responseStatusCode === undefined) return [`the SDK failed: ${String(outcome.error)}`];
    const problems: string[] = [];
    if (error.responseStatusCode !== expected.httpStatus) {
      problems.push(`ODataError with status ${error.responseStatusCode}, expected ${expected.httpStatus}`);
    }
    const code = error.errorEscaped?.code;
    // No code expected: the spec declares none for the status (a 405 under 4XX), but Graph always sends one.
    if (expected.code === undefined ? typeof code !== "string" || code === "" : code !== expected.code) {
      problems.push(`ODataError code ${JSON.stringify(code)}, expected ${expected.code ?? "one"}`);
    }
    if (expected.httpStatus === 401 && !challenge(error.responseHeaders).startsWith("Bearer")) {
      problems.push(
        `401 without a Bearer WWW-Authenticate challenge (${JSON.stringify(challenge(error.responseHeaders))})`,
      );
    }
    return problems;
  }
  if (!expected.operation)
    return [`a longRunningOperation, expected ODataError ${expected.httpStatus} ${expected.code}`];
  const model = outcome.model ?? {};
  const problems = (["id", "status"] as const).flatMap((key) =>
    model[key] === expected.operation?.[key]
      ? []
      : [`model ${key} ${JSON.stringify(model[key])}, expected ${expected.operation?.[key]}`],
  );
  for (const key of ["createdDateTime", "lastActionDateTime"]) {
    const value = model[key];
    if (value != null && !(value instanceof Date && Number.isFinite(value.getTime()))) {
      problems.push(`model ${key} ${JSON.stringify(value)} did not parse as a date`);
    }
  }
  return problems;
}

function challenge(headers: Record<string, string[]> | undefined): string {
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "www-authenticate");
  return entry?.[1].join(", ") ?? "";
}
