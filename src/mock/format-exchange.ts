import { terminalSafe } from "../text/terminal-text.ts";
import type { MockExchange } from "./mock-server.ts";

/**
 * One log line for a request the server answered: `GET /beta/... -> 200 (progress 2/4) 1.2 ms`, then
 * one indented line per contract violation. Everything that came from the request is escaped.
 */
export function formatExchange(exchange: MockExchange): string {
  const story = exchange.story ? ` (${exchange.story.name} ${exchange.story.step}/${exchange.story.steps})` : "";
  const line = `${exchange.method} ${exchange.path} -> ${exchange.status}${story} ${exchange.ms.toFixed(1)} ms`;
  const violations = exchange.violations.map((violation) => `  ! contract violation: ${violation.message}`);
  return [line, ...violations].map(terminalSafe).join("\n");
}
