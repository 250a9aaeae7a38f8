import { ContractViolationError } from "../errors/contract-violation-error.ts";
import { childPointer } from "../openapi/json-pointer.ts";
import { fillPath } from "../openapi/paths.ts";
import { readBodyText } from "../util/http/read-body.ts";
import { authorize } from "./authorize.ts";
import {
  type Choice,
  type ChoiceContext,
  isBuiltInStory,
  type StartedStory,
  startedKey,
  unknownStory,
} from "./choose-response.ts";
import { errorResponse, type MockResponse } from "./mock-response.ts";
import type { JsonSchema } from "./openapi-document.ts";
import { readStoryPreference } from "./request-headers.ts";
import type { ValidateSchema } from "./schema-problems.ts";
import type { SpecStart } from "./spec-starts.ts";
import { playStartStory } from "./start-story.ts";
import { type BuiltInStoryName, builtInStories, type Story } from "./stories.ts";

/** The most bytes of a start's request body the mock reads: its bodies are tens of bytes. */
export const MAX_START_BODY_BYTES = 64 * 1024;

const NO_PARAMETERS: JsonSchema = { type: "object" };

/** What a start's answer needs beyond the request: stories, the checker, and the root its Location is under. */
export interface StartContext extends ChoiceContext {
  readonly started: NonNullable<ChoiceContext["started"]>;
  /** The story of each start by its name (`createGraphLroHandlers({ starts })`); `progress` for the others. */
  readonly starts: Readonly<Record<string, Story | BuiltInStoryName>>;
  readonly validate: ValidateSchema;
  readonly strict: boolean;
}

/** A start's answer: the response, its Location (on a 202), the story's step it played, and what broke the spec. */
export interface StartAnswer {
  readonly response: MockResponse;
  readonly location?: string;
  /** A step of the story that the POST played itself (an error before any 202). */
  readonly story?: Choice["story"];
  readonly example?: string;
  readonly violations: ContractViolationError[];
}

/**
 * The answer to a POST that starts an operation: Graph's 401/403 as for a GET; its 400 for a body Graph would
 * refuse (read no further than MAX_START_BODY_BYTES; in strict mode a violation too); else the story the
 * request asks for (`Prefer: story=`), else the one of the `starts` option, else `progress`: its leading errors
 * answer the POST (start-story.ts), then a 202 whose Location is a fresh operation of the GET it is polled by,
 * under `baseUrl`, which plays the rest.
 */
export async function answerStart(
  context: StartContext,
  start: SpecStart,
  request: Request,
  ids: Readonly<Record<string, string>>,
  baseUrl: string,
): Promise<StartAnswer> {
  const auth = authorize(start, request);
  if (auth.response) return { response: auth.response, violations: [...auth.violations] };
  const violations = [...auth.violations];
  const refuse = (pointer: string, value: unknown, problem: string): StartAnswer => {
    const secret = start.secrets.some((name) => {
      const own = childPointer("", name);
      return pointer === own || pointer.startsWith(`${own}/`);
    });
    if (context.strict) {
      violations.push(
        new ContractViolationError(start.operationId, "request body", pointer, secret ? "[redacted]" : value, problem),
      );
    }
    return { response: errorResponse(start, 400, `The request body is invalid: ${pointer} ${problem}.`), violations };
  };
  const text = await readBodyText(request as unknown as Response, MAX_START_BODY_BYTES);
  if (text === undefined) return refuse("/", undefined, `is longer than ${MAX_START_BODY_BYTES} bytes`);
  let body: unknown;
  if (text.trim() === "") {
    if (start.bodyRequired) return refuse("/", undefined, "is required");
  } else {
    try {
      body = JSON.parse(text);
    } catch {
      return refuse("/", undefined, "is not JSON");
    }
    // An action without parameters takes at most `{}` (as ajv would say it: the spec has no schema to compile).
    const schema = start.requestSchema ?? NO_PARAMETERS;
    const [problem] = start.requestSchema
      ? context.validate(schema, body)
      : body !== null && typeof body === "object" && !Array.isArray(body)
        ? []
        : [{ pointer: "/", value: body, message: "must be object" }];
    if (problem) return refuse(problem.pointer || "/", problem.value, problem.message);
    // Graph refuses a parameter an action does not have (OData checks an action's parameters by name).
    const known = Object.keys((schema.properties ?? {}) as object);
    const unknown = Object.keys(body as object).find((name) => !known.includes(name));
    if (unknown !== undefined)
      return refuse(childPointer("", unknown.slice(0, 40)), undefined, "is not a parameter of this action");
  }

  const preferred = readStoryPreference(request);
  const chosen = preferred ?? context.starts[start.start] ?? "progress";
  const ownKey = typeof chosen === "string" && Object.hasOwn(context.stories, chosen) ? chosen : undefined;
  if (typeof chosen === "string" && !ownKey && !isBuiltInStory(chosen)) {
    return { response: errorResponse(start, 400, unknownStory(chosen, Object.keys(context.stories))), violations };
  }
  const chosenStory: StartedStory =
    ownKey !== undefined
      ? { story: context.stories[ownKey] as Story | BuiltInStoryName, name: `stories[${JSON.stringify(ownKey)}]` }
      : {
          story: chosen as Story | BuiltInStoryName,
          name: typeof chosen === "string" ? chosen : `starts.${start.start}`,
        };
  // The story's leading errors answer the POST itself, before any operation exists.
  const own = playStartStory(context, start, ids, chosenStory);
  if ("answer" in own) return { ...own.answer, violations: [...violations, ...(own.answer.violations ?? [])] };
  const story: StartedStory = { ...chosenStory, from: own.from };

  // The GET's path parameters: the start's of the same name (a reset's user), the last a fresh operation id.
  const { polledBy } = start;
  const polledIds: Record<string, string> = {};
  for (const { name } of polledBy.pathParameters) polledIds[name] = ids[name] ?? "";
  polledIds[polledBy.idParameter] = crypto.randomUUID();
  if (!context.started.add(startedKey(polledBy.operationId, polledIds), story)) {
    // Past the store's bound, as for a story's progress: Graph's 503, saying why, and a violation.
    const problem =
      `is past the mock's store of started operations (${context.started.capacity.toLocaleString("en")}, ` +
      `${context.started.maxKeyChars.toLocaleString("en")} characters of ids): call reset() between tests`;
    const violation = new ContractViolationError(start.operationId, "mock story", story.name, "", problem);
    return {
      response: errorResponse(start, 503, `graph-lro mock: start ${start.start} ${problem}`),
      violations: [...violations, violation],
    };
  }
  const path = fillPath(polledBy.path, (name) => polledIds[name] ?? "");
  // Query parameters the GET declares with an example (Graph's routing hints on a reset's Location) are added.
  const hints = [...polledBy.queryParameters.values()].flatMap(({ name, example }) =>
    typeof example === "string" ? [`${encodeURIComponent(name)}=${encodeURIComponent(example)}`] : [],
  );
  const played = typeof story.story === "string" ? builtInStories[story.story] : story.story;
  const gaveSecret = start.secrets.some(
    (name) => typeof (body as Record<string, unknown> | undefined)?.[name] === "string",
  );
  // The 202's body: Graph returns the generated secret only when the request gave none.
  const example =
    start.accepted.find(
      (e) => start.secrets.some((name) => Object.hasOwn((e.value ?? {}) as object, name)) !== gaveSecret,
    ) ?? start.accepted[0];
  return {
    response: {
      status: 202,
      body: example ? structuredClone(example.value) : undefined,
      retryAfter: played?.[own.from]?.retryAfter,
    },
    location: `${baseUrl}${path}${hints.length ? `?${hints.join("&")}` : ""}`,
    ...(example && { example: example.name }),
    violations,
  };
}
