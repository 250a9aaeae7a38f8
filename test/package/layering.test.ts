import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

// The layering rule (biome.json's noRestrictedImports per folder; docs/decisions/0024b-layers-and-homes.md) run on
// planted files in a scratch folder with the project's own config: an import up or sideways fails and
// names the rule, an import down passes. The project's own files pass it in `npm run lint`.
const root = new URL("../../", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "graph-lro-layering-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
config.$schema = undefined;
config.vcs = { enabled: false };
writeFileSync(join(scratch, "biome.json"), JSON.stringify(config));

/** A folder → an import a file there may not make, and one it may. */
const layers: [string, string, string][] = [
  ["src/client", "../poller/wait-for-operation.ts", "../util/time/sleep.ts"],
  ["src/client", "../cli/run-cli.ts", "../errors/graph-error.ts"],
  ["src/poller", "../index.ts", "../client/create-client.ts"],
  ["src/mock", "../client/create-client.ts", "../util/http/read-body.ts"],
  ["src/util/time", "../../client/clock.ts", "../../errors/invalid-argument-error.ts"],
  ["src/errors", "../util/check/one-of.ts", "../text/redact.ts"],
  // An error class imports other errors, src/types and generated/ only: a type it needs from a layer above lives
  // in src/types (the rule cannot tell `import type` from a value import, so it refuses both).
  ["src/errors", "../poller/poll-state.ts", "../types/poll-state.ts"],
  ["src/errors", "../cli/run-cli.ts", "./graph-error.ts"],
  ["src/errors", "../openapi/paths.ts", "../../generated/graph-lro.routes.ts"],
  ["src/errors", "../text/terminal-text.ts", "../text/redact.ts"],
  ["src/types", "../client/operation-routes.ts", "./operation-ref.ts"],
  ["src/types", "../errors/graph-error.ts", "../../generated/graph-lro.ts"],
  ["src/text", "../errors/graph-error.ts", "./terminal-text.ts"],
  ["src/openapi", "../mock/handlers.ts", "./methods.ts"],
  ["src", "./cli/run-cli.ts", "./poller/poll-operation.ts"],
  ["src/cli", "../client/clock.ts", "../index.ts"],
  ["src/cli", "../mock/handlers.ts", "../mock/index.ts"],
  ["src/cli", "../../generated/graph-lro.routes.ts", "../spec/index.ts"],
  ["src/cli", "../poller/defaults.ts", "../util/time/sleep.ts"],
  ["src/cli", "../client/graph-fetch.ts", "../errors/usage-error.ts"],
];

/** Plants a file per import, lints them all in one run, and gives each file's diagnostics. */
function lintPlanted(): Map<string, string> {
  const files = layers.flatMap(([folder, up, down], i) =>
    [up, down].map((specifier, j) => {
      const file = join(scratch, folder, `planted-${i}-${j === 0 ? "up" : "down"}.ts`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `import { x } from "${specifier}";\n\nexport const y = x;\n`);
      return file;
    }),
  );
  const biome = join(root, "node_modules/.bin/biome");
  const run = spawnSync(biome, ["lint", "--colors=off", "--max-diagnostics=none", ...files], {
    cwd: scratch,
    encoding: "utf8",
  });
  const output = `${run.stdout}${run.stderr}`;
  return new Map(
    files.map((file) => [file.slice(scratch.length + 1), diagnosticsOf(output, file.slice(scratch.length + 1))]),
  );
}

/** The lines of biome's report about `file`. */
const diagnosticsOf = (output: string, file: string) =>
  output
    .split(/\n(?=\S)/)
    .filter((block) => block.startsWith(file))
    .join("\n");

describe("the layering rule", () => {
  const reports = lintPlanted();

  it.for(layers.map(([folder, up], i) => [folder, up, i] as const))(
    "fails a file in %s importing %s, naming the rule",
    ([folder, , i]) => {
      expect(reports.get(`${folder}/planted-${i}-up.ts`)).toContain("layering:");
    },
  );

  it.for(layers.map(([folder, , down], i) => [folder, down, i] as const))(
    "lets a file in %s import %s",
    ([folder, , i]) => {
      expect(reports.get(`${folder}/planted-${i}-down.ts`)).toBe("");
    },
  );
});

// What lets src/errors import src/types at all: every file there is types only, so an import of it
// compiles to nothing, adds no byte to an app and cannot pull a layer above in at run time.
describe("src/types", () => {
  const folder = join(root, "src/types");
  const files = readdirSync(folder).filter((name) => name.endsWith(".ts"));

  it.for(files)("%s compiles to no code", (name) => {
    const source = readFileSync(join(folder, name), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, removeComments: true },
    });
    expect(outputText.replace("export {};", "").trim()).toBe("");
  });

  it("sees code where there is some", () => {
    const { outputText } = ts.transpileModule("export const x = 1;\n", {
      compilerOptions: { module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
    });
    expect(outputText.replace("export {};", "").trim()).not.toBe("");
  });
});
