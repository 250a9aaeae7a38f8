import type { HttpHandler } from "msw";
import { mockSpec, mockValidators } from "../../generated/graph-lro.mock.ts";
import type { ContractViolationError } from "../errors/contract-violation-error.ts";
import { answerStart, type StartContext } from "./answer-start.ts";
import { authorize, graphChallenge } from "./authorize.ts";
import { checkRequest } from "./check-request.ts";
import { checkResponse } from "./check-response.ts";
import { type Choice, chooseResponse, isBuiltInStory, unknownStory } from "./choose-response.ts";
import { createCoverageRecorder, type MockCoverage } from "./coverage.ts";
import { MAX_STORY_PROGRESS, MAX_STORY_PROGRESS_CHARS } from "./defaults.ts";
import { hideUnaskedMembers, includesUnknownEnumMembers } from "./evolvable-members.ts";
import { setExchangeNote } from "./exchange-notes.ts";
import {
  type AnswerIds,
  answerIds,
  graphJsonResponse,
  malformedUrlResponse,
  stampInnerError,
} from "./graph-response.ts";
import type { MakeHandler } from "./make-handler.ts";
import { methodNotAllowedHandler } from "./method-not-allowed.ts";
import { declaredStatus } from "./mock-response.ts";
import type { JsonSchema, OpenApiDocument } from "./openapi-document.ts";
import { type RouteMatch, routeMatcher } from "./route-matcher.ts";
import { type CompiledValidator, precompiledValidators, schemaChecker } from "./schema-problems.ts";
import { type SpecOperation, specOperations } from "./spec-operations.ts";
import { type SpecStart, specStarts } from "./spec-starts.ts";
import { type BuiltInStoryName, builtInStories, type Story } from "./stories.ts";
import { BoundedStore, StoryProgress } from "./story-progress.ts";
import { rememberServed } from "./unknown-path.ts";
import { createViolationLog } from "./violation-log.ts";

export interface GraphLroHandlerOptions {
  /**
   * The bundled, dereferenced document to derive handlers from; by default the generated spec (what the handlers
   * read of it, generated/graph-lro.mock.ts). Any other document's schemas are compiled on the first request.
   */
  spec?: OpenApiDocument;
  /** Service roots to answer on, such as `https://graph.microsoft.com/beta`; every server of the spec by default. */
  baseUrls?: readonly string[];
  /**
   * Check every request and answer against the spec and record each violation in `violations`
   * (default true). Never changes the answer: that is always what Graph would send.
   */
  strict?: boolean;
  /**
   * Stories by the long-running operation's id (the `longRunningOperation-id` value, the path's last
   * parameter), not the spec's operationId: a built-in story's name or a story of one's own (see `defineStory`).
   */
  stories?: Readonly<Record<string, Story | BuiltInStoryName>>;
  /**
   * The story each start's operation plays, by the start's name (the spec's `x-graph-lro-start`, such as
   * `resetPassword`): a built-in story's name, a key of `stories`, or a story of one's own. A request's
   * `Prefer: story=<name>` on the POST overrides it; without either, `progress`. The story's errors before
   * its first operation step answer the POST itself (`throttled`: a 429, then the 202).
   */
  starts?: Readonly<Record<string, Story | BuiltInStoryName>>;
  /** Called for every request a handler matched, with the decoded path parameters; for recording calls. */
  onRequest?: (call: MockCall) => void;
  /** The clock of error bodies' `innerError.date`, in milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
}

/** A request that a handler matched. */
export interface MockCall {
  readonly operationId: string;
  /** Path parameters by their spec names (`user-id`, `longRunningOperation-id`), decoded. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly request: Request;
}

/** MSW handlers for every operation of the spec, with the violations they saw, their coverage and a way to start over. */
export type GraphLroHandlers = HttpHandler[] & {
  /** The most recent contract violations (at most `MAX_VIOLATIONS`), in the order seen. */
  readonly violations: ContractViolationError[];
  /** Starts every story over and forgets the operations started and the violations; coverage keeps counting. */
  reset(): void;
  /** Which declared responses, stories and examples were served so far. */
  coverage(): MockCoverage;
};

/**
 * Derives handlers from the spec: examples by id, stories, `$select`, auth, 405s and strict contract checks, each
 * made by `make`: msw's (`createGraphLroHandlers`, msw-handler.ts), or plain ones for the CLI's --mock.
 */
export function graphLroHandlers(make: MakeHandler, options: GraphLroHandlerOptions = {}): GraphLroHandlers {
  const generated = mockSpec as unknown as OpenApiDocument;
  const doc = options.spec ?? generated;
  const strict = options.strict ?? true;
  const now = options.now ?? Date.now;
  // A root as a request's URL is read (no default port, a punycode host, an encoded path), or it matches none.
  const trim = (url: string) => (URL.canParse(url) ? new URL(url).href : url).replace(/\/$/, "");
  const baseUrls = (options.baseUrls ?? (doc.servers ?? []).map((server) => server.url)).map(trim);
  // A root's 401 challenge names its cloud's login host; a root that is no server's gets the global cloud's.
  const challengeOf = (baseUrl: string) =>
    graphChallenge(
      doc.servers?.find((server) => trim(server.url) === baseUrl)?.["x-graph-lro-login"] ??
        mockSpec.servers[0]["x-graph-lro-login"],
    );
  const stories = options.stories ?? {};
  for (const chosen of Object.values(stories)) {
    if (typeof chosen === "string" && !isBuiltInStory(chosen)) throw new Error(unknownStory(chosen));
  }
  const operations = specOperations(doc);
  const starts = specStarts(doc, operations);
  const startStories = options.starts ?? {};
  for (const [name, chosen] of Object.entries(startStories)) {
    if (!starts.some((start) => start.start === name)) {
      throw new Error(
        `graph-lro mock: starts names "${name}", which is no start of the spec: ${starts.map((s) => s.start).join(", ")}`,
      );
    }
    if (typeof chosen === "string" && !isBuiltInStory(chosen) && !Object.hasOwn(stories, chosen)) {
      throw new Error(unknownStory(chosen, Object.keys(stories)));
    }
  }
  // The generated spec's schemas were compiled by `npm run generate`; a spec of one's own loads ajv's compiler
  // (only then: it is most of the mock's start-up), and its handlers answer once it is loaded.
  const ownSpec = doc !== generated;
  let validatorOf: ((schema: JsonSchema) => CompiledValidator) | undefined = ownSpec
    ? undefined
    : precompiledValidators(mockValidators as readonly (readonly [object, CompiledValidator])[]);
  const loading = ownSpec
    ? import("./schema-validator.ts").then((compiler) => {
        validatorOf = compiler.compilingValidators();
      })
    : undefined;
  loading?.catch(() => {}); // a failure is the first request's, where it is awaited
  const validate = schemaChecker((schema) => (validatorOf as NonNullable<typeof validatorOf>)(schema));
  const violations = createViolationLog();
  const context: StartContext = {
    stories,
    progress: new StoryProgress(MAX_STORY_PROGRESS, MAX_STORY_PROGRESS_CHARS),
    started: new BoundedStore(MAX_STORY_PROGRESS, MAX_STORY_PROGRESS_CHARS),
    starts: startStories,
    validate,
    strict,
  };
  const ownStories = Object.keys(stories).filter((id) => typeof stories[id] !== "string");
  const coverage = createCoverageRecorder(
    [...operations, ...starts],
    [...Object.keys(builtInStories), ...ownStories.map((id) => `stories[${JSON.stringify(id)}]`)],
  );

  // The steps of an answer, each in its own module: check the request, authorize, choose, check the answer.
  const answer = (operation: SpecOperation, request: Request, ids: Record<string, string>, root: string) => {
    const query = new URL(request.url).searchParams;
    const auth = authorize(operation, request);
    const choice: Choice = auth.response
      ? { response: auth.response }
      : chooseResponse(context, operation, request, query, ids);
    const { response } = choice;
    // Graph answers a request that did not ask for the members after `unknownFutureValue` with the sentinel.
    const asked = includesUnknownEnumMembers(request);
    if (!asked && response.status === 200) response.body = hideUnaskedMembers(operation.evolvable, response.body);
    const answered = answerIds(request, now());
    if (response.status >= 400) response.body = stampInnerError(response.body, answered);
    const found = strict
      ? [
          ...checkRequest(operation, query, ids, validate),
          ...auth.violations,
          ...checkResponse(operation, response, validate, asked),
          ...(choice.violations ?? []),
        ]
      : [];
    return send(operation, request, root, answered, choice, found, {});
  };

  // A start's answer: its own steps (answer-start.ts), then the same checks, coverage and headers as a GET's.
  // A story counts for each step played: the POST's own errors here, the rest on its GETs (not the 202).
  const answerPost = async (start: SpecStart, request: Request, ids: Record<string, string>, root: string) => {
    const answered = answerIds(request, now());
    const found = await answerStart(context, start, request, ids, root);
    const { response } = found;
    if (response.status >= 400) response.body = stampInnerError(response.body, answered);
    // As for a GET, nothing is recorded unless strict (a missing token, the story store full, the answer's checks).
    const all = strict ? [...found.violations, ...checkResponse(start, response, validate)] : [];
    const headers: Record<string, string> = {};
    if (found.location !== undefined) headers.Location = found.location;
    return send(start, request, root, answered, found, all, headers);
  };

  /** What every answer ends with: its violations, coverage, the exchange's note, and Graph's headers. */
  function send(
    operation: SpecOperation,
    request: Request,
    root: string,
    answered: AnswerIds,
    { response, story, example }: Pick<Choice, "response" | "story" | "example">,
    found: ContractViolationError[],
    headers: Record<string, string>,
  ): Response {
    for (const violation of found) violations.add(violation);
    coverage.record(operation.operationId, declaredStatus(operation, response.status), { story: story?.name, example });
    setExchangeNote(request, { operationId: operation.operationId, story, example, violations: found });
    if (response.retryAfter !== undefined) headers["Retry-After"] = String(response.retryAfter);
    // Graph challenges with every 401, a story's included.
    if (response.status === 401) headers["WWW-Authenticate"] = challengeOf(root);
    return graphJsonResponse(response.status, response.body, answered, headers);
  }

  // One handler per operation, matching every root at once (route-matcher.ts); then one 405 handler per path.
  const handlers: HttpHandler[] = [];
  const methodsByPath = new Map<string, string[]>();
  const routed = (
    operation: SpecOperation | SpecStart,
    respond: (request: Request, match: RouteMatch) => Response | Promise<Response>,
  ) => {
    methodsByPath.set(operation.path, [...(methodsByPath.get(operation.path) ?? []), operation.method]);
    const match = routeMatcher(baseUrls, operation.path);
    const method = operation.method.toUpperCase();
    handlers.push(
      make(
        operation.method,
        // The method first: msw asks every handler's predicate before it compares methods.
        ({ request }) => request.method === method && match(request.url) !== undefined,
        ({ request }) => (validatorOf ? resolve(request) : (loading as Promise<void>).then(() => resolve(request))),
      ),
    );
    function resolve(request: Request) {
      const found = match(request.url);
      if (found === "malformed") return malformedUrlResponse(request, now());
      options.onRequest?.({ operationId: operation.operationId, parameters: (found as RouteMatch).ids, request });
      return respond(request, found as RouteMatch);
    }
  };
  // No root, no handler: a document without servers is served only under the baseUrls given.
  for (const operation of baseUrls.length ? operations : []) {
    routed(operation, (request, { root, ids }) => answer(operation, request, ids, root));
  }
  for (const start of baseUrls.length ? starts : [])
    routed(start, (request, { root, ids }) => answerPost(start, request, ids, root));
  for (const [template, methods] of methodsByPath) {
    // A 405 counts under each operation of the path that declares it (as `4XX`, say).
    const onPath = [...operations, ...starts].filter((operation) => operation.path === template);
    const record = () => {
      for (const operation of onPath) coverage.record(operation.operationId, declaredStatus(operation, 405), {});
    };
    handlers.push(methodNotAllowedHandler(make, routeMatcher(baseUrls, template), methods, now, record));
  }
  const result = Object.assign(handlers, {
    violations: violations.list,
    reset: () => {
      context.progress.clear();
      context.started.clear();
      violations.clear();
    },
    coverage: () => coverage.snapshot(),
  });
  // For naming the unknown segment of a path no handler matches.
  // In the spec's order, the starts' paths among the others.
  const templates = Object.keys(doc.paths).filter((path) => methodsByPath.has(path));
  rememberServed(handlers, { templates, roots: baseUrls, now });
  return result;
}
