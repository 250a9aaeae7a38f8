import { type HttpHandler, HttpResponse, http, type JsonBodyType } from "msw";
import { spec as generatedSpec } from "../../generated/graph-lro.spec.ts";
import { ContractViolationError } from "./contract-violation-error.ts";
import { exampleBody, type MockResponse, responseSpecFor } from "./mock-response.ts";
import { toMswPath } from "./msw-path.ts";
import type { OpenApiDocument } from "./openapi-document.ts";
import { readRequestToken, readStoryPreference } from "./request-headers.ts";
import { createSchemaValidator } from "./schema-validator.ts";
import { projectProperties, readSelect, SELECT_OPTIONS } from "./select.ts";
import { type SpecOperation, specOperations } from "./spec-operations.ts";
import { type BuiltInStoryName, builtInStories, type Story, type StoryStep } from "./stories.ts";

export interface GraphLroHandlerOptions {
  /** The bundled, dereferenced document to derive handlers from; the generated spec by default. */
  spec?: OpenApiDocument;
  /** Service roots to answer on, such as `https://graph.microsoft.com/beta`; every server of the spec by default. */
  baseUrls?: readonly string[];
  /** Check every request and response against the spec and throw on a violation (default true). */
  strict?: boolean;
  /** Stories by operation id: a built-in story's name or a story of one's own (see `defineStory`). */
  stories?: Readonly<Record<string, Story | BuiltInStoryName>>;
  /** Called for every request a handler matched, with the decoded path parameters; for recording calls. */
  onRequest?: (call: MockCall) => void;
}

/** A request that a handler matched. */
export interface MockCall {
  readonly operationId: string;
  /** Path parameters by their spec names (`user-id`, `longRunningOperation-id`), decoded. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly request: Request;
}

/** MSW handlers for every operation of the spec, with the violations they saw and a way to start over. */
export type GraphLroHandlers = HttpHandler[] & {
  /** Every contract violation seen so far, thrown or not. */
  readonly violations: ContractViolationError[];
  /** Forgets story progress and violations. */
  reset(): void;
};

/** Derives MSW handlers from the spec: examples by id, stories, `$select`, auth and strict contract checks. */
export function createGraphLroHandlers(options: GraphLroHandlerOptions = {}): GraphLroHandlers {
  const doc = options.spec ?? (generatedSpec as unknown as OpenApiDocument);
  const strict = options.strict ?? true;
  const baseUrls = options.baseUrls ?? (doc.servers ?? []).map((server) => server.url);
  const validate = createSchemaValidator();
  const violations: ContractViolationError[] = [];
  const storySteps = new Map<string, number>();
  for (const chosen of Object.values(options.stories ?? {})) {
    if (typeof chosen === "string" && !isBuiltInStory(chosen)) throw new Error(unknownStory(chosen));
  }

  const violation = (operation: SpecOperation, subject: string, pointer: string, value: unknown, problem: string) => {
    const error = new ContractViolationError(operation.operationId, subject, pointer, value, problem);
    violations.push(error);
    if (strict) throw error;
  };

  const handle = (operation: SpecOperation, request: Request, ids: Record<string, string>): MockResponse => {
    const query = new URL(request.url).searchParams;
    for (const parameter of operation.pathParameters) {
      const value = ids[parameter.name];
      for (const problem of parameter.schema ? validate(parameter.schema, value) : []) {
        violation(operation, "request path parameter", `/${parameter.name}`, value, problem.message);
      }
    }
    for (const name of new Set(query.keys())) {
      if (!operation.queryParameters.has(name)) {
        violation(operation, "request query", `/${name}`, query.get(name), "is not a parameter of this operation");
      }
    }
    const token = readRequestToken(request);
    if (operation.authRequired) {
      if (token.kind === "missing") {
        violation(operation, "request header", "/Authorization", undefined, "is required by the operation's security");
      }
      if (token.kind !== "bearer") return { status: 401, body: exampleBody(operation, 401) };
      if (token.scopes && !operation.scopes.some((scope) => token.scopes?.includes(scope))) {
        return { status: 403, body: exampleBody(operation, 403) };
      }
    }

    const select = readSelect(query, selectableNames(operation));
    if (select.kind === "invalid" || select.kind === "unknownProperty") {
      return badRequest(
        operation,
        select.kind === "invalid"
          ? select.reason
          : `Parsing OData Select and Expand failed: Could not find a property named '${select.name}' on type '${operationType(operation)}'.`,
      );
    }

    const id = ids[operation.idParameter] ?? "";
    const response = storyResponse(operation, request, id, ids) ?? exampleResponse(operation, id);
    if (response.status === 200 && select.kind === "some") {
      response.body = projectProperties(response.body as Record<string, unknown>, select.names);
    }
    return response;
  };

  const storyResponse = (
    operation: SpecOperation,
    request: Request,
    id: string,
    ids: Record<string, string>,
  ): MockResponse | undefined => {
    // Own keys only: an id such as `constructor` names no story.
    const chosen =
      (options.stories && Object.hasOwn(options.stories, id) ? options.stories[id] : undefined) ??
      readStoryPreference(request);
    if (chosen === undefined) return undefined;
    if (typeof chosen === "string" && !isBuiltInStory(chosen)) {
      // Only a request can name an unknown story here (the option's names were checked up front).
      return badRequest(operation, unknownStory(chosen));
    }
    const story = typeof chosen === "string" ? builtInStories[chosen] : chosen;
    const key = JSON.stringify([operation.operationId, ids, chosen]);
    const index = storySteps.get(key) ?? 0;
    storySteps.set(key, index + 1);
    return stepResponse(operation, story[Math.min(index, story.length - 1)] as StoryStep, id);
  };

  const toResponse = (operation: SpecOperation, request: Request, response: MockResponse): Response => {
    checkResponse(operation, response);
    const headers = new Headers({ "request-id": crypto.randomUUID() });
    headers.set("client-request-id", request.headers.get("client-request-id") ?? crypto.randomUUID());
    if (response.retryAfter !== undefined) headers.set("Retry-After", String(response.retryAfter));
    return HttpResponse.json(response.body as JsonBodyType, { status: response.status, headers });
  };

  const checkResponse = (operation: SpecOperation, response: MockResponse) => {
    const declared = responseSpecFor(operation, response.status);
    const subject = `response ${response.status}`;
    if (!declared) return violation(operation, subject, "/", response.status, "is not a status the spec declares");
    const schema = declared.content?.["application/json"]?.schema;
    for (const problem of schema ? validate(schema, response.body) : []) {
      violation(operation, `${subject} body`, problem.pointer, problem.value, problem.message);
    }
    for (const [name, header] of Object.entries(declared.headers ?? {})) {
      if (name !== "Retry-After") continue;
      if (response.retryAfter === undefined) {
        if (header.required) violation(operation, `${subject} header`, `/${name}`, undefined, "is required");
        continue;
      }
      for (const problem of header.schema ? validate(header.schema, response.retryAfter) : []) {
        violation(operation, `${subject} header`, `/${name}`, response.retryAfter, problem.message);
      }
    }
  };

  const handlers: HttpHandler[] = [];
  for (const operation of specOperations(doc)) {
    const { path, names } = toMswPath(operation.path);
    for (const baseUrl of baseUrls) {
      handlers.push(
        http[operation.method](`${baseUrl.replace(/\/$/, "")}${path}`, ({ request, params }) => {
          const ids = Object.fromEntries([...names].map(([mswName, specName]) => [specName, String(params[mswName])]));
          options.onRequest?.({ operationId: operation.operationId, parameters: ids, request });
          return toResponse(operation, request, handle(operation, request, ids));
        }),
      );
    }
  }
  return Object.assign(handlers, {
    violations,
    reset: () => {
      storySteps.clear();
      violations.length = 0;
    },
  });
}

function isBuiltInStory(name: string): name is BuiltInStoryName {
  return Object.hasOwn(builtInStories, name);
}

function unknownStory(name: string): string {
  return `graph-lro mock: unknown story "${name}"; built-in stories: ${Object.keys(builtInStories).join(", ")}`;
}

/** Graph's 400 BadRequest body, with `message`. */
function badRequest(operation: SpecOperation, message: string): MockResponse {
  const body = exampleBody(operation, 400) as { error: { message: string } };
  body.error.message = message;
  return { status: 400, body };
}

/** Default behaviour: the example whose id is the requested id, or Graph's 404. */
function exampleResponse(operation: SpecOperation, id: string): MockResponse {
  const example = operation.examples.find((e) => (e.value as { id?: unknown } | undefined)?.id === id);
  if (example) return { status: 200, body: structuredClone(example.value) };
  return { status: 404, body: exampleBody(operation, 404) };
}

function stepResponse(operation: SpecOperation, step: StoryStep, id: string): MockResponse {
  if (step.kind === "error")
    return { status: step.status, body: exampleBody(operation, step.status), retryAfter: step.retryAfter };
  // The body of the spec's example in that state (or the first example), made to describe this id.
  const values = operation.examples.map((e) => e.value as Record<string, unknown>);
  const base = values.find((v) => v.status === step.status) ?? values[0] ?? {};
  return {
    status: 200,
    body: { ...structuredClone(base), id, status: step.status, ...step.set },
    retryAfter: step.retryAfter,
  };
}

function selectableNames(operation: SpecOperation): readonly string[] {
  const parameter = SELECT_OPTIONS.map((name) => operation.queryParameters.get(name)).find(Boolean);
  const items = parameter?.schema?.items as { enum?: readonly string[] } | undefined;
  return items?.enum ?? [];
}

/** Graph names the entity type in its `$select` errors, such as `microsoft.graph.longRunningOperation`. */
function operationType(operation: SpecOperation): string {
  const schema = operation.responses["200"]?.content?.["application/json"]?.schema as { title?: string } | undefined;
  return `microsoft.graph.${schema?.title ?? "entity"}`;
}
