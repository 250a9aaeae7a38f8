import { type Choice, type ChoiceContext, type StartedStory, storeFull } from "./choose-response.ts";
import { errorResponse } from "./mock-response.ts";
import type { SpecStart } from "./spec-starts.ts";
import { builtInStories, type Story } from "./stories.ts";

/** What the POST of a start plays of its story: an error step of its own, or where its operation's GETs begin. */
export type StartStep = { readonly answer: Choice } | { readonly from: number };

/**
 * The steps of a start's story that its POST plays itself: the errors before the story's first operation step.
 * Graph answers a throttled (429), refused (401, 403) or unavailable (503) start before any operation exists, so
 * such a story's first steps answer the POST, one per POST (counted per start, path ids and story, as a GET's
 * story is per operation id), before any 202; its GETs then play the rest. A story of errors only answers every
 * POST with them, its last repeating, and starts nothing. A story that begins with an operation step has no
 * steps of the POST's, and counts nothing here.
 */
export function playStartStory(
  context: ChoiceContext,
  start: SpecStart,
  ids: Readonly<Record<string, string>>,
  { story, name }: StartedStory,
): StartStep {
  const steps: Story = typeof story === "string" ? builtInStories[story] : story;
  const first = steps.findIndex((step) => step.kind === "operation");
  const from = first === -1 ? steps.length : first;
  if (from === 0) return { from };
  const index = context.progress.advance(JSON.stringify([start.operationId, ids, name]));
  if (index === undefined) return { answer: storeFull(context.progress, start, name, ids[start.idParameter] ?? "") };
  if (index >= from && from < steps.length) return { from };
  const at = Math.min(index, steps.length - 1);
  const step = steps[at];
  if (step?.kind !== "error") throw new Error("graph-lro mock: a start's own steps are errors");
  return {
    answer: {
      response: { ...errorResponse(start, step.status), retryAfter: step.retryAfter },
      story: { name, step: at + 1, steps: steps.length },
    },
  };
}
