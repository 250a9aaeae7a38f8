import { type Example, type JsonSchema, jsonContent, type OpenApiDocument } from "./openapi-document.ts";
import { eachOperation, type SpecOperation, specOperation } from "./spec-operations.ts";

/** A POST that starts an operation, as the mock needs it: everything comes from the document. */
export interface SpecStart extends SpecOperation {
  /** Its `x-graph-lro-start`: the name `createGraphLroHandlers({ starts })` keys it by. */
  readonly start: string;
  /** The GET its 202's Location points to (`x-graph-lro-polled-by`). */
  readonly polledBy: SpecOperation;
  /** Its JSON request body's schema, and whether a body is required. */
  readonly requestSchema: JsonSchema | undefined;
  readonly bodyRequired: boolean;
  /** The named examples of its 202's JSON body, in spec order. */
  readonly accepted: readonly (Example & { readonly name: string })[];
  /** Properties of its request or 202 body with `format: password`: a violation never quotes them. */
  readonly secrets: readonly string[];
}

/** Lists every operation of the document that is not a GET, each linked to the GET that `polls` lists. */
export function specStarts(doc: OpenApiDocument, polls: readonly SpecOperation[]): SpecStart[] {
  return eachOperation(doc, (method) => method !== "get").map(([path, method, operation, parameters]) => {
    const extra = operation as typeof operation & {
      "x-graph-lro-start"?: string;
      "x-graph-lro-polled-by"?: string;
      requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
    };
    const polledBy = polls.find((poll) => poll.operationId === extra["x-graph-lro-polled-by"]);
    const start = extra["x-graph-lro-start"];
    if (!polledBy || !start) {
      throw new Error(
        `graph-lro mock: ${method.toUpperCase()} ${path} needs x-graph-lro-start and x-graph-lro-polled-by`,
      );
    }
    const requestSchema = extra.requestBody?.content?.["application/json"]?.schema;
    const acceptedContent = jsonContent(operation.responses["202"]);
    const propertiesOf = (schema: JsonSchema | undefined) => (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const secrets = [propertiesOf(requestSchema), propertiesOf(acceptedContent?.schema)].flatMap((properties) =>
      Object.keys(properties).filter((name) => properties[name]?.format === "password"),
    );
    const accepted = Object.entries(acceptedContent?.examples ?? {}).map(([name, example]) => ({ name, ...example }));
    return {
      ...specOperation(doc, path, method, operation, parameters),
      // Its success examples are its 202's, which coverage counts.
      examples: accepted,
      start,
      polledBy,
      requestSchema,
      bodyRequired: extra.requestBody?.required === true,
      accepted,
      secrets: [...new Set(secrets)],
    };
  });
}
