import type { RetryEvent } from "../index.ts";
import { clip, terminalSafe } from "../text/terminal-text.ts";
import { networkCause } from "./network-cause.ts";

// The human lines of wait and get, as pure functions. Every value that came from the server (or
// the command line) goes through terminalSafe: a status must not be able to drive the terminal.

/** What is shown of an operation. */
export type Shown = { status?: unknown; statusDetail?: unknown; resourceLocation?: unknown };

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const show = (value: unknown, absent: string) =>
  value === undefined || value === null || value === "" ? absent : terminalSafe(clip(String(value)));

const REASONS: Readonly<Record<number, string>> = {
  429: "throttled",
  503: "service unavailable",
  504: "gateway timeout",
};

/** `throttled (429), Retry-After 1.0 s`: what the server answered and the wait it asked for. */
export function retryText({ status, retryAfterMs, error }: RetryEvent): string {
  // Status 0: no response came, for the reason the network error's code gives.
  if (!status) return `no response: ${networkCause(error) ?? "network error"}`;
  const asked = retryAfterMs === undefined ? "no Retry-After" : `Retry-After ${seconds(retryAfterMs)}`;
  return `${REASONS[status] ?? "HTTP"} (${status}), ${asked}`;
}

/** One line of a plain log: `[  3.0 s] running (poll 2), next poll in 2.0 s`. */
export function progressLine(
  operation: Shown,
  progress: { attempt: number; elapsedMs: number; nextPollInMs: number | undefined },
): string {
  const next = progress.nextPollInMs === undefined ? "" : `, next poll in ${seconds(progress.nextPollInMs)}`;
  return `${stamp(progress.elapsedMs)} ${show(operation.status, "(no status)")} (poll ${progress.attempt})${next}`;
}

/** A retry in a plain log: `[  0.0 s] throttled (429), Retry-After 1.0 s`. */
export function retryLine(retry: RetryEvent, elapsedMs: number): string {
  return `${stamp(elapsedMs)} ${retryText(retry)}`;
}

const stamp = (elapsedMs: number) => `[${seconds(elapsedMs).padStart(8)}]`;

/** The live status line of a terminal, redrawn while waiting: elapsed time runs on, countdowns run down. */
export function liveLine(
  view: { operation?: Shown; attempt: number; retry?: RetryEvent; retryAt?: number; nextPollAt?: number },
  elapsedMs: number,
  now: number,
): string {
  const parts = [
    view.operation ? show(view.operation.status, "(no status)") : "waiting",
    `${seconds(elapsedMs)} elapsed`,
  ];
  if (view.attempt > 0) parts.push(`poll ${view.attempt}`);
  const until = (at: number) => seconds(Math.max(0, at - now));
  if (view.retry)
    parts.push(`${retryText(view.retry)}${view.retryAt === undefined ? "" : `: retry in ${until(view.retryAt)}`}`);
  else if (view.nextPollAt !== undefined) parts.push(`next poll in ${until(view.nextPollAt)}`);
  return parts.join(" · ");
}

/** The closing summary: the resourceLocation on success, the statusDetail on failure. */
export function summary(operation: Shown, elapsedMs: number, polls: number): string[] {
  const head = `${show(operation.status, "(no status)")} after ${seconds(elapsedMs)} and ${polls} poll${polls === 1 ? "" : "s"}`;
  if (operation.status === "failed") return [`${head}: ${show(operation.statusDetail, "(no statusDetail)")}`];
  return operation.resourceLocation ? [head, `resourceLocation: ${show(operation.resourceLocation, "")}`] : [head];
}
