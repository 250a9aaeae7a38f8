import { ContractViolationError } from "../errors/contract-violation-error.ts";
import { SELECT_OPTION } from "../openapi/select-option.ts";
import { errorResponse, type MockResponse } from "./mock-response.ts";
import { jsonContent } from "./openapi-document.ts";
import { readStoryPreference } from "./request-headers.ts";
import { projectProperties, readSelect } from "./select.ts";
import type { SpecOperation } from "./spec-operations.ts";
import { type BuiltInStoryName, builtInStories, type Story } from "./stories.ts";
import type { BoundedStore, StoryProgress } from "./story-progress.ts";
import { storyExample, storyResponse } from "./story-response.ts";

/** The answer chosen for a request, and where it came from. */
export interface Choice {
  readonly response: MockResponse;
  readonly story?: { readonly name: string; readonly step: number; readonly steps: number };
  readonly example?: string;
  /** What the mock could not do as asked (its story store full), told as the request's violations are. */
  readonly violations?: readonly ContractViolationError[];
}

/** What choosing needs: the stories by id, and each story's progress (bounded). */
export interface ChoiceContext {
  readonly stories: Readonly<Record<string, Story | BuiltInStoryName>>;
  readonly progress: StoryProgress;
  /** The story of each operation a start set going, by startedKey (bounded). */
  readonly started?: BoundedStore<StartedStory>;
}

/** The story a start chose for the operation it set going, and the name coverage counts it under. */
export interface StartedStory {
  readonly story: Story | BuiltInStoryName;
  readonly name: string;
  /** The step its first GET plays: the steps before it were the POST's own (start-story.ts). */
  readonly from?: number;
}

/**
 * The key of a started operation: the GET that reports it, and its path parameters in name order (a start lists
 * them in the spec's parameter order, a GET's URL in its template's, which a spec may write otherwise).
 */
export const startedKey = (operationId: string, ids: Readonly<Record<string, string>>): string =>
  // Sorted as "name,value" strings: in name order, as the names (Graph's and the spec's) hold no comma.
  JSON.stringify([operationId, Object.entries(ids).sort()]);

/**
 * Step 3 of an answer: a `$select` Graph would refuse gets its 400; otherwise the story chosen for
 * the id (by the `stories` option, else by `Prefer: story=<name>`), else the example of that id, else
 * Graph's 404. A 200 keeps only the selected properties.
 */
export function chooseResponse(
  context: ChoiceContext,
  operation: SpecOperation,
  request: Request,
  query: URLSearchParams,
  ids: Readonly<Record<string, string>>,
): Choice {
  const select = readSelect(query, selectableNames(operation));
  if (select.kind === "invalid") return { response: errorResponse(operation, 400, select.reason) };
  if (select.kind === "unknownProperty") {
    const message = `Parsing OData Select and Expand failed: Could not find a property named '${select.name}' on type '${operationType(operation)}'.`;
    return { response: errorResponse(operation, 400, message) };
  }
  const id = ids[operation.idParameter] ?? "";
  const choice = chooseStory(context, operation, request, id, ids) ?? chooseExample(operation, id);
  if (choice.response.status === 200 && select.kind === "some") {
    choice.response.body = projectProperties(choice.response.body as Record<string, unknown>, select.names);
  }
  return choice;
}

function chooseStory(
  context: ChoiceContext,
  operation: SpecOperation,
  request: Request,
  id: string,
  ids: Readonly<Record<string, string>>,
): Choice | undefined {
  // Own keys only: an id such as `constructor` names no story.
  const own = (key: string) => (Object.hasOwn(context.stories, key) ? context.stories[key] : undefined);
  const preferred = readStoryPreference(request);
  // A story of the `stories` option is the story of its id, and any request can ask for it by that key.
  const chosenKey =
    own(id) !== undefined ? id : preferred !== undefined && own(preferred) !== undefined ? preferred : undefined;
  // An operation a start set going plays the story the start chose, unless the stories option names its id.
  const started = chosenKey === undefined ? context.started?.get(startedKey(operation.operationId, ids)) : undefined;
  const chosen = chosenKey !== undefined ? own(chosenKey) : (started?.story ?? preferred);
  if (chosen === undefined) return undefined;
  // Only a request can name an unknown story here (the option's names are checked up front).
  if (typeof chosen === "string" && !isBuiltInStory(chosen)) {
    return { response: errorResponse(operation, 400, unknownStory(chosen, Object.keys(context.stories))) };
  }
  const story = typeof chosen === "string" ? builtInStories[chosen] : chosen;
  const name = started?.name ?? (typeof chosen === "string" ? chosen : `stories[${JSON.stringify(chosenKey)}]`);
  const key = JSON.stringify([operation.operationId, ids, typeof chosen === "string" ? chosen : `own:${name}`]);
  const advanced = context.progress.advance(key);
  if (advanced === undefined) return storeFull(context.progress, operation, name, id);
  const index = advanced + (started?.from ?? 0);
  const step = Math.min(index, story.length - 1) + 1;
  const played = story[step - 1];
  // An operation step's body is one of the spec's examples: coverage counts it as served.
  const example = played?.kind === "operation" ? storyExample(operation, played)?.name : undefined;
  const response = storyResponse(operation, story, index, id);
  return { response, story: { name, step, steps: story.length }, ...(example !== undefined && { example }) };
}

/**
 * The answer when the story store is full: Graph's 503 (its body from the spec), saying why, and a violation, so
 * that a test is told (strict mode) rather than seeing a story start over. Stories under way go on.
 */
export function storeFull(progress: StoryProgress, operation: SpecOperation, name: string, id: string): Choice {
  const problem =
    `is past the mock's story store (${progress.capacity.toLocaleString("en")} story progressions, ` +
    `${progress.maxKeyChars.toLocaleString("en")} characters of ids): call reset() between tests, or use fewer ids`;
  const message = `graph-lro mock: story ${name} ${problem}`;
  const violation = new ContractViolationError(operation.operationId, "mock story", name, id, problem);
  return { response: errorResponse(operation, 503, message), violations: [violation] };
}

/** The example whose id is exactly the requested id (never a prefix), or Graph's 404. */
function chooseExample(operation: SpecOperation, id: string): Choice {
  const example = operation.examples.find((e) => (e.value as { id?: unknown } | undefined)?.id === id);
  if (!example) return { response: errorResponse(operation, 404) };
  return { response: { status: 200, body: structuredClone(example.value) }, example: example.name };
}

/** Whether `name` is a built-in story (own keys only). */
export function isBuiltInStory(name: string): name is BuiltInStoryName {
  return Object.hasOwn(builtInStories, name);
}

/** The error for a story name that is none, listing the built-in ones (and pointing to one's own, if any). */
export function unknownStory(name: string, own: readonly string[] = []): string {
  const owned = own.length ? ", or a key of the mock's stories" : "";
  return `graph-lro mock: unknown story "${name}"; built-in stories: ${Object.keys(builtInStories).join(", ")}${owned}`;
}

function selectableNames(operation: SpecOperation): readonly string[] {
  const parameter = [...operation.queryParameters.values()].find(({ name }) => SELECT_OPTION.test(name));
  const items = parameter?.schema?.items as { enum?: readonly string[] } | undefined;
  return items?.enum ?? [];
}

/** Graph names the entity type in its `$select` errors, such as `microsoft.graph.longRunningOperation`. */
function operationType(operation: SpecOperation): string {
  const schema = jsonContent(operation.responses["200"])?.schema as { title?: string } | undefined;
  return `microsoft.graph.${schema?.title ?? "entity"}`;
}
