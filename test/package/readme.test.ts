import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import { EXIT } from "../../src/cli/exit-codes.ts";
import { COMMANDS } from "../../src/cli/run-cli.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// What the docs say is checked against what the project is: the examples are the files test/package
// runs, the scripts table is package.json's, the paths, commands and exit codes are the code's own.
const read = (file: string) => readFile(join(PROJECT_DIR, file), "utf8");
const LANGUAGE: Record<string, string> = { mjs: "js", ts: "ts" };
/** The README's budget: a page a user reads, counted as `wc -w` counts (code blocks included). */
const MAX_README_WORDS = 1_600;

describe("README.md", () => {
  it.for(["node.mjs", "contract.test.ts"])("shows examples/%s as it is", async (file) => {
    const example = await read(`examples/${file}`);
    const language = LANGUAGE[file.slice(file.lastIndexOf(".") + 1)];
    expect(await read("README.md")).toContain(`\`\`\`${language}\n${example}\`\`\`\n`);
  });

  it("shows or links every example, so none is left where no one finds it", async () => {
    const readme = await read("README.md");
    for (const file of await readdir(join(PROJECT_DIR, "examples"))) {
      const shown = readme.includes(await read(`examples/${file}`));
      expect(shown || readme.includes(`](examples/${file})`), file).toBe(true);
    }
  });

  it(`has at most ${MAX_README_WORDS} words`, async () => {
    const words = (await read("README.md")).split(/\s+/).filter(Boolean).length;
    expect(words).toBeLessThanOrEqual(MAX_README_WORDS);
  });

  it("names operation paths of the spec only", async () => {
    // This way round, so that the spec can gain an operation before the README mentions it.
    const named = [...(await read("README.md")).matchAll(/`GET (\/[^`\s]*)`/g)].map((m) => m[1] as string);
    expect(named.length).toBeGreaterThan(0);
    for (const path of named) expect(Object.keys(spec.paths), path).toContain(path);
  });

  it("shows each command of the CLI, help and --version", async () => {
    const readme = await read("README.md");
    for (const command of [...COMMANDS, "help"]) expect(readme).toMatch(new RegExp(`^graph-lro ${command} `, "m"));
    expect(readme).toMatch(/^graph-lro --version$/m);
  });

  it("lists the CLI's exit codes as the code defines them", async () => {
    const line = (await read("README.md")).match(/\*\*Exit codes:\*\*([\s\S]*?)\n\n/)?.[1] ?? "";
    const listed = [...line.matchAll(/(\d+) [A-Za-z]/g)].map((m) => Number(m[1]));
    expect(listed).toEqual(Object.values(EXIT));
  });
});

describe("CONTRIBUTING.md", () => {
  it("has a row for every npm script, and none for a script that does not exist", async () => {
    const { scripts } = JSON.parse(await read("package.json")) as { scripts: Record<string, string> };
    const rows = [...(await read("CONTRIBUTING.md")).matchAll(/^\| `npm (?:run )?([\w:-]+)`/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(Object.keys(scripts).sort());
  });
});

describe.each(["README.md", "CONTRIBUTING.md", "CHANGELOG.md"])("%s", (doc) => {
  it("links only to files that exist", async () => {
    const links = [...(await read(doc)).matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1] ?? "");
    for (const link of links.filter((l) => !/^[a-z]+:/.test(l))) {
      expect(existsSync(join(PROJECT_DIR, dirname(doc), link)), link).toBe(true);
    }
  });
});

// A decision record says what was decided and why; which meeting decided it is history, not documentation.
it("no doc tells which issue, session or review decided something", async () => {
  const decisions = (await readdir(join(PROJECT_DIR, "docs"), { recursive: true })).filter((f) => f.endsWith(".md"));
  for (const doc of ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", ...decisions.map((f) => `docs/${f}`)]) {
    expect(await read(doc), doc).not.toMatch(/issue [0-9]|session|review/i);
  }
});
