// Every start case through Microsoft's Kiota beta SDK: the POST as its generated request builders send it (their
// URL template, the body written by a model serializer, Graph's ODataError for any error status), the 202 read as
// they read it, then the Location followed with the GET the start is polled by.
import {
  HttpMethod,
  type Parsable,
  type ParsableFactory,
  RequestInformation,
  type SerializationWriter,
} from "@microsoft/kiota-abstractions";
import { HeadersInspectionOptions, type RetryHandlerOptions } from "@microsoft/kiota-http-fetchlibrary";
import type { GraphBetaRequestAdapter } from "@microsoft/msgraph-beta-sdk";
import * as models from "@microsoft/msgraph-beta-sdk/models/index.js";
import { createODataErrorFromDiscriminatorValue } from "@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js";
import { operations, starts } from "../generated/graph-lro.routes.ts";
import type { Expected, InteropCase } from "./cases.ts";
import { compare, type KiotaAdapters, type Outcome, send, withTimeout } from "./kiota-check.ts";
import { kiotaPathTemplate, kiotaVariable, MICROSOFT_START_TEMPLATES } from "./kiota-templates.ts";
import type { CheckResult } from "./result.ts";
import { retryAfterProblems, type Schema, type StartCase, specPost } from "./start-cases.ts";

type Model = Parsable & { additionalData?: Record<string, unknown> } & Record<string, unknown>;

/** For each start: Kiota's template of the spec's path is Microsoft's, where the harness records Microsoft's. */
export function checkStartTemplates(cases: readonly StartCase[]): CheckResult[] {
  const seen = new Map(cases.map((c) => [c.operationId, c]));
  return [...seen.values()].map((c) => {
    const microsoft = MICROSOFT_START_TEMPLATES[c.operationId];
    const ours = kiotaPathTemplate(specPath(c));
    const problems =
      microsoft === undefined || microsoft === ours
        ? []
        : [`Microsoft's template is ${microsoft}, Kiota's of the spec's path ${ours}`];
    const name =
      microsoft === undefined ? "URL template (none of Microsoft's recorded)" : "URL template is Microsoft's";
    return { client: "kiota", name, operationId: c.operationId, problems };
  });
}

/** Runs each start case: its POSTs in order, then the GETs of the last 202's Location. */
export async function checkStartsWithKiota(
  cases: readonly StartCase[],
  graph: KiotaAdapters,
  mockUrl: string,
  options: RetryHandlerOptions[],
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const c of cases) {
    const problems: string[] = [];
    let location: string | undefined;
    for (const [step, expected] of c.expected.entries()) {
      const where = c.expected.length > 1 ? `POST ${step + 1}: ` : "";
      const answer = await sendStart(c.token ? graph.withToken : graph.withoutToken, c, options);
      location = answer.headers.get("location");
      problems.push(...compareStart(expected, answer).map((p) => where + p));
    }
    if (c.polledBy && c.polls.length > 0) problems.push(...(await follow(graph.withToken, c, location, mockUrl)));
    results.push({ client: "kiota", name: c.name, operationId: c.operationId, problems });
  }
  return results;
}

interface StartAnswer {
  readonly outcome: Outcome;
  /** The answer's headers, as Kiota's HeadersInspectionOptions hands them to an app (names lower-cased). */
  readonly headers: Map<string, string>;
}

/** Sends a start case's request as Microsoft's request builder for the POST would. */
async function sendStart(graph: GraphBetaRequestAdapter, c: StartCase, options: RetryHandlerOptions[]) {
  const method = c.method === "GET" ? HttpMethod.GET : HttpMethod.POST;
  const info = new RequestInformation(method, kiotaPathTemplate(specPath(c)));
  info.pathParameters.baseurl = graph.baseUrl;
  for (const [name, value] of Object.entries(c.params)) info.pathParameters[kiotaVariable(name)] = value;
  info.headers.tryAdd("Accept", "application/json");
  if (c.story) info.headers.tryAdd("Prefer", `story=${c.story}`);
  const schema = specPost(c.start).requestBody?.content?.["application/json"]?.schema;
  if (c.body !== undefined && schema) {
    info.setContentFromParsable(graph, "application/json", requestModel(schema, c.body), serializerOf(schema));
  }
  const inspection = new HeadersInspectionOptions({ inspectResponseHeaders: true });
  info.addRequestOptions([...options, inspection]);
  const errors = { XXX: createODataErrorFromDiscriminatorValue };
  const factory = acceptedFactory(c);
  const request = factory
    ? graph.send(info, factory, errors)
    : graph.sendNoResponseContent(info, errors).then(() => undefined);
  const outcome = await withTimeout(request as Promise<Record<string, unknown> | undefined>);
  const headers = new Map<string, string>();
  const seen =
    "error" in outcome ? (outcome.error as { responseHeaders?: Record<string, string[]> }).responseHeaders : undefined;
  for (const [name, values] of seen ? Object.entries(seen) : inspection.getResponseHeaders().entries()) {
    headers.set(name.toLowerCase(), [...values].join(", "));
  }
  return { outcome, headers } satisfies StartAnswer;
}

/** What is wrong with a start's answer: an ODataError as for a GET, or a 202 without what the spec says it has. */
function compareStart(expected: StartCase["expected"][number], { outcome, headers }: StartAnswer): string[] {
  const problems = retryAfterProblems(expected, headers.get("retry-after"));
  if (expected.httpStatus !== 202 || "error" in outcome) return [...compare(expected, outcome), ...problems];
  if (!headers.get("location")) problems.push("a 202 without a Location");
  // The model the SDK parsed the 202's body into must hold what the spec's example of it holds.
  const model = (outcome.model ?? {}) as Model;
  for (const [key, value] of Object.entries(expected.accepted ?? {})) {
    const parsed = key in model ? model[key] : model.additionalData?.[key];
    if (parsed !== value)
      problems.push(`202 body: ${key} ${parsed === undefined ? "missing" : "differs"} in the SDK's model`);
  }
  return problems;
}

/** Follows a 202's Location: it must name an operation of the GET the start is polled by, which then plays the story. */
async function follow(
  graph: GraphBetaRequestAdapter,
  c: StartCase,
  location: string | undefined,
  mockUrl: string,
): Promise<string[]> {
  const operationId = c.polledBy as keyof typeof operations;
  const params = location?.startsWith(`${mockUrl}/`)
    ? matchPath(operations[operationId].path, location.slice(mockUrl.length))
    : undefined;
  if (!params) return [`the Location ${JSON.stringify(location)} is no URL of ${operationId} on the mock`];
  const id = Object.values(params).at(-1) ?? "";
  // No Prefer: the mock remembers the story the POST chose for the operation it started.
  const get: InteropCase = { name: c.name, operationId, params, token: true, expected: [] };
  const problems: string[] = [];
  for (const [step, expected] of c.polls.entries()) {
    const withId: Expected = expected.operation ? { ...expected, operation: { ...expected.operation, id } } : expected;
    problems.push(...compare(withId, await send(graph, get, [])).map((p) => `GET ${step + 1} of the Location: ${p}`));
  }
  return problems;
}

/** The path parameters of a path that a template matches (decoded), or undefined when it does not match. */
function matchPath(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{([^{}]+)\\?\}/g, (_, name: string) => {
    names.push(name);
    return "([^/?#]+)";
  });
  const match = new RegExp(`^${pattern}(?:\\?.*)?$`).exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]));
}

const specPath = (c: StartCase): string => starts[c.start].path;

/** A request body model as an app fills one in: the schema's properties, anything else in `additionalData`. */
function requestModel(schema: Schema, body: Record<string, unknown>): Model {
  const known = Object.keys(schema.properties ?? {});
  const model: Model = { additionalData: {} } as Model;
  for (const [key, value] of Object.entries(body)) {
    if (known.includes(key)) model[key] = value;
    else (model.additionalData as Record<string, unknown>)[key] = value;
  }
  return model;
}

/**
 * The serializer Kiota generates for a request body schema (as `serializeResetPasswordPostRequestBody`): one
 * typed write per property, then `additionalData`. The SDK's npm package has no request body models: they are
 * generated with the request builders, which it does not carry.
 */
function serializerOf(schema: Schema) {
  const writers = Object.entries(schema.properties ?? {}).map(([key, property]) => {
    const types = [property.type ?? []].flat();
    if (types.includes("string"))
      return (w: SerializationWriter, m: Model) => w.writeStringValue(key, m[key] as string);
    if (types.includes("boolean"))
      return (w: SerializationWriter, m: Model) => w.writeBooleanValue(key, m[key] as boolean);
    if (types.includes("number") || types.includes("integer")) {
      return (w: SerializationWriter, m: Model) => w.writeNumberValue(key, m[key] as number);
    }
    throw new Error(`interop: no Kiota writer for property ${key} of type ${JSON.stringify(property.type)}`);
  });
  return (writer: SerializationWriter, model: Partial<Model> | undefined | null = {}) => {
    for (const write of writers) write(writer, (model ?? {}) as Model);
    writer.writeAdditionalData(model?.additionalData);
  };
}

/**
 * The SDK's factory for a start's 202 body, found by the name of its schema (`passwordResetResponse`:
 * `createPasswordResetResponseFromDiscriminatorValue`), as the generated request builder's `send` uses it; none
 * when the 202 has no JSON body (the builder then calls `sendNoResponseContent`).
 */
function acceptedFactory(c: StartCase): ParsableFactory<Parsable> | undefined {
  if (c.method !== "POST") return undefined;
  const schema = specPost(c.start).responses["202"]?.content?.["application/json"]?.schema;
  if (!schema) return undefined;
  const title = [schema, ...(schema.anyOf ?? [])].find((s) => s.title)?.title;
  const name = title && `create${title[0]?.toUpperCase()}${title.slice(1)}FromDiscriminatorValue`;
  const factory = name ? (models as unknown as Record<string, unknown>)[name] : undefined;
  if (typeof factory !== "function")
    throw new Error(`interop: the SDK has no model for ${c.start}'s 202 (${name ?? "no schema title"})`);
  return factory as ParsableFactory<Parsable>;
}
