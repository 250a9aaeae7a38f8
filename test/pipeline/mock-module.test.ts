import { describe, expect, it } from "vitest";
import { mockSpec } from "../../generated/graph-lro.mock.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { mockDocument, withoutAnnotations } from "../../scripts/lib/mock-module.ts";
import { sharedLiteral } from "../../scripts/lib/shared-literal.ts";
import { stampInnerError } from "../../src/mock/graph-response.ts";
import { exampleBody } from "../../src/mock/mock-response.ts";
import type { OpenApiDocument } from "../../src/mock/openapi-document.ts";
import { type SpecOperation, specOperations } from "../../src/mock/spec-operations.ts";
import { specStarts } from "../../src/mock/spec-starts.ts";

const full = spec as unknown as OpenApiDocument;
const cut = mockSpec as unknown as OpenApiDocument;

/** Examples as the handlers read them: by name, their value (Example's only field). */
const named = (examples: SpecOperation["examples"]) => examples.map(({ name, value }) => ({ name, value }));

/** What the handlers take from an operation, schemas aside (they differ by their annotations only). */
const read = (operation: SpecOperation) => ({
  operationId: operation.operationId,
  method: operation.method,
  path: operation.path,
  pathParameters: operation.pathParameters.map((p) => [p.name, p.required]),
  queryParameters: [...operation.queryParameters.keys()],
  statuses: Object.keys(operation.responses),
  // The one header the mock reads (check-response.ts), declared or not, required or not, with its schema.
  retryAfter: Object.values(operation.responses).map((r) => {
    const header = r.headers?.["Retry-After"];
    return header && { required: header.required, schema: header.schema && withoutAnnotations(header.schema) };
  }),
  authRequired: operation.authRequired,
  scopes: operation.scopes,
  examples: named(operation.examples),
  idParameter: operation.idParameter,
  evolvable: [...operation.evolvable],
});

describe("the mock module (generated/graph-lro.mock.ts)", () => {
  it("gives the handlers what the full spec gives them: operations, starts and every answer's example", () => {
    expect(specOperations(cut).map(read)).toEqual(specOperations(full).map(read));
    const starts = (doc: OpenApiDocument) =>
      specStarts(doc, specOperations(doc)).map((start) => ({
        ...read(start),
        start: start.start,
        polledBy: start.polledBy.operationId,
        bodyRequired: start.bodyRequired,
        accepted: named(start.accepted),
        secrets: start.secrets,
        requestSchema: start.requestSchema === undefined,
      }));
    expect(starts(cut)).toEqual(starts(full));
    const operations = [...specOperations(full), ...specStarts(full, specOperations(full))];
    const cutOperations = [...specOperations(cut), ...specStarts(cut, specOperations(cut))];
    // Each answer as it goes on the wire, key order included: an error's as the handlers stamp it.
    const ids = { requestId: "r", clientRequestId: "c", date: "d" };
    for (const [i, operation] of operations.entries()) {
      for (const status of Object.keys(operation.responses).filter((s) => /^\d+$/.test(s))) {
        const answer = (o: SpecOperation) => {
          try {
            const body = exampleBody(o, Number(status));
            return JSON.stringify(Number(status) >= 400 ? stampInnerError(body, ids) : body);
          } catch (error) {
            return (error as Error).message;
          }
        };
        expect(answer(cutOperations[i] as SpecOperation), `${operation.operationId} ${status}`).toBe(answer(operation));
      }
    }
    expect(cut.servers).toEqual(
      full.servers?.map((s) => ({ url: s.url, "x-graph-lro-login": s["x-graph-lro-login"] })),
    );
  });

  it("carries no description, however deep, and each repeated part once", () => {
    const text = JSON.stringify(mockSpec);
    expect(text).not.toContain(spec.info.description.slice(0, 40));
    expect(text).not.toContain('"description":');
    // The first operation's description appears nowhere either.
    const [first] = Object.values(spec.paths)
      .flatMap((item) => Object.values(item))
      .filter((o): o is { description: string } => typeof (o as { description?: unknown }).description === "string");
    expect(text).not.toContain(first?.description.slice(0, 40));
    const { declarations } = sharedLiteral(mockDocument(spec));
    const bodies = declarations.map((d) => d.replace(/^const \w+ = /, ""));
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it("carries none of the ids that every error answer replaces, nor headers the mock does not read", () => {
    const text = JSON.stringify(mockSpec);
    const innerErrors = JSON.stringify(spec).match(/"innerError":\{[^{}]*\}/g) ?? [];
    const stamped = innerErrors.flatMap((e) => e.match(/"(request-id|client-request-id|date)":"[^"]+"/g) ?? []);
    expect(stamped.length).toBeGreaterThan(0);
    for (const pair of stamped) expect(text).not.toContain(pair);
    expect(text).not.toContain('"WWW-Authenticate"');
    expect(text).not.toContain('"Location"');
  });

  it("strips annotations and extensions at schema positions only: a property named description stays", () => {
    const schema = {
      description: "gone",
      "x-gone": ["succeeded"],
      type: "object",
      properties: {
        description: { type: "string", description: "gone too", examples: ["x"], default: "d" },
        "x-kept": { type: "string", "x-gone": true },
      },
      items: { anyOf: [{ $comment: "c", const: 1 }] },
      enum: [{ description: "a value, kept" }],
    };
    expect(withoutAnnotations(schema)).toEqual({
      type: "object",
      properties: { description: { type: "string" }, "x-kept": { type: "string" } },
      items: { anyOf: [{ const: 1 }] },
      enum: [{ description: "a value, kept" }],
    });
    const hostile = JSON.parse('{"__proto__":{"type":"string"},"properties":{"__proto__":{"description":"x"}}}');
    const bare = withoutAnnotations(hostile) as Record<string, unknown>;
    expect(Object.hasOwn(bare, "__proto__")).toBe(true);
    expect(JSON.stringify(bare)).toBe('{"__proto__":{"type":"string"},"properties":{"__proto__":{}}}');
  });
});
