import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
  ["src/text", "../errors/graph-error.ts", "./terminal-text.ts"],
  ["src/openapi", "../mock/handlers.ts", "./methods.ts"],
  ["src", "./cli/run-cli.ts", "./poller/poll-operation.ts"],
  ["src/cli", "../client/clock.ts", "../index.ts"],
  ["src/cli", "../mock/handlers.ts", "../mock/index.ts"],
  ["src/cli", "../../generated/graph-lro.routes.ts", "../spec/index.ts"],
  ["src/cli", "../poller/defaults.ts", "../util/time/sleep.ts"],
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
