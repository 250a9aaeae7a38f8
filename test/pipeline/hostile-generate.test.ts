// Hostile specs against the real generate and check:generated: each once hung the build or leaked a file.

import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it, type TestContext, vi } from "vitest";
import { dataModule } from "../../scripts/lib/build-artifacts.ts";
import { readApiTargets } from "../../scripts/lib/config.ts";
import { GenerateError } from "../../scripts/lib/errors.ts";
import { expansionLimits } from "../../scripts/lib/ref-expansion.ts";
import { aliasBomb, beforePaths, refBomb } from "./hostile-specs.ts";
import { DATA, project, runInProcess, SPEC, STACK_LINE } from "./project.ts";
import { runBounded } from "./run-bounded.ts";

// Real runs, several at once on two cores: seconds each when refused, as the old code hung for minutes.
vi.setConfig({ testTimeout: 180_000 });

/** What a file outside the spec's folder holds; it must never reach any output. */
const SECRET = "c2VjcmV0LXRva2VuLWZyb20tZG9ja2VyLWNvbmZpZw";
/** Where the spec refers to a schema, to point it elsewhere. */
const STATUS_REF = '$ref: "#/components/schemas/microsoft.graph.longRunningOperationStatus"';

describe.concurrent("generate refuses a hostile spec before any tool reads it", () => {
  // Measured about 1 s each, nearly all of it Node and tsx starting. Before: the alias bomb hung generate past
  // 2 GB; the $ref bomb had Redocly write 154 MB, which generate then parsed.
  it.for<[string, (spec: string) => string, string]>([
    ["an alias bomb", (s: string) => beforePaths(s, aliasBomb()), "its YAML aliases \\(\\*name\\) expand it past "],
    [
      "a $ref bomb",
      (s: string) => s.replace("\n  schemas:\n", `\n  schemas:\n${refBomb()}`),
      "its \\$refs, each replaced by its target, expand it past [\\d,]+ characters of JSON, as a \\$ref bomb does;",
    ],
  ])(
    "%s in the spec: refused in seconds, naming it, generated/ untouched (also check:generated)",
    async ([, edit, why], context) => {
      const p = await project(context);
      const before = await p.snapshot();
      await p.edit(SPEC, edit);
      const refused = new RegExp(`^spec/graph-lro\\.yaml: refused: ${why}`);

      const result = await runBounded(p.dir, "generate");
      expect(result.timedOut).toBe(false);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(refused);
      expect(result.stderr).toContain("nothing in generated/ was changed");
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(await p.snapshot()).toEqual(before);
      expect(result.ms).toBeLessThan(60_000);

      const check = await runBounded(p.dir, "check-generated");
      expect(check.code).toBe(1);
      expect(check.stderr).toMatch(refused);
    },
  );

  it("a data module past twice what its limits let checkSpec count is refused unwritten, also past checkSpec", async (context) => {
    const [target] = await readApiTargets((await project(context)).dir);
    if (!target) throw new Error("redocly.yaml declares no API");
    // What the message names: the size laid out as JSON, and twice what redocly.yaml's limits let checkSpec count.
    const laidOut = (value: unknown) => JSON.stringify(value, null, 2).length.toLocaleString("en");
    const most = (written: number) => (2 * expansionLimits(written, target.dereferenced).chars).toLocaleString("en");
    // 100 copies of 200 KB are 20 MB once dereferenced; checkSpec refuses the spec, so the bundle comes directly.
    const long = { type: "string", description: "x".repeat(200_000) };
    const bundled = { properties: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, long])) };
    const error = (() => {
      try {
        return dataModule(bundled, "", target, 200_000);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as Error).message).toBe(
      `${target.root}: refused: dereferenced, it takes ${laidOut(bundled)} characters, past the ${most(200_000)} ` +
        "that its limits allow (x-graph-lro.dereferenced in redocly.yaml); its $refs repeat large parts too often",
    );
    // Depth makes size too: a schema 40 deep, in 4,000 responses, takes 77.5 M characters laid out as JSON,
    // though each level is short and the module writes the schema once.
    let deep: object = { type: "string" };
    for (let level = 0; level < 40; level++) deep = { type: "object", properties: { p: deep } };
    const paths = { paths: Array.from({ length: 4_000 }, () => ({ schema: deep })) };
    expect(() => dataModule(paths, "", target, 0)).toThrow(
      `refused: dereferenced, it takes ${laidOut(paths)} characters, past the ${most(0)} that its limits allow`,
    );
    // A recursive schema, which JSON cannot write out, is refused too.
    const node: Record<string, unknown> = { type: "object" };
    node.properties = { child: node };
    expect(() => dataModule(node, "", target, 1_000)).toThrow(/refused: dereferenced, it cannot be written as data/);
  });

  it("an alias bomb in a file the spec refers to", async (context) => {
    const p = await project(context);
    await writeFile(join(p.dir, "spec/status.yaml"), `${aliasBomb()}type: string\n`);
    await p.edit(SPEC, (s) => s.replace(STATUS_REF, "$ref: './status.yaml'"));
    const result = await runBounded(p.dir, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^spec\/status\.yaml: refused: its YAML aliases/);
  });

  it("an alias bomb in redocly.yaml, which Redocly reads too", async (context) => {
    const p = await project(context);
    await p.edit("redocly.yaml", (s) => `${s}${aliasBomb("x-bomb")}`);
    const result = await runBounded(p.dir, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^redocly\.yaml: refused: its YAML aliases/);
  });

  it("a $ref to a file outside the spec's folder: refused, naming the ref; the file's content printed nowhere", async (context) => {
    const p = await project(context);
    const before = await p.snapshot();
    await mkdir(join(p.dir, "secrets"));
    await writeFile(join(p.dir, "secrets/config.json"), `{ "auths": { "registry": { "auth": "${SECRET}" } } }\n`);
    await p.edit(SPEC, (s) => s.replace(STATUS_REF, "$ref: '../secrets/config.json#/auths'"));

    const result = await runBounded(p.dir, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^spec\/graph-lro\.yaml: \/components\/schemas\/\S+: \$ref \.\.\/secrets\/config\.json#\/auths: refused: it leaves the spec's folder\n/,
    );
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(await p.snapshot()).toEqual(before);
  });

  it("a $ref that Redocly reads as a file outside the folder, a `#` in its name: refused, printed nowhere", async (context) => {
    // Redocly splits a $ref at its first `#/`, not its first `#`: to it, `#x/../../secrets/config.json` is a
    // path (`#x` a folder, then left), which redocly lint and openapi-typescript read from the disk themselves.
    const p = await project(context);
    const before = await p.snapshot();
    await mkdir(join(p.dir, "secrets"));
    await writeFile(join(p.dir, "secrets/config.json"), `{ "auths": { "registry": { "auth": "${SECRET}" } } }\n`);
    await p.edit(SPEC, (s) => s.replace(STATUS_REF, "$ref: '#x/../../secrets/config.json#/auths'"));

    const result = await runBounded(p.dir, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^spec\/graph-lro\.yaml: \/components\/schemas\/\S+: \$ref #x\/\.\.\/\.\.\/secrets\/config\.json#\/auths: refused: it leaves the spec's folder\n/,
    );
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(await p.snapshot()).toEqual(before);
  });

  it("an http $ref: refused, and nothing is fetched", async (context) => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? "");
      response.end("type: string\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    context.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status.yaml`;
    const p = await project(context);
    await p.edit(SPEC, (s) => s.replace(STATUS_REF, `$ref: '${url}'`));

    const result = await runBounded(p.dir, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`$ref ${url}: refused: only files beside the spec are read, never a URL`);
    expect(requests).toEqual([]);
    expect(await p.read(DATA)).not.toContain(url);
  });

  it("an example's http externalValue, which Redocly fetches as a $ref: refused, and nothing is fetched", async (context) => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? "");
      response.end('{ "id": "fetched" }\n');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    context.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/example.json`;
    const p = await project(context);
    await p.edit(SPEC, (s) => s.replace(/\$ref: "#\/components\/examples\/[^"]+"/, `externalValue: '${url}'`));

    const result = await runBounded(p.dir, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`externalValue ${url}: refused: only files beside the spec are read, never a URL`);
    expect(requests).toEqual([]);
  });
});

describe("a property named __proto__", () => {
  it("survives into the data module as data, and check:generated notices an emitter that drops it", async (context) => {
    const p = await project(context);
    await p.edit(SPEC, (s) =>
      s.replace(
        '      type: object\n      properties:\n        "@odata.context":',
        '      type: object\n      properties:\n        __proto__:\n          type: [string, "null"]\n          description: A hostile name.\n        "@odata.context":',
      ),
    );
    // In this process: what is tested is the emitter, not a hang.
    const result = await runInProcess(p.dir, "generate");
    expect(result.code, result.stderr).toBe(0);
    const data = await p.read(DATA);
    expect(data).toContain('["__proto__"]: {\n');

    const { spec } = await import(join(p.dir, DATA));
    const properties = spec.components.schemas["microsoft.graph.longRunningOperation"].properties;
    expect(Object.hasOwn(properties, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(properties, "__proto__")?.value).toEqual({
      type: ["string", "null"],
      description: "A hostile name.",
    });

    // The literal the old emitter wrote: `"__proto__": {` sets the prototype, and the property is gone.
    await p.edit(DATA, (s) => s.replace('["__proto__"]: {', '"__proto__": {'));
    const check = await runInProcess(p.dir, "check:generated");
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`stale:   ${DATA}`);
  });
});

describe.concurrent("the other commands that hand the spec to Redocly", () => {
  /** A project whose spec refers to a credentials file outside its folder, and holds an alias bomb. */
  async function hostile(context: TestContext) {
    const p = await project(context);
    await mkdir(join(p.dir, "secrets"));
    await writeFile(join(p.dir, "secrets/config.json"), `{ "auths": { "registry": { "auth": "${SECRET}" } } }\n`);
    await p.edit(SPEC, (s) => beforePaths(s.replace(STATUS_REF, "$ref: '../secrets/config.json#/auths'"), aliasBomb()));
    return p;
  }
  const REFUSED = /^(lint:spec: )?spec\/graph-lro\.yaml: (refused: its YAML aliases|.*refused: it leaves)/;

  it("lint:spec (Redocly and Spectral) refuses it before either linter reads it", async (context) => {
    const p = await hostile(context);
    const result = await runBounded(p.dir, "lint-spec");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(REFUSED);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it("docs refuses it before Redocly bundles it into pages to publish", async (context) => {
    const p = await hostile(context);
    const result = await runBounded(p.dir, "docs", ["--out", "site"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(REFUSED);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(existsSync(join(p.dir, "site"))).toBe(false);
  });
});
