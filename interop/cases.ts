// The interop cases, derived from the spec and the mock's built-in stories: what Graph answers to each
// request, as the spec declares it. Prism and Kiota both run every case (prism-check.ts, kiota-check.ts).
import { operations } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import { builtInStories } from "../src/mock/index.ts";
import { fillPath, idParameterOf, pathParameterNames } from "../src/openapi/paths.ts";

type OperationId = keyof typeof operations;

/** What one response must be: a status, and the error code or the operation's id and status in its body. */
export interface Expected {
  readonly httpStatus: number;
  /** `error.code` of an error body. */
  readonly code?: string;
  /** `id` and `status` of a longRunningOperation body. */
  readonly operation?: { readonly id: string; readonly status: string };
}

/** A request (one per expected response, in order) and the answers Graph gives. */
export interface InteropCase {
  readonly name: string;
  readonly operationId: OperationId;
  /** Path parameters by their spec names, unencoded. */
  readonly params: Readonly<Record<string, string>>;
  /** Property names for `$select`. */
  readonly select?: readonly string[];
  /** Whether the request carries a bearer token. */
  readonly token: boolean;
  /** A built-in story, asked for with `Prefer: story=<name>`. */
  readonly story?: string;
  /** True when the request breaks the spec on purpose, so a validating proxy must say so. */
  readonly badRequest?: boolean;
  readonly expected: readonly Expected[];
}

interface Example {
  value: { id: string; status: string; error?: { code: string } };
}
export interface SpecResponse {
  content?: { "application/json"?: { examples?: Record<string, Example> } };
}

/** A user as Graph's docs write one: a userPrincipalName, whose `@` the SDKs percent-encode. */
const USER = "AdeleV@contoso.com";
/** An operation id no example has: Graph answers 404. */
const UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

/** Every case for every operation of the spec. `idPrefix` keeps each client's story progress apart. */
export function interopCases(idPrefix: string): InteropCase[] {
  return (Object.keys(operations) as OperationId[]).flatMap((operationId) => operationCases(operationId, idPrefix));
}

function operationCases(operationId: OperationId, idPrefix: string): InteropCase[] {
  const route = operations[operationId];
  const responses = responsesOf(route.path);
  const examples = Object.entries(responses["200"]?.content?.["application/json"]?.examples ?? {});
  const [first] = examples;
  if (!first) throw new Error(`interop: ${operationId} has no 200 example to request`);
  const base = { operationId, token: true } as const;
  const params = (id: string) => pathParams(route.path, id);
  const error = (httpStatus: number): Expected => ({ httpStatus, code: errorCode(responses, httpStatus) });

  const cases: InteropCase[] = examples.map(([name, { value }]) => ({
    ...base,
    name: `example ${name}`,
    params: params(value.id),
    expected: [{ httpStatus: 200, operation: { id: value.id, status: value.status } }],
  }));
  cases.push(
    { ...base, name: "unknown id", params: params(UNKNOWN_ID), expected: [error(404)] },
    {
      ...base,
      name: "no token",
      params: params(first[1].value.id),
      token: false,
      badRequest: true,
      expected: [error(401)],
    },
    {
      ...base,
      name: "$select of an unknown property",
      params: params(first[1].value.id),
      select: [unknownProperty()],
      badRequest: true,
      expected: [error(400)],
    },
  );
  for (const [story, steps] of Object.entries(builtInStories)) {
    const id = `${idPrefix}-${story}`;
    const expected = steps.map((step): Expected => {
      if (step.kind === "error") return error(step.status);
      return { httpStatus: 200, operation: { id, status: step.status } };
    });
    cases.push({ ...base, name: `story ${story}`, params: params(id), story, expected });
  }
  return cases;
}

function responsesOf(path: string): Record<string, SpecResponse> {
  const item = (spec.paths as unknown as Record<string, { get: { responses: Record<string, SpecResponse> } }>)[path];
  if (!item) throw new Error(`interop: the spec has no path ${path}`);
  return item.get.responses;
}

/** The error code of the spec's first example for the status (the mock answers with it). */
export function errorCode(responses: Record<string, SpecResponse>, httpStatus: number): string {
  const examples = responses[String(httpStatus)]?.content?.["application/json"]?.examples ?? {};
  const code = Object.values(examples)[0]?.value.error?.code;
  if (!code) throw new Error(`interop: the spec has no example error body for ${httpStatus}`);
  return code;
}

/** The path parameters of a route: the operation id last, every other one the user. */
function pathParams(path: string, id: string): Record<string, string> {
  return Object.fromEntries(pathParameterNames(path).map((name) => [name, name === idParameterOf(path) ? id : USER]));
}

/** A name `$select` does not allow: not among the items the spec's `selectList` enumerates. */
function unknownProperty(): string {
  const allowed: readonly string[] = spec.components.schemas.selectList.items.enum;
  const name = "progress";
  if (allowed.includes(name)) throw new Error(`interop: ${name} is selectable now; pick another unknown name`);
  return name;
}

/** The path of a case, filled in as the spec's template says (each parameter percent-encoded once). */
export function casePath(c: InteropCase): string {
  const path = fillPath(operations[c.operationId].path, (name) => c.params[name] ?? "");
  return c.select ? `${path}?$select=${c.select.join(",")}` : path;
}
