import { errorResponse, type MockResponse } from "./mock-response.ts";
import type { SpecOperation } from "./spec-operations.ts";
import type { Story, StoryStep } from "./stories.ts";

type Body = Record<string, unknown>;
type OperationStep = Extract<StoryStep, { kind: "operation" }>;

/**
 * The answer of a story's step `index` (past the end, the last step repeats) about operation `id`.
 * An operation step's body is the spec's example in that state (or the first example), made to
 * describe this id and to move forward in time: `createdDateTime` is the first step's throughout,
 * and `lastActionDateTime` advances by each example's own elapsed time, never going back.
 */
export function storyResponse(operation: SpecOperation, story: Story, index: number, id: string): MockResponse {
  const played = story.slice(0, Math.min(index, story.length - 1) + 1);
  const step = played.at(-1) as StoryStep;
  if (step.kind === "error") return { ...errorResponse(operation, step.status), retryAfter: step.retryAfter };
  const exampleFor = (s: OperationStep) => (storyExample(operation, s)?.value ?? {}) as Body;
  const bases = played.filter((s): s is OperationStep => s.kind === "operation").map(exampleFor);
  return {
    status: 200,
    body: { ...structuredClone(exampleFor(step)), ...storyTimes(bases), id, status: step.status, ...step.set },
    retryAfter: step.retryAfter,
  };
}

/** The spec's example an operation step's body starts from: the one in that state, else the first. */
export function storyExample(
  operation: SpecOperation,
  step: OperationStep,
): SpecOperation["examples"][number] | undefined {
  const { examples } = operation;
  return examples.find((e) => (e.value as Body | undefined)?.status === step.status) ?? examples[0];
}

/** The timestamps after the steps so far, whose example bodies are `bases` (none when the examples have none). */
function storyTimes(bases: readonly Body[]): Body {
  const created = bases[0]?.createdDateTime;
  const createdMs = typeof created === "string" ? Date.parse(created) : Number.NaN;
  if (Number.isNaN(createdMs)) return {};
  // Each example's time since its own creation; examples of one operation come from different runs.
  const elapsed = bases.map(
    (base) => Date.parse(String(base.lastActionDateTime)) - Date.parse(String(base.createdDateTime)),
  );
  const furthest = Math.max(0, ...elapsed.filter((ms) => Number.isFinite(ms)));
  // The first example's own text while no time has passed: its 7-digit fraction stays exact.
  const lastActionDateTime = furthest === 0 ? created : new Date(createdMs + furthest).toISOString();
  return { createdDateTime: created, lastActionDateTime };
}
