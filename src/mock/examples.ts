// Requests the mock answers, built from the spec's examples: for `graph-lro mock`'s usage and banner, and for
// `--mock` with no operation named.
import { terminalStatuses } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { fillPath } from "../openapi/paths.ts";
import type { OpenApiDocument } from "./openapi-document.ts";
import { type SpecOperation, specOperations } from "./spec-operations.ts";
import { specStarts } from "./spec-starts.ts";

/**
 * The spec's operations, as the mock reads them: the examples below come from them only. Read when a command
 * needs them, not as the CLI loads, so that the test that checks them is the one that runs them (decision 0023b).
 */
export const exampleOperations = (): SpecOperation[] => specOperations(spec as unknown as OpenApiDocument);

/**
 * The URL of `operation` under `root` naming `id`. Another path parameter (a user) takes the spec's
 * example of it, else its default, else its own name: the mock answers for any value, and a person sees what goes there.
 */
export function exampleOperationUrl(root: string, operation: SpecOperation, id: string): string {
  const path = fillPath(operation.path, (name) => {
    if (name === operation.idParameter) return id;
    // The parameter's example, else its default (a reset's password method id).
    const parameter = operation.pathParameters.find((p) => p.name === name);
    const example = parameter?.example;
    const fallback = parameter?.schema?.default;
    return typeof example === "string" ? example : typeof fallback === "string" ? fallback : name;
  });
  return `${root.replace(/\/$/, "")}${path}`;
}

/** The `id` of each of an operation's examples that has one, in spec order. */
export const exampleIds = (operation: SpecOperation): { id: string; value: { id: string; status?: unknown } }[] =>
  operation.examples.flatMap((example) => {
    const id = (example.value as { id?: unknown } | undefined)?.id;
    return typeof id === "string" ? [{ id, value: example.value as { id: string; status?: unknown } }] : [];
  });

/** The spec's starts, linked to the GETs above. */
const exampleStarts = () => specStarts(spec as unknown as OpenApiDocument, exampleOperations());

/**
 * A curl line per start under `root`: its path ids as in exampleOperationUrl (`--user`'s example, else the
 * parameter's name), and its body the spec's first request example without a secret (none is printed).
 */
export function exampleStartCurls(root: string): string[] {
  return exampleStarts().map((start) => {
    const url = exampleOperationUrl(root, { ...start, idParameter: "" }, "");
    const examples = Object.values(
      ((start as { requestSchema?: unknown }).requestSchema && requestExamples(start)) ?? {},
    ) as { value?: Record<string, unknown> }[];
    const body = examples.find((e) => !start.secrets.some((name) => Object.hasOwn(e.value ?? {}, name)))?.value;
    const data = body
      ? ` -H 'Content-Type: application/json' -d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`
      : "";
    return `  curl -i -X POST -H 'Authorization: Bearer x'${data} '${url.replaceAll("'", "%27")}'`;
  });
}

/** The named examples of a start's JSON request body. */
const requestExamples = (start: ReturnType<typeof exampleStarts>[number]) =>
  (
    spec.paths as unknown as Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { examples?: object }> } }>
    >
  )[start.path]?.[start.method]?.requestBody?.content?.["application/json"]?.examples;

/**
 * The URL of the spec's first GET operation under `root`, for the id of its first example that is not terminal
 * (so that a story has somewhere to go): what `--mock` calls with no operation named.
 */
export function defaultMockTarget(root: string): string {
  const operation = exampleOperations().find((o) => o.method === "get");
  const terminal: readonly unknown[] = terminalStatuses;
  const example = operation && exampleIds(operation).find(({ value }) => !terminal.includes(value.status));
  if (!operation || !example) throw new Error("the spec has no GET operation with an example for --mock to call");
  return exampleOperationUrl(root, operation, example.id);
}
