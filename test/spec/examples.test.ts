import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { GET_PATHS } from "../support/spec-urls.ts";

type Json = Record<string, unknown>;
interface MediaExample {
  where: string;
  name: string;
  schema: Json;
  value: unknown;
}

/** Every named example of every response media type in the spec, with the schema it must satisfy. */
function mediaExamples(): MediaExample[] {
  const found: MediaExample[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item as Json)) {
      const responses = (operation as Json).responses as Record<string, Json> | undefined;
      for (const [status, response] of Object.entries(responses ?? {})) {
        for (const [mediaType, media] of Object.entries((response.content ?? {}) as Record<string, Json>)) {
          for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, Json>)) {
            const where = `${method.toUpperCase()} ${path} ${status} ${mediaType}`;
            found.push({ where, name, schema: media.schema as Json, value: example.value });
          }
        }
      }
    }
  }
  return found;
}

const validate = createSchemaValidator();
const examples = mediaExamples();
const operationSchema = spec.components.schemas["microsoft.graph.longRunningOperation"];
const statusValues = spec.components.schemas["microsoft.graph.longRunningOperationStatus"].enum;

describe("spec examples", () => {
  it("gives every response of every operation at least one example", () => {
    for (const [path, item] of GET_PATHS) {
      for (const status of Object.keys(item.get.responses)) {
        expect(
          examples.some((e) => e.where.startsWith(`GET ${path} ${status} `)),
          `${path} ${status}`,
        ).toBe(true);
      }
    }
    // No example is collected twice (each is one response's, by name).
    expect(new Set(examples.map((e) => `${e.where} ${e.name}`)).size).toBe(examples.length);
  });

  it.each(examples.map((e) => [`${e.where} ${e.name}`, e] as const))("%s validates against its schema", (_, e) => {
    expect(validate(e.schema, e.value)).toEqual([]);
  });

  it("rejects broken examples, so the validation above bites", () => {
    const problems = (value: unknown) => validate(operationSchema, value).map((p) => p.pointer);
    const running = examples.find((e) => e.where.includes(" 200 ") && (e.value as Json).status === "running");
    expect(running).toBeDefined();
    const base = running?.value as Json;
    // The published password-reset timestamp, before this spec corrected it.
    expect(problems({ ...base, createdDateTime: "2020-03-19T12-01-03.45Z" })).toEqual(["/createdDateTime"]);
    expect(problems({ ...base, status: "x-graph-lro-test-unknown" })).toContain("/status");
    expect(problems({ ...base, statusDetail: 42 })).toContain("/statusDetail");
    expect(problems(base)).toEqual([]);
  });

  it("gives each operation an example for every state but the sentinel, each with its own id", () => {
    const states = statusValues.filter((s) => s !== "unknownFutureValue");
    for (const [path, item] of GET_PATHS) {
      const ok = examples.filter((e) => e.where.startsWith(`GET ${path} 200 `)).map((e) => e.value as Json);
      expect(ok.map((v) => v.status).sort(), path).toEqual([...states].sort());
      expect(new Set(ok.map((v) => v.id)).size, `${path}: example ids must be distinct`).toBe(ok.length);
      expect(item.get.responses["200"].content["application/json"].schema).toEqual(operationSchema);
    }
  });
});

describe("spec consistency", () => {
  it("lets $select name exactly the schema's own properties", () => {
    const properties = Object.keys(operationSchema.properties).filter((p) => !p.startsWith("@odata."));
    expect([...spec.components.schemas.selectList.items.enum].sort()).toEqual(properties.sort());
  });

  it("declares a server for each national cloud, each named by x-graph-cloud", () => {
    const clouds = spec.servers.map((s) => s["x-graph-cloud"]);
    expect(new Set(clouds).size).toBe(spec.servers.length);
    for (const server of spec.servers) expect(server.url).toMatch(/^https:\/\/[^/]+\/beta$/);
  });

  it("lets each operation's least-privileged scope, or any higher one, grant it, as x-ms-permissions says", () => {
    for (const [, item] of GET_PATHS) {
      const { security, "x-ms-permissions": permissions } = item.get;
      // OpenAPI reads a list of requirements as alternatives; one requirement naming both would need both.
      expect(security).toEqual(
        [permissions.leastPrivileged, ...permissions.higherPrivileged].map((scope) => ({
          microsoftIdentityPlatform: [scope],
        })),
      );
    }
  });
});
