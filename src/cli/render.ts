import type { PollProgress } from "../poller/poll-progress.ts";

type Shown = { status?: string | null; statusDetail?: string | null; resourceLocation?: string | null };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One state, for people: `[  3.0 s] running (poll 2), next poll in 2.0 s`. */
export function progressLine(
  operation: Shown,
  progress: Pick<PollProgress, "attempt" | "elapsedMs" | "nextPollInMs">,
): string {
  const next = progress.nextPollInMs === undefined ? "" : `, next poll in ${seconds(progress.nextPollInMs)}`;
  return `[${seconds(progress.elapsedMs).padStart(8)}] ${operation.status ?? "(no status)"} (poll ${progress.attempt})${next}`;
}

/** The live status line of a terminal, redrawn while waiting: elapsed time runs on, the countdown runs down. */
export function liveLine(
  operation: Shown,
  attempt: number,
  elapsedMs: number,
  nextPollAt: number | undefined,
  now: number,
): string {
  const next = nextPollAt === undefined ? "" : ` · next poll in ${seconds(Math.max(0, nextPollAt - now))}`;
  return `${operation.status ?? "(no status)"} · ${seconds(elapsedMs)} elapsed · poll ${attempt}${next}`;
}

/** The closing summary: the resourceLocation on success, the statusDetail on failure. */
export function summary(operation: Shown, elapsedMs: number, polls: number): string {
  const head = `${operation.status} after ${seconds(elapsedMs)} and ${polls} poll${polls === 1 ? "" : "s"}`;
  if (operation.status === "failed") return `${head}: ${operation.statusDetail || "(no statusDetail)"}`;
  return operation.resourceLocation ? `${head}\nresourceLocation: ${operation.resourceLocation}` : head;
}
