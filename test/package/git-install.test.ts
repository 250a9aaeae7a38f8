import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerLock } from "../support/consumer-lock.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// The install route that works before the package is published: `npm install github:<owner>/graph-lro`.
// npm clones the repository, installs its devDependencies, runs `prepare` (which builds dist/) and packs
// the result, then installs that. Proven offline with a local git URL: a repository made of this working
// tree's files (tracked, and untracked but not ignored), installed into a fresh project from the npm cache
// that installed this project. It takes over a minute (npm installs the whole toolchain inside the clone),
// so it runs only when asked: `npm run test:git-install`.
const enabled = process.env.GRAPH_LRO_GIT_INSTALL === "1";
if (!enabled) console.info("git install check skipped: run `npm run test:git-install` (about 65 s)");

const run = promisify(execFile);
/** npm's own work is bounded: a cold install of the toolchain inside the clone takes about a minute. */
const NPM_TIMEOUT_MS = 300_000;
let repo = "";
let app = "";

describe.skipIf(!enabled)("npm install git+file://<a repository of the working tree>", () => {
  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), "graph-lro-repo-"));
    app = await mkdtemp(join(tmpdir(), "graph-lro-git-consumer-"));
    const git = (args: string[], cwd: string) => run("git", args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    const { stdout } = await git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], PROJECT_DIR);
    for (const file of new Set(stdout.split("\0").filter(Boolean))) {
      // A tracked file deleted in the working tree is listed, yet not part of it.
      if (!existsSync(join(PROJECT_DIR, file))) continue;
      await mkdir(dirname(join(repo, file)), { recursive: true });
      await copyFile(join(PROJECT_DIR, file), join(repo, file));
    }
    const identity = ["-c", "user.name=graph-lro test", "-c", "user.email=test@invalid", "-c", "commit.gpgsign=false"];
    await git(["-c", "init.defaultBranch=main", "init", "-q"], repo);
    await git(["add", "-A"], repo);
    await git([...identity, "commit", "-q", "-m", "the working tree"], repo);
    const sha = (await git(["rev-parse", "HEAD"], repo)).stdout.trim();

    // The lock pins graph-lro to the commit and its dependencies to this project's versions, so that npm
    // needs nothing beyond its cache; without one, --offline cannot resolve version ranges.
    const pkg = JSON.parse(await readFile(join(PROJECT_DIR, "package.json"), "utf8"));
    const { packageJson, lock } = consumerLock(PROJECT_DIR, [], {
      "graph-lro": {
        version: pkg.version,
        resolved: `git+${pathToFileURL(repo).href}#${sha}`,
        dependencies: pkg.dependencies,
        peerDependencies: pkg.peerDependencies,
        peerDependenciesMeta: pkg.peerDependenciesMeta,
        bin: Object.fromEntries(Object.entries(pkg.bin as Record<string, string>).map(([k, v]) => [k, v.slice(2)])),
      },
    });
    await writeFile(join(app, "package.json"), JSON.stringify(packageJson));
    await writeFile(join(app, "package-lock.json"), JSON.stringify(lock));
    try {
      await run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], { cwd: app, timeout: NPM_TIMEOUT_MS });
    } catch (error) {
      throw new Error(`install from git failed (it needs the npm cache that \`npm ci\` filled): ${error}`);
    }
  }, NPM_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
    await rm(app, { recursive: true, force: true });
  });

  it("installs a built package whose exports import", async () => {
    const script =
      'const m = await import("graph-lro"); console.log(typeof m.createGraphLroClient, typeof m.waitForOperation)';
    const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: app });
    expect(stdout).toBe("function function\n");
  });

  it("installs the graph-lro command, which prints its help", async () => {
    const { stdout } = await run(join(app, "node_modules/.bin/graph-lro"), ["--help"], { cwd: app });
    expect(stdout).toContain("Usage:\n  graph-lro wait <location-url>");
  });
});
