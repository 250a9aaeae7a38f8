import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { operations } from "../../generated/graph-lro.routes.ts";
import { createGraphLroClient, InvalidArgumentError, type OperationRef, waitForOperation } from "../../src/index.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// What users hit with refs and 202s: the README shows each ref shape, errors name the ref's own fields,
// and a relative Location that cannot be resolved is an InvalidArgumentError.

const routes = Object.values(operations);
/** A ref of `route` with every field set to `value`, `kind` aside. */
const refWith = (route: (typeof routes)[number], value: unknown, only?: string) =>
  ({
    kind: route.kind,
    ...Object.fromEntries(
      Object.values(route.refFields).map((f) => [f, only === undefined || f === only ? value : "x"]),
    ),
  }) as unknown as OperationRef;

describe("refs", () => {
  it("every ref shape the README shows is one of the spec's, kind and fields", async () => {
    const readme = await readFile(join(PROJECT_DIR, "README.md"), "utf8");
    const shown = [...readme.matchAll(/\{ kind: "[^"]+"(?:, \w+)+ \}/g)].map(([shape]) => shape);
    const shapes = routes.map((route) => `{ kind: "${route.kind}", ${Object.values(route.refFields).join(", ")} }`);
    // A shape names its fields, as the README's ref line does (not `{ kind: "retry", … }`, nor a ref's values).
    // Both shapes of today's spec are shown; an operation added to the spec need not be (README names examples).
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const shape of shown) expect(shapes, shape).toContain(shape);
  });

  it.for(routes.flatMap((route) => Object.values(route.refFields).map((field) => [route.kind, field] as const)))(
    "a %s ref with a bad %s is an InvalidArgumentError naming that field",
    async ([kind, field]) => {
      const route = routes.find((r) => r.kind === kind) as (typeof routes)[number];
      const client = createGraphLroClient({ fetch: async () => new Response(null, { status: 500 }) });
      for (const bad of [42, ""]) {
        const error = await client.getOperation(refWith(route, bad, field)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).argument).toBe(field);
        expect((error as Error).message).toMatch(new RegExp(`^${field} must`));
      }
    },
  );
});

describe("a 202 Response as the target", () => {
  const accepted = (location: string) => new Response(null, { status: 202, headers: { location } });
  let client: ReturnType<typeof createGraphLroClient>;
  beforeEach(() => {
    client = createGraphLroClient({ fetch: async () => new Response(null, { status: 500 }) });
  });

  it("with a relative Location and no URL to resolve it against: an InvalidArgumentError, not a TypeError", async () => {
    const route = routes[0] as (typeof routes)[number];
    const error = await waitForOperation(client, accepted(route.path.replace(/\{[^}]+\}/g, "x"))).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe("target");
    expect((error as Error).message).toMatch(/Location is relative/);
  });

  it("with a Location that is no URL at all: the same", async () => {
    const error = await waitForOperation(client, accepted("http://[")).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
  });
});
