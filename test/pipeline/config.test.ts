import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, type TestContext } from "vitest";
import { readApiTargets } from "../../scripts/lib/config.ts";
import { GenerateError } from "../../scripts/lib/errors.ts";
import { EXPANSION_DEFAULTS } from "../../scripts/lib/ref-expansion.ts";

/** An API entry of redocly.yaml, indented under `apis:`. */
const api = (name: string, types = `generated/${name}.ts`, data = `generated/${name}.spec.ts`) =>
  `  ${name}:\n    root: spec/${name}.yaml\n    x-openapi-ts:\n      output: ${types}\n` +
  `    x-graph-lro:\n      data: ${data}\n      routes: generated/${name}.routes.ts\n      validators: generated/${name}.validators.ts\n      mock: generated/${name}.mock.ts\n`;

/** Reads the targets of a project whose redocly.yaml is `config`. */
async function read({ onTestFinished }: TestContext, config: string) {
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-config-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, "redocly.yaml"), config);
  return readApiTargets(dir);
}

/** The GenerateError that reading `config` throws. */
async function failure(context: TestContext, config: string): Promise<GenerateError> {
  const error = await read(context, config).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GenerateError);
  return error as GenerateError;
}

describe("readApiTargets", () => {
  it("normalises output paths, so ./generated/x.ts and generated/x.ts are one key", async (context) => {
    const [target] = await read(context, `apis:\n${api("a", "./generated/a.ts", "generated//sub/../a.spec.ts")}`);
    expect(target).toEqual({
      name: "a",
      root: "spec/a.yaml",
      types: "generated/a.ts",
      data: "generated/a.spec.ts",
      routes: "generated/a.routes.ts",
      validators: "generated/a.validators.ts",
      mock: "generated/a.mock.ts",
      dereferenced: EXPANSION_DEFAULTS,
    });
  });

  it("rejects an output outside the project", async (context) => {
    const error = await failure(context, `apis:\n${api("a", "../a.ts")}`);
    expect(error.message).toBe(
      "redocly.yaml:5: apis.a.x-openapi-ts.output must name a file inside the project, not ../a.ts",
    );
  });

  it("rejects two APIs naming one output, naming both and the path", async (context) => {
    const error = await failure(context, `apis:\n${api("first")}${api("second", "./generated/first.ts")}`);
    expect(error.message).toBe(
      "redocly.yaml:14: apis.second.x-openapi-ts.output and apis.first.x-openapi-ts.output both name generated/first.ts",
    );
  });

  it("rejects an output that would overwrite a spec", async (context) => {
    const error = await failure(context, `apis:\n${api("a", "generated/a.ts", "spec/a.yaml")}`);
    expect(error.message).toContain("apis.a.x-graph-lro.data and apis.a.root both name spec/a.yaml");
  });

  const broken: [string, string, string][] = [
    ["bad YAML", "extends:\n  - [recommended\n", "redocly.yaml:3:1: invalid YAML: Flow sequence"],
    ["a repeated key", `apis:\n${api("a")}${api("a")}`, "redocly.yaml:11:3: invalid YAML: Map keys must be unique"],
    ["no apis", "extends:\n  - recommended\n", 'redocly.yaml: no API is declared under "apis:"'],
    ["an empty apis", "apis: {}\n", 'redocly.yaml:1: no API is declared under "apis:"'],
    ["an API that is not a mapping", "apis:\n  a: spec/a.yaml\n", "redocly.yaml:2: apis.a must be a mapping"],
    [
      "an API without outputs",
      "apis:\n  a:\n    root: spec/a.yaml\n",
      "redocly.yaml:2: apis.a.x-openapi-ts.output must",
    ],
    [
      "an output that is not a file name",
      `apis:\n${api("a").replace("routes: generated/a.routes.ts", "routes: 3")}`,
      "redocly.yaml:8: apis.a.x-graph-lro.routes must name a file",
    ],
    [
      "a bomb limit that is not a whole number",
      `apis:\n${api("a")}      dereferenced:\n        maxExpansion: 0.5\n`,
      "redocly.yaml:12: apis.a.x-graph-lro.dereferenced.maxExpansion must be a whole number, at least 1",
    ],
  ];

  it("reads the $ref-bomb limits of each API, the defaults for those not given", async (context) => {
    const [target] = await read(context, `apis:\n${api("a")}      dereferenced:\n        maxDepth: 30\n`);
    expect(target?.dereferenced).toEqual({ maxExpansion: EXPANSION_DEFAULTS.maxExpansion, maxDepth: 30 });
  });

  it.for(broken)("throws a GenerateError on %s, with the line", async ([, config, message], context) => {
    const error = await failure(context, config);
    expect(error.message.startsWith(message), error.message).toBe(true);
    expect(error.message).not.toContain("\n");
  });

  it("throws a GenerateError when redocly.yaml is missing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "graph-lro-config-"));
    await rm(dir, { recursive: true });
    await expect(readApiTargets(dir)).rejects.toThrow(/^redocly\.yaml: cannot read it: ENOENT/);
  });
});
