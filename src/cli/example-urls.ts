import { spec } from "../../generated/graph-lro.spec.ts";
import type { OpenApiDocument } from "../mock/openapi-document.ts";
import { type SpecOperation, specOperations } from "../mock/spec-operations.ts";

/** The spec's operations, as the mock reads them: the examples below come from them only. */
export const OPERATIONS = specOperations(spec as unknown as OpenApiDocument);

/**
 * The URL of `operation` under `root` naming `id`. Another path parameter (a user) takes the spec's
 * example of it, else its own name: the mock answers for any value, and a person sees what goes there.
 */
export function exampleOperationUrl(root: string, operation: SpecOperation, id: string): string {
  const path = operation.path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    if (name === operation.idParameter) return encodeURIComponent(id);
    // OpenAPI's Parameter Object may hold an example; the mock's document type does not declare it.
    const example = (operation.pathParameters.find((p) => p.name === name) as { example?: unknown } | undefined)
      ?.example;
    return encodeURIComponent(typeof example === "string" ? example : name);
  });
  return `${root.replace(/\/$/, "")}${path}`;
}

/** The `id` of each of an operation's examples that has one, in spec order. */
export const exampleIds = (operation: SpecOperation) =>
  operation.examples.flatMap((example) => {
    const id = (example.value as { id?: unknown } | undefined)?.id;
    return typeof id === "string" ? [{ id, value: example.value as { id: string; status?: unknown } }] : [];
  });
