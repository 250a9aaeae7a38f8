import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import type { OpenApiDocument } from "../../src/mock/index.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { specOperations } from "../../src/mock/spec-operations.ts";
import { bareClient, getOperation } from "../support/mock-client.ts";

/**
 * Live mode: the provider-side check that the spec still matches Microsoft Graph. Set
 * GRAPH_TOKEN and, per operation, the ids to read:
 *   GRAPH_LRO_ALERT_OPERATION_ID                          (roleManagementAlerts)
 *   GRAPH_LRO_USER_ID and GRAPH_LRO_USER_OPERATION_ID     (users/…/authentication)
 */
const token = process.env.GRAPH_TOKEN;
const env = {
  "identityGovernance.roleManagementAlerts.GetOperations": [process.env.GRAPH_LRO_ALERT_OPERATION_ID],
  "users.authentication.GetOperations": [process.env.GRAPH_LRO_USER_ID, process.env.GRAPH_LRO_USER_OPERATION_ID],
} as Record<string, (string | undefined)[]>;
const operations = specOperations(spec as unknown as OpenApiDocument);
const configured = (operationId: string) => Boolean(token) && Boolean(env[operationId]?.every(Boolean));
if (!operations.some((o) => configured(o.operationId))) {
  console.info("live contract tests skipped: set GRAPH_TOKEN and the GRAPH_LRO_* ids to run them against Graph");
}

describe("live contract against Microsoft Graph", () => {
  const validate = createSchemaValidator();
  it.for(operations.map((o) => [o.operationId, o] as const))(
    "%s answers as the spec says",
    async ([, operation], ctx) => {
      ctx.skip(!configured(operation.operationId), "live: not configured");
      const values = env[operation.operationId] as string[];
      // The environment gives the path parameters in the spec's order; the last is the operation id.
      const path = Object.fromEntries(operation.pathParameters.map((p, i) => [p.name, values[i] as string]));
      const client = bareClient(fetch, token);
      const { data, response } = await getOperation(client, operation, values.at(-1) as string, { path });
      expect(response.status).toBe(200);
      const schema = operation.responses["200"]?.content?.["application/json"]?.schema ?? {};
      expect(validate(schema, data)).toEqual([]);
    },
  );
});
