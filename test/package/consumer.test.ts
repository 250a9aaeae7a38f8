import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { STAMP_FILE } from "../../scripts/lib/build-stamp.ts";
import { requireBuild } from "../support/built-package.ts";
import { consumerLock } from "../support/consumer-lock.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// The package as a user gets it: `npm pack`, then an offline install of the tarball into a fresh
// project (its dependencies come from the npm cache that installed this project), then the README's
// examples and the installed `graph-lro` command, in Node and in Deno.
const run = promisify(execFile);
const bin = (name: string) => join(PROJECT_DIR, "node_modules/.bin", name);
const EXPECTED = "poll 1: running\npoll 2: succeeded\ndone: succeeded\n";
let dir = "";
/** The tarball's files, as `npm pack` listed them. */
let packed: string[] = [];

beforeAll(async () => {
  requireBuild();
  dir = await mkdtemp(join(tmpdir(), "graph-lro-consumer-"));
  // --ignore-scripts: prepare would rebuild dist/, which npm test has just built.
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
    cwd: PROJECT_DIR,
  });
  const [{ filename, files }] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  packed = files.map((f) => f.path);
  const pkg = JSON.parse(await readFile(join(PROJECT_DIR, "package.json"), "utf8"));
  const tarball = await readFile(join(dir, filename));
  const { packageJson, lock } = consumerLock(PROJECT_DIR, ["msw"], {
    "graph-lro": {
      version: pkg.version,
      resolved: `file:${filename}`,
      integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
      dependencies: pkg.dependencies,
      peerDependencies: pkg.peerDependencies,
      peerDependenciesMeta: pkg.peerDependenciesMeta,
      bin: Object.fromEntries(Object.entries(pkg.bin as Record<string, string>).map(([k, v]) => [k, v.slice(2)])),
    },
  });
  await writeFile(join(dir, "package.json"), JSON.stringify(packageJson));
  await writeFile(join(dir, "package-lock.json"), JSON.stringify(lock));
  await writeFile(join(dir, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
  for (const file of ["node.mjs", "deno.ts", "browser.ts"]) {
    await copyFile(join(PROJECT_DIR, "examples", file), join(dir, file));
  }
  try {
    await run("npm", ["ci", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir });
  } catch (error) {
    throw new Error(`offline install failed (it needs the npm cache that \`npm ci\` filled): ${error}`);
  }
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

// Concurrent: these wait on child processes, mostly on timers (the command) or one core (tsc).
describe.concurrent("the installed package", () => {
  it("holds the built code, its declarations, the README and the LICENSE, not the sources", async () => {
    const installed = join(dir, "node_modules/graph-lro");
    expect((await readdir(installed)).sort()).toEqual(["LICENSE", "README.md", "dist", "package.json"]);
    const dist = await readdir(join(installed, "dist"), { recursive: true });
    // One bundled module per entry point, shared code in chunks, declarations under types/; no sources.
    for (const entry of ["index", "mock", "spec", "cli"]) expect(dist).toContain(`${entry}.js`);
    expect(dist).toContain("types/src/mock/index.d.ts");
    expect(dist.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(dist.filter((f) => f.endsWith(".js") && !f.startsWith("chunks/")).sort()).toEqual([
      "cli.js",
      "index.js",
      "mock.js",
      "spec.js",
    ]);
  });

  it("runs the README's Node example", async () => {
    const { stdout } = await run("node", ["node.mjs"], { cwd: dir });
    expect(stdout).toBe(EXPECTED);
  }, 30_000);

  it("runs the README's Deno example, with the permissions the README names", async () => {
    const { stdout } = await run(bin("deno"), ["run", "--allow-env", "deno.ts"], { cwd: dir, env: denoEnv() });
    expect(stdout).toBe(EXPECTED);
  }, 30_000);

  it("type-checks the examples, and the spec's types from graph-lro and graph-lro/spec, against the shipped declarations, in tsc and in Deno", async () => {
    // The names come from the spec; the @ts-expect-error lines fail if the types were any.
    const [path] = Object.keys(spec.paths);
    const [schema] = Object.keys(spec.components.schemas);
    const specTypes = [
      'import type { paths } from "graph-lro";',
      'import { type components, type paths as specPaths, spec } from "graph-lro/spec";',
      "export const same: specPaths = {} as paths;",
      `export const path: keyof typeof spec.paths = ${JSON.stringify(path)};`,
      'export type Get = paths[typeof path]["get"];',
      `export type Schema = components["schemas"][${JSON.stringify(schema)}];`,
      "// @ts-expect-error: a path the spec does not have",
      'export type NoPath = paths["/no/such/path"];',
      "// @ts-expect-error: a schema the spec does not have",
      'export type NoSchema = components["schemas"]["no such schema"];',
    ].join("\n");
    await writeFile(join(dir, "spec-types.ts"), specTypes);
    const tsconfig = {
      compilerOptions: {
        strict: true,
        module: "nodenext",
        target: "es2022",
        lib: ["es2023", "dom"],
        types: [], // no @types/node: the library's declarations must not need it
        noEmit: true,
        allowJs: true,
        checkJs: true,
        skipLibCheck: true, // attw checks that the declarations resolve; this checks the examples use them right
      },
      // One program, one tsc start-up (seconds of CPU on a busy box) for all three.
      files: ["node.mjs", "browser.ts", "spec-types.ts"],
    };
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    // On failure, say what the checker said: execFile's error names only the command.
    const said = (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`${error.stdout ?? ""}${error.stderr ?? ""}`);
    };
    await run(bin("tsc"), ["-p", "."], { cwd: dir }).catch(said);
    await run(bin("deno"), ["check", "deno.ts"], { cwd: dir, env: denoEnv() }).catch(said);
  }, 180_000);

  it("installs the graph-lro command, which prints its help", async () => {
    const { stdout } = await run(join(dir, "node_modules/.bin/graph-lro"), ["--help"], { cwd: dir });
    expect(stdout).toContain("Usage:\n  graph-lro wait <location-url>");
  });

  it("waits for a mock operation with the installed command (real time: about 5 s)", async () => {
    const { stdout } = await run(join(dir, "node_modules/.bin/graph-lro"), ["wait", "--mock", "--json"], { cwd: dir });
    const states = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { status: string });
    expect(states.map((s) => s.status)).toEqual(["notStarted", "running", "running", "succeeded"]);
  }, 30_000);

  it("runs the README's Vitest contract test, which prints the mock's coverage after the suite", async () => {
    await copyFile(join(PROJECT_DIR, "examples/contract.test.ts"), join(dir, "contract.test.ts"));
    // The project's Vitest, run in the consumer: the test file imports graph-lro and msw as installed there. Its
    // time limit is a hang's, as the project's own (5 s ran out for the first test's cold imports at load 20).
    const { stdout } = await run(bin("vitest"), ["run", "contract.test.ts", "--testTimeout=60000"], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(stdout).toMatch(/contract coverage: \d+ of \d+ declared responses served/);
    // The alerts' refresh plays progress (4 polls), the reset the starts option's failed (3).
    expect(stdout).toMatch(/^stories: progress 4, failed 3\b/m);
    expect(stdout).toContain("2 passed");
  }, 180_000);

  it("imports the bundled spec from graph-lro/spec at run time, as generated", async () => {
    const script = 'const { spec } = await import("graph-lro/spec"); process.stdout.write(JSON.stringify(spec))';
    const { stdout } = await run("node", ["--input-type=module", "-e", script], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(spec)));
  });
});

// What npm publishes.
it("packs only what users run: no tests, fixtures, examples, scripts, sources or build stamp", async () => {
  const pkg = JSON.parse(await readFile(join(PROJECT_DIR, "package.json"), "utf8"));
  const targets: (string | Record<string, string>)[] = [...Object.values(pkg.exports), pkg.bin];
  const named = targets
    .flatMap((target) => (typeof target === "string" ? [target] : Object.values(target)))
    .map((target) => target.replace(/^\.\//, ""));
  for (const file of named) expect(packed).toContain(file);
  expect(packed.filter((p) => !p.startsWith("dist/") && !["LICENSE", "README.md", "package.json"].includes(p))).toEqual(
    [],
  );
  const testOnly = /(^|\/)(test|tests|fixtures|examples|scripts|interop)\/|\.test(-d)?\.|vitest|stryker/;
  expect(packed.filter((p) => testOnly.test(p) || (p.endsWith(".ts") && !p.endsWith(".d.ts")))).toEqual([]);
  expect(packed.filter((p) => p.includes(STAMP_FILE))).toEqual([]);
});

/** Deno's cache in the temp project, so that runs do not share (or need) the user's. */
function denoEnv(): NodeJS.ProcessEnv {
  return { ...process.env, DENO_DIR: join(dir, ".deno"), NO_COLOR: "1" };
}
