// npm run test:evolution: the rehearsal of CONTRIBUTING's "Changing the spec". In a temporary copy of the
// project, one change of each kind (a new operation, an enum member after the sentinel, a new optional
// property), then generate, lint, typecheck and the Vitest suites there. Nothing here edits the project.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { readCommandLine } from "./lib/command-line.ts";
import { addEnumMember, addOperation, addProperty } from "./lib/evolve-spec.ts";
import { runTool, ToolError } from "./lib/run-tool.ts";

const HELP = `
usage: npm run test:evolution [-- --keep]

In a temporary copy of the project: adds an operation at a new path, an enum member after
unknownFutureValue (with an example for each operation) and an optional property (with its selectList
entry), every name starting with x-graph-lro-test-rehearsal- and each accepted in the spec's
x-graph-lro-upstream-allow; then runs generate, lint:spec, lint, typecheck, build and the Vitest suites
there (test/package aside: it packs and installs the project). Each step is bounded.

  --keep      keep the copy and print its folder
  -h, --help  print this help

Exit: 0 every step passes, 1 a step fails (its output is printed), 2 bad arguments.
`;

const SPEC = "spec/graph-lro.yaml";
/** Each step, and how long it may take on 2 busy cores before it counts as failed. */
const STEPS: [string, string[], number][] = [
  // As an author would: the YAML library's layout differs from Biome's, which npm run lint checks.
  ["format", ["exec", "--", "biome", "format", "--write", SPEC], 60_000],
  ["generate", ["run", "-s", "generate"], 120_000],
  ["lint:spec", ["run", "-s", "lint:spec"], 120_000],
  ["lint", ["run", "-s", "lint"], 60_000],
  ["typecheck", ["run", "-s", "typecheck"], 180_000],
  // The CLI's tests run dist/ too.
  ["build", ["run", "-s", "build"], 180_000],
  // test/fidelity pins the shipped spec against Microsoft's on purpose: a real change checks it (CONTRIBUTING).
  [
    "vitest",
    ["exec", "--", "vitest", "run", "--exclude", "test/package/**", "--exclude", "test/fidelity/**", "--reporter=dot"],
    900_000,
  ],
];

const { values } = readCommandLine({
  name: "test:evolution",
  help: HELP,
  options: { keep: { type: "boolean" } },
  positionals: { min: 0, max: 0 },
});
const projectDir = resolve(".");
const dir = await mkdtemp(join(tmpdir(), "graph-lro-evolution-"));
let failed = false;
try {
  const skip = new Set([".git", "dist", "site"].map((name) => join(projectDir, name)));
  await cp(projectDir, dir, {
    recursive: true,
    filter: (source) => !skip.has(source) && basename(source) !== "node_modules",
  });
  await symlink(join(projectDir, "node_modules"), join(dir, "node_modules"), "dir");
  // A repository whose last commit is the project as it is, as an author's: spec:diff's tests read `HEAD:`.
  const git = (...args: string[]) => runTool("git", args, { cwd: dir });
  await git("init", "-q");
  await git("add", "-A");
  await git("-c", "user.name=test:evolution", "-c", "user.email=test-evolution@invalid", "commit", "-qm", "before");
  const doc = parseDocument(await readFile(join(dir, SPEC), "utf8"));
  const path = addOperation(doc);
  const member = addEnumMember(doc);
  const property = addProperty(doc);
  await writeFile(join(dir, SPEC), doc.toString({ lineWidth: 0 }));
  console.log(`test:evolution: in ${dir}, added GET ${path}, status member ${member}, property ${property}`);
  for (const [name, args, timeoutMs] of STEPS) {
    const started = Date.now();
    try {
      await runTool("npm", args, { cwd: dir, timeoutMs, env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
      console.log(`test:evolution: ${name} passed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    } catch (error) {
      if (!(error instanceof ToolError)) throw error;
      console.error(`${error.output.trim()}\ntest:evolution: ${name} ${error.reason} after the spec changed`);
      failed = true;
      break;
    }
  }
} finally {
  if (values.keep) console.log(`test:evolution: the copy is kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
