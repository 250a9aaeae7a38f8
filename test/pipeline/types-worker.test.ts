import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { typesWorker } from "../../scripts/lib/types-worker.ts";

// openapi-typescript's worker thread (generate's types): its answers, its failures, and its reuse after each.
const url = pathToFileURL("/nonexistent/graph-lro-test/spec.yaml");
const spec = (schema: unknown) => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {},
  components: { schemas: { TestOnlyThing: schema } },
});
const THING = spec({ type: "object", properties: { testOnlyName: { type: "string" } }, required: ["testOnlyName"] });

describe("typesWorker", () => {
  it("answers a spec with openapi-typescript's types of it", async () => {
    const worker = typesWorker();
    const types = await worker.types(url, THING);
    await worker.stop();
    expect(types).toContain("TestOnlyThing: {");
    expect(types).toContain("testOnlyName: string;");
  });

  it("rejects with openapi-typescript's message for a spec it refuses, and the next run is answered", async () => {
    const refused = typesWorker();
    // openapi-typescript reads only OpenAPI 3: a Swagger 2 document is its error, not the worker's end.
    await expect(refused.types(url, { swagger: "2.0", info: { title: "t", version: "1" }, paths: {} })).rejects.toThrow(
      "Unsupported Swagger version: 2.x. Use OpenAPI 3.x instead.",
    );
    await refused.stop();
    const next = typesWorker();
    await expect(next.types(url, THING)).resolves.toContain("testOnlyName: string;");
    await next.stop();
  });

  it("answers every problem openapi-typescript finds as its error, where it prints all and throws the last", async () => {
    const worker = typesWorker();
    const broken = spec({
      type: "object",
      properties: {
        testOnlyFirst: { $ref: "#/components/schemas/TestOnlyMissingOne" },
        testOnlySecond: { $ref: "#/components/schemas/TestOnlyMissingTwo" },
      },
    });
    const error = await worker.types(url, broken).catch((e: unknown) => e as Error);
    await worker.stop();
    const at = "#/components/schemas/TestOnlyThing/properties";
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `Can't resolve $ref at ${at}/testOnlyFirst; Can't resolve $ref at ${at}/testOnlySecond`,
    );
  });

  it("takes one spec per handle", async () => {
    const worker = typesWorker();
    const first = worker.types(url, THING);
    await expect(worker.types(url, THING)).rejects.toThrow("types() was already called on this worker");
    await first;
    await expect(worker.types(url, THING)).rejects.toThrow("types() was already called on this worker");
    await worker.stop();
  });

  it("ends a worker stopped mid-run (its run rejects), and the next handle gets one that answers", async () => {
    const worker = typesWorker();
    const running = worker.types(url, THING);
    running.catch(() => {});
    await worker.stop();
    await expect(running).rejects.toThrow(/exited/);
    const next = typesWorker();
    await expect(next.types(url, THING)).resolves.toContain("testOnlyName: string;");
    await next.stop();
  });
});
