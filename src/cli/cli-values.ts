import { servers } from "../../generated/graph-lro.routes.ts";
import { resolveBaseUrl } from "../client/clouds.ts";
import { assertPathId } from "../client/path-id.ts";
import { UsageError } from "../errors/usage-error.ts";
import { type GraphCloud, type OperationRef, parseOperationUrl, type SelectableProperty } from "../index.ts";
import { type BuiltInStoryName, builtInStories } from "../mock/stories.ts";
import { MAX_TIMER_MS } from "../util/time/sleep.ts";
import { parseDuration } from "./duration.ts";

// Each reader turns one flag's text into what the client takes, or throws a UsageError naming the
// flag. The library's own checks run here, at the edge, so that later errors are never read as usage.

/** The spec's clouds, and the built-in mock's stories: what --cloud and --mock accept. */
export const CLOUDS: readonly string[] = servers.map((s) => s["x-graph-cloud"]);
export const STORIES = Object.keys(builtInStories);

export function readCloud(text: string | undefined): GraphCloud | undefined {
  if (text !== undefined && !CLOUDS.includes(text)) {
    throw new UsageError(`unknown cloud "${text}" for --cloud: one of ${CLOUDS.join(", ")}`);
  }
  return text as GraphCloud | undefined;
}

/** A base URL is checked without echoing it: it may carry a password. */
export function readBaseUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.username || url?.password) {
    throw new UsageError("--base-url must not carry credentials (user:password@): the token has its own flags");
  }
  try {
    resolveBaseUrl({ baseUrl: text });
  } catch {
    throw new UsageError(
      "--base-url must be an http(s) URL without query or fragment, such as http://127.0.0.1:4010/beta",
    );
  }
  return text;
}

/** `--mock` without a story reads as "" (see withMockValue). */
export function readStory(text: string | undefined): BuiltInStoryName | undefined {
  if (!text) return undefined;
  if (STORIES.includes(text)) return text as BuiltInStoryName;
  const near = STORIES.find((story) => editDistance(story.toLowerCase(), text.toLowerCase()) <= 2);
  const hint = near ? ` (did you mean ${near}?)` : "";
  throw new UsageError(`unknown story "${text}" for --mock${hint}: one of ${STORIES.join(", ")}`);
}

/** `a,b` → names; an empty name (`status,`) would only reach Graph as a confusing 400. */
export function readSelect(text: string | undefined): SelectableProperty[] | undefined {
  const names = text?.split(",").map((s) => s.trim());
  if (names?.includes("")) throw new UsageError(`--select needs property names separated by commas, not "${text}"`);
  return names as SelectableProperty[] | undefined;
}

export function readTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) {
    const hours = Math.floor(MAX_TIMER_MS / 3_600_000);
    throw new UsageError(
      `--timeout must be a duration from 1ms to ${hours}h, such as 90, 90s, 5m or 1500ms, not "${text}"`,
    );
  }
  return ms;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// What a Headers value may hold (a ByteString), without line breaks or NUL.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** `Name: value` pairs. The token is refused here: it has its own route, and goes to Graph only. Values are never echoed. */
export function readHeaders(given: readonly string[] | undefined): [string, string][] {
  return (given ?? []).map((text) => {
    const colon = text.indexOf(":");
    const name = text.slice(0, Math.max(colon, 0)).trim();
    const value = text.slice(colon + 1).trim();
    if (colon < 0 || !HEADER_NAME.test(name)) {
      throw new UsageError("--header needs 'Name: value', such as --header 'Prefer: story=failed'");
    }
    if (name.toLowerCase() === "authorization") {
      throw new UsageError("--header cannot send Authorization: the token comes from GRAPH_TOKEN or --token-command");
    }
    if (!HEADER_VALUE.test(value))
      throw new UsageError(`--header ${name}: the value has a line break or a control character`);
    return [name, value];
  });
}

/** The operation named: a Location URL (checked against the cloud or base URL), or a ref from the sugar flags. */
export function readTarget(
  positionals: readonly string[],
  values: { user?: string; operation?: string; "alert-operation"?: string },
  where: { cloud: GraphCloud | undefined; baseUrl: string | undefined },
  mocked: boolean,
): string | OperationRef | undefined {
  const url = positionals[0];
  const given = [
    url !== undefined,
    values.user !== undefined || values.operation !== undefined,
    values["alert-operation"] !== undefined,
  ];
  if (given.filter(Boolean).length > 1 || positionals.length > 1) {
    throw new UsageError("name one operation: a Location URL, --user with --operation, or --alert-operation");
  }
  if (url !== undefined) {
    usage(() => parseOperationUrl(url, where));
    return url;
  }
  const alert = values["alert-operation"];
  if (alert !== undefined) {
    usage(() => assertPathId("--alert-operation", alert));
    return { kind: "roleManagementAlert", operationId: alert };
  }
  const { user, operation } = values;
  if (user !== undefined && operation !== undefined) {
    usage(() => assertPathId("--user", user));
    usage(() => assertPathId("--operation", operation));
    return { kind: "userAuthentication", userId: user, operationId: operation };
  }
  if (user !== undefined || operation !== undefined) throw new UsageError("--user and --operation go together");
  if (mocked) return undefined;
  throw new UsageError("name the operation: a Location URL, --user with --operation, or --alert-operation");
}

/** Runs a library check of user input; what it throws is the user's mistake, so a usage error. */
function usage(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Levenshtein distance, for "did you mean": the names are short and few. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] as number;
}
