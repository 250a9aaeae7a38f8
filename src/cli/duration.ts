import { MAX_TIMER_MS } from "../util/time/sleep.ts";

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `90`, `90s`, `1500ms`, `5m`, `1h` → ms (a bare number is seconds); undefined if it is not a usable duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * UNITS[(match[2] ?? "s") as keyof typeof UNITS]);
  // Timers wait at most MAX_TIMER_MS (longer ones fire at once), and 0 would time out before asking.
  return ms >= 1 && ms <= MAX_TIMER_MS ? ms : undefined;
}

/** The shortest exact form of a duration: 900000 → `15m`, 1500 → `1500ms`. */
export function formatDuration(ms: number): string {
  for (const unit of ["h", "m", "s"] as const) {
    if (ms % UNITS[unit] === 0) return `${ms / UNITS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
