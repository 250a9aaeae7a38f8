// The interop cases of the starts (the spec's POSTs that answer 202 with a Location), derived from the generated
// `starts` table, the spec's examples and the mock's built-in stories: a new start in the spec is checked with
// no change here. Each POSTs once or more, then follows the last 202's Location with the GET it points to.
import { operations, starts } from "../generated/graph-lro.routes.ts";
import { spec } from "../generated/graph-lro.spec.ts";
import { builtInStories } from "../src/mock/index.ts";
import { fillPath } from "../src/openapi/paths.ts";
import { type Expected, errorCode, type SpecResponse } from "./cases.ts";

export type StartName = keyof typeof starts;
type OperationId = keyof typeof operations;

/** A start's request schema or 202 schema, as far as the harness reads them. */
export interface Schema {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly anyOf?: readonly Schema[];
}

interface SpecPost {
  requestBody?: { content?: { "application/json"?: { schema?: Schema; examples?: Record<string, { value: Json }> } } };
  responses: Record<string, SpecResponse & { content?: { "application/json"?: { schema?: Schema } } }>;
}
type Json = Record<string, unknown>;

/** A start's request or requests, and what the operation its Location names then answers. */
export interface StartCase {
  readonly name: string;
  readonly start: StartName;
  /** The POST's operationId, for the result lines. */
  readonly operationId: string;
  /** GET for the method the path does not allow (405); otherwise POST. */
  readonly method: "POST" | "GET";
  /** Path parameters by their spec names, unencoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The JSON body; none when undefined. */
  readonly body?: Json;
  readonly token: boolean;
  /** A built-in story, asked for with `Prefer: story=<name>` on every request of the case. */
  readonly story?: string;
  /** True when the request breaks the spec on purpose, so a validating proxy must say so. */
  readonly badRequest?: boolean;
  /** One request per answer, in order, with its Retry-After; a 202's `accepted` is the spec's example body it carries. */
  readonly expected: readonly (Expected & { readonly accepted?: Json; readonly retryAfter?: number })[];
  /** The GET that the last 202's Location points to, and its answers in order (ids are the Location's). */
  readonly polledBy?: OperationId;
  readonly polls: readonly Expected[];
}

/** A parameter no action of Graph has: Graph refuses it (OData checks an action's parameters by name). */
export const UNKNOWN_PARAMETER = "x-graph-lro-test-parameter";

/** Every case of every start of the spec. `idPrefix` keeps each client's path ids (and story places) apart. */
export function startCases(idPrefix: string): StartCase[] {
  return (Object.keys(starts) as StartName[]).flatMap((name) => casesOf(name, idPrefix));
}

/** The spec's POST of a start. */
export function specPost(name: StartName): SpecPost {
  const item = (spec.paths as unknown as Record<string, { post?: SpecPost }>)[starts[name].path];
  if (!item?.post) throw new Error(`interop: the spec has no POST ${starts[name].path}`);
  return item.post;
}

/** The operationId of the GET a start's Location points to (`x-graph-lro-polled-by`, as a kind in `starts`). */
export function polledOperation(name: StartName): OperationId {
  const found = (Object.keys(operations) as OperationId[]).find((id) => operations[id].kind === starts[name].polledBy);
  if (!found) throw new Error(`interop: no operation of kind ${starts[name].polledBy} polls ${name}`);
  return found;
}

function casesOf(name: StartName, idPrefix: string): StartCase[] {
  const entry = starts[name];
  const post = specPost(name);
  const content = post.requestBody?.content?.["application/json"];
  const schema = content?.schema;
  const params = Object.fromEntries(
    Object.entries(entry.fields).map(([param, field]) => [
      param,
      (entry.defaults as Record<string, string>)[field] ?? `${idPrefix}-${field}`,
    ]),
  );
  const error = (httpStatus: number): Expected => ({ httpStatus, code: errorCode(post.responses, httpStatus) });
  const accepted = post.responses["202"]?.content?.["application/json"]?.examples ?? {};
  const base = { start: name, operationId: entry.operationId, method: "POST", params, token: true } as const;
  // Each example body of the request, or none when the start takes none; the 202's example of the same name
  // is what Graph answers to it (resetPassword: the generated password only when the request gave none).
  const bodies: [string, Json | undefined][] = content?.examples
    ? Object.entries(content.examples).map(([example, { value }]) => [example, value])
    : [["no body", undefined]];
  const [firstBody] = bodies;
  const cases: StartCase[] = bodies.map(([example, body]) => ({
    ...base,
    name: body === undefined ? "no body" : `example ${example}`,
    ...(body !== undefined && { body }),
    ...playing(name, "progress", accepted[example]?.value as Json | undefined),
  }));
  // Every other built-in story, with the first body.
  for (const story of Object.keys(builtInStories) as (keyof typeof builtInStories)[]) {
    if (story === "progress") continue;
    const [example, body] = firstBody ?? [];
    const reply = example === undefined ? undefined : (accepted[example]?.value as Json | undefined);
    cases.push({
      ...base,
      name: `story ${story}`,
      ...(body !== undefined && { body }),
      ...playing(name, story, reply),
    });
  }
  const refused = { ...base, body: firstBody?.[1], polls: [] };
  cases.push(
    { ...refused, name: "no token", token: false, badRequest: true, expected: [error(401)] },
    // A method the path lacks breaks the spec; Graph's directory workloads answer 405 (the spec's 4XX).
    {
      ...refused,
      name: "GET, a method the path does not allow",
      method: "GET",
      body: undefined,
      badRequest: true,
      expected: [{ httpStatus: 405 }],
    },
  );
  if (schema?.required?.length) {
    cases.push({
      ...refused,
      name: `a body without ${schema.required.join(", ")}`,
      body: {},
      badRequest: true,
      expected: [error(400)],
    });
  }
  // A client can send any parameter (Kiota's `additionalData`); Graph refuses one the action does not have.
  if (schema) {
    cases.push({
      ...refused,
      name: "a body with a parameter the action does not have",
      body: { ...firstBody?.[1], [UNKNOWN_PARAMETER]: "x" },
      badRequest: schema.additionalProperties === false,
      expected: [error(400)],
    });
  }
  return cases;
}

/**
 * The answers when a start plays `story`: the story's steps before its first operation step answer the POST
 * itself, one per POST (Graph answers a throttled or refused start before any operation exists); then a 202
 * (with the spec's example body `accepted`, and the Retry-After of the first step left), whose Location's GETs
 * play the rest. A story of errors only answers every POST with them: its last step again, and no 202.
 */
function playing(name: StartName, story: keyof typeof builtInStories, accepted: Json | undefined) {
  const steps = builtInStories[story];
  const polledBy = polledOperation(name);
  const post = specPost(name);
  const get = (spec.paths as unknown as Record<string, { get: SpecPost }>)[operations[polledBy].path]?.get;
  const answer = (step: (typeof steps)[number], responses: SpecPost["responses"]): Expected =>
    step.kind === "error"
      ? { httpStatus: step.status, code: errorCode(responses, step.status) }
      : { httpStatus: 200, operation: { id: "", status: step.status } };
  const first = steps.findIndex((step) => step.kind === "operation");
  const own = steps.slice(0, first === -1 ? steps.length : first).map((step) => ({
    ...answer(step, post.responses),
    ...(step.retryAfter !== undefined && { retryAfter: step.retryAfter }),
  }));
  const rest = first === -1 ? [] : steps.slice(first);
  const retryAfter = rest[0]?.retryAfter;
  const accept = { httpStatus: 202, ...(accepted && { accepted }), ...(retryAfter !== undefined && { retryAfter }) };
  return {
    ...(story !== "progress" && { story }),
    // A story of errors only: its last one answers a second POST too.
    expected: first === -1 ? [...own, ...own.slice(-1)] : [...own, accept],
    polledBy,
    polls: rest.map((step) => answer(step, get?.responses ?? {})),
  };
}

/** The path of a start case, filled in as the spec's template says (each parameter percent-encoded once). */
export function startPath(c: StartCase): string {
  return fillPath(starts[c.start].path, (name) => c.params[name] ?? "");
}

/** What is wrong with an answer's Retry-After header (null or undefined when absent), against the case's. */
export function retryAfterProblems(
  expected: StartCase["expected"][number],
  header: string | null | undefined,
): string[] {
  const want = expected.retryAfter === undefined ? undefined : String(expected.retryAfter);
  return (header ?? undefined) === want ? [] : [`Retry-After ${JSON.stringify(header)}, expected ${want ?? "none"}`];
}
