// .ci/run installs Chromium when the browser tests would not find it: they look only at CHROMIUM.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, type TestContext } from "vitest";
import { CHROMIUM } from "../support/chromium.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

/**
 * Runs a copy of .ci/run with a PATH of stubs only: npm and apt-get succeed and log their arguments, and a
 * `chromium` command is on the PATH when `chromiumOnPath`. Returns the calls and the script's last line.
 */
async function runCi({ onTestFinished }: TestContext, chromiumOnPath: boolean, failingScript?: string) {
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-ci-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const bin = join(dir, "bin");
  await mkdir(join(dir, ".ci"));
  await mkdir(bin);
  await copyFile(join(PROJECT_DIR, ".ci/run"), join(dir, ".ci/run"));
  const log = join(dir, "calls.log");
  const stubs = ["npm", "apt-get", ...(chromiumOnPath ? ["chromium"] : [])];
  for (const name of stubs) {
    // The npm stub fails the one script named `failingScript`, if any.
    const fail = name === "npm" && failingScript ? `case "$*" in *${failingScript}*) exit 1;; esac\n` : "";
    await writeFile(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n${fail}`);
    await chmod(join(bin, name), 0o755);
  }
  for (const tool of ["dirname", "rm", "timeout"]) await symlink(`/usr/bin/${tool}`, join(bin, tool));
  await symlink(process.execPath, join(bin, "node"));
  // A failing run exits 1; its output is what is checked.
  const { stdout } = await promisify(execFile)("/bin/bash", [join(dir, ".ci/run")], { env: { PATH: bin } }).catch(
    (error: { stdout: string }) => error,
  );
  const calls = existsSync(log) ? (await readFile(log, "utf8")).trim().split("\n") : [];
  return { calls, lastLine: stdout.trim().split("\n").pop() };
}

describe(".ci/run", () => {
  it.for([true, false])(
    `installs Chromium exactly when ${CHROMIUM} is missing (another chromium on the PATH: %s)`,
    async (chromiumOnPath, context) => {
      const { calls, lastLine } = await runCi(context, chromiumOnPath);
      const installs = calls.filter((call) => call.startsWith("apt-get install"));
      expect(installs).toEqual(existsSync(CHROMIUM) ? [] : ["apt-get install -y -qq chromium"]);
      expect(calls).toContain("npm test");
      expect(calls.at(-1)).toBe("npm run -s test:evolution");
      expect(lastLine).toBe("0 passed, 0 failed");
    },
  );

  it("counts a failed test:evolution as a failure, after npm test", async (context) => {
    const { calls, lastLine } = await runCi(context, true, "test:evolution");
    expect(calls.indexOf("npm test")).toBeLessThan(calls.indexOf("npm run -s test:evolution"));
    expect(lastLine).toBe("0 passed, 1 failed");
  });
});
