import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { spec } from "../../generated/graph-lro.spec.ts";
import { readApiTargets } from "../../scripts/lib/config.ts";
import { indexPage, SITE_MARK } from "../../scripts/lib/docs-index.ts";
import { buildDocs, DocsError } from "../../scripts/lib/docs-site.ts";
import { copyProject, PROJECT_DIR } from "../support/project-copy.ts";

// What `npm run docs` writes (test/docs/reference-page.test.ts opens it in a browser).
let dir = "";
const site = (file: string) => readFile(join(dir, file), "utf8");
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "graph-lro-site-"));
  // A previous site: its index, the page of an API no longer declared, and a screenshot.
  for (const file of ["gone.html", "gone.yaml", "reference.png"]) await writeFile(join(dir, file), "old");
  await writeFile(join(dir, "index.html"), `<footer>${SITE_MARK}</footer>`);
  await buildDocs(PROJECT_DIR, dir);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A second API for redocly.yaml, whose `apis:` map comes last. */
const SECOND_API =
  "  second:\n    root: test/fixtures/second-api.yaml\n    x-openapi-ts:\n      output: generated/second.ts\n" +
  "    x-graph-lro:\n      data: generated/second.spec.ts\n      routes: generated/second.routes.ts\n      validators: generated/second.validators.ts\n";

/** The options build-docs wrote into a page for Redoc. */
async function redocOptions(file: string): Promise<unknown> {
  const options = /const __redoc_options = (.*);$/m.exec(await readFile(file, "utf8"))?.[1];
  return JSON.parse(options ?? "null");
}

describe("npm run docs", () => {
  it("writes a page and its bundled spec for each API of redocly.yaml, an index, and drops stale pages", async () => {
    const names = (await readApiTargets(PROJECT_DIR)).map((target) => target.name);
    const files = names.flatMap((name) => [`${name}.html`, `${name}.yaml`]);
    expect((await readdir(dir)).sort()).toEqual([".nojekyll", "index.html", "reference.png", ...files].sort());
    const index = await site("index.html");
    for (const file of files) expect(index).toContain(`href="${file}"`);
    const bundled = parse(await site("graph-lro.yaml"));
    expect(Object.keys(bundled.paths)).toEqual(Object.keys(spec.paths));
  });

  it("inlines Redoc and forbids every other load, so the pages work offline", async () => {
    for (const file of (await readdir(dir)).filter((name) => name.endsWith(".html"))) {
      const html = await site(file);
      const head = html.slice(0, html.indexOf("</head>"));
      expect(head, file).toMatch(/<meta http-equiv="Content-Security-Policy"\s+content="default-src 'none';/);
      expect(html.match(/<(script|link|img)\b[^>]*\b(src|href)=/g) ?? [], file).toEqual([]);
    }
  });

  it("builds a page for every API declared, each API's own theme keys over the shared ones", async (context) => {
    const project = await copyProject();
    context.onTestFinished(project.dispose);
    await appendFile(join(project.dir, "redocly.yaml"), `${SECOND_API}    openapi:\n      jsonSamplesExpandLevel: 1\n`);
    const out = join(project.dir, "new-site");

    expect((await buildDocs(project.dir, out)).map((page) => page.name)).toEqual(["graph-lro", "second"]);
    const index = await readFile(join(out, "index.html"), "utf8");
    expect(index).toContain('href="second.html"');
    expect(index).toContain('href="second.yaml"');
    const shared = parse(await readFile(join(PROJECT_DIR, "redocly.yaml"), "utf8")).openapi;
    expect(await redocOptions(join(out, "second.html"))).toMatchObject({
      ...shared,
      jsonSamplesExpandLevel: 1,
      downloadUrls: [{ url: "second.yaml" }],
    });
    expect(await redocOptions(join(out, "graph-lro.html"))).toMatchObject(shared);
  }, 120_000);

  it("fails naming the API and the problem, and leaves the site as it was", async (context) => {
    const project = await copyProject();
    context.onTestFinished(project.dispose);
    // A theme value of the wrong type: build-docs fails after bundle has written the API's spec.
    const config = join(project.dir, "redocly.yaml");
    await writeFile(
      config,
      (await readFile(config, "utf8")).replace(/^openapi:\n/m, "openapi:\n  showExtensions: {}\n"),
    );
    const out = join(project.dir, "new-site");
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "graph-lro.html"), "the previous page");
    await writeFile(join(out, "index.html"), `<footer>${SITE_MARK}</footer>`);

    const error = await buildDocs(project.dir, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocsError);
    expect((error as DocsError).message).toMatch(/^API "graph-lro": redocly build-docs failed:\n/);
    expect((await readdir(out)).sort()).toEqual(["graph-lro.html", "index.html"]);
    expect(await readFile(join(out, "graph-lro.html"), "utf8")).toBe("the previous page");
  }, 120_000);

  it("refuses a folder it did not build before building anything, such as the project itself", async () => {
    const out = await mkdtemp(join(tmpdir(), "graph-lro-not-a-site-"));
    try {
      await writeFile(join(out, "redocly.yaml"), "mine");
      const error = await buildDocs(PROJECT_DIR, out).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocsError);
      expect((error as DocsError).message).toBe(
        `${out} is neither empty nor a site built by npm run docs; choose a new or empty folder`,
      );
      expect(await readdir(out)).toEqual(["redocly.yaml"]);
      expect(await readFile(join(out, "redocly.yaml"), "utf8")).toBe("mine");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("escapes the spec's text in the index", () => {
    const page = { name: "a", html: "a.html", yaml: "a.yaml", version: "1", summary: 'x < y & "z"' };
    const html = indexPage("<b>", [{ ...page, title: "<script>alert(1)</script>" }]);
    expect(html).toContain("<title>&lt;b&gt;</title>");
    expect(html).toContain(">&lt;script&gt;alert(1)&lt;/script&gt;</a>");
    expect(html).toContain("<p>x &lt; y &amp; &quot;z&quot;</p>");
    expect(html).not.toContain("<script>");
  });
});
