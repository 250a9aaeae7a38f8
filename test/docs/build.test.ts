import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { operations } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { readApiTargets } from "../../scripts/lib/config.ts";
import { type ApiPage, indexPage, SITE_MARK } from "../../scripts/lib/docs-index.ts";
import { buildDocs, DocsError } from "../../scripts/lib/docs-site.ts";
import { chromiumAvailable, launchChromium, type ServedFile, serveFiles } from "../support/chromium.ts";
import { copyProject, PROJECT_DIR } from "../support/project-copy.ts";

// What `npm run docs` writes, and the page it writes opened in a browser: one site built for both.
let dir = "";
let pages: ApiPage[] = [];
const site = (file: string) => readFile(join(dir, file), "utf8");
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "graph-lro-site-"));
  // A previous site: its index, the page of an API no longer declared, and a screenshot.
  for (const file of ["gone.html", "gone.yaml", "reference.png"]) await writeFile(join(dir, file), "old");
  await writeFile(join(dir, "index.html"), `<footer>${SITE_MARK}</footer>`);
  pages = await buildDocs(PROJECT_DIR, dir);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A second API for redocly.yaml, whose `apis:` map comes last. */
const SECOND_API =
  "  second:\n    root: test/fixtures/second-api.yaml\n    x-openapi-ts:\n      output: generated/second.ts\n" +
  "    x-graph-lro:\n      data: generated/second.spec.ts\n      routes: generated/second.routes.ts\n      validators: generated/second.validators.ts\n      mock: generated/second.mock.ts\n";

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

// The API reference as `npm run docs` builds it, opened in headless Chromium with every request beyond
// the site refused: both operations, every example of every response, and the status enum must render.
const available = chromiumAvailable("reference page check");
/** Where a person can look at the page as the test saw it (site/ is gitignored). */
const SCREENSHOT = join(PROJECT_DIR, "site/reference.png");

/** The parts of an operation of the dereferenced spec that the page must show. */
interface Operation {
  tags: readonly [string, ...string[]];
  summary: string;
  responses: Record<
    string,
    { content?: Record<string, { examples?: Record<string, { summary: string; value: unknown }> }> }
  >;
}

describe.skipIf(!available)("the reference page in Chromium, offline", () => {
  /** The page of the API whose generated modules this file imports. */
  const reference = () => pages.find((p) => p.name === "graph-lro") as ApiPage;
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveFiles>> | undefined;
  let page: Page;
  const refused: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const files: Record<string, ServedFile> = { "/": { type: "text/html", body: await site("index.html") } };
    for (const p of pages) files[`/${p.html}`] = { type: "text/html", body: await site(p.html) };
    server = await serveFiles(files);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Fail on a missing element with Playwright's message, well before the test's timeout.
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => errors.push(error.message));
    // Only the site's pages themselves are served; anything else a page asked for would be refused and listed.
    const own = new Set(Object.keys(files).map((path) => `${server?.origin}${path}`));
    await page.route("**/*", (route) => {
      const url = route.request().url().replace(/#.*$/, "");
      if (own.has(url)) return route.continue();
      refused.push(url);
      return route.abort();
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the index, then the reference page. */
  const openReference = async () => {
    await page.goto(`${server?.origin}/`);
    await page.getByRole("link", { name: reference().title }).click();
  };

  /**
   * Clicks a menu entry once React has hydrated it. Redoc's page is server-rendered: each entry is a link
   * to a path of its own, which the browser would follow if clicked before the page's script took over
   * (on a busy machine it did, and the route refused it).
   */
  const clickMenu = async (text: string) => {
    const entry = page.getByTestId("menu-item-label").filter({ hasText: text });
    const hydrated = () => entry.evaluate((node) => Object.keys(node).some((key) => key.startsWith("__reactProps")));
    await expect.poll(hydrated, { message: `menu entry ${text} hydrated`, timeout: 30_000 }).toBe(true);
    await entry.click();
  };

  it("offers the bundled spec for download", { timeout: 60_000 }, async () => {
    await openReference();
    const download = page.getByRole("link", { name: "OpenAPI description (YAML)" });
    expect(await download.getAttribute("href")).toBe(reference().yaml);
  });

  const operationIds = Object.keys(operations) as (keyof typeof operations)[];
  const statuses = spec.components.schemas["microsoft.graph.longRunningOperationStatus"].enum;
  it.for(operationIds)(
    "shows %s: its responses, every example and the five statuses",
    { timeout: 60_000 },
    async (id) => {
      const { method, path } = operations[id];
      const operation = spec.paths[path][method] as Operation;
      const [tag] = operation.tags;

      await openReference();
      await clickMenu(tag);
      await clickMenu(operation.summary);
      await expect.poll(() => page.getByRole("heading", { name: operation.summary }).isVisible()).toBe(true);
      expect(await page.getByTestId("right-panel").filter({ hasText: path }).count()).toBeGreaterThan(0);
      if (id === operationIds[0]) {
        await mkdir(join(PROJECT_DIR, "site"), { recursive: true });
        await page.screenshot({ path: SCREENSHOT });
      }

      const enums = await page
        .getByTestId("schema-enum-values")
        .evaluateAll((lists) =>
          lists.map((list) => [...list.querySelectorAll("span")].slice(1).map((value) => value.textContent)),
        );
      expect(enums).toContainEqual(statuses.map((status) => JSON.stringify(status)));

      // The right panel shows one response at a time, and one of its examples: pick each in turn.
      const panel = page.getByTestId("right-panel").filter({ hasText: /^Response/ });
      // A sample collapsed to some level is not JSON: then its text shows in the assertion's diff.
      const shown = async () => {
        const text = (await panel.getByTestId("source-code").textContent()) ?? "";
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      };
      for (const [code, response] of Object.entries(operation.responses)) {
        await panel.getByRole("button", { name: code, exact: true }).click();
        const examples = Object.values(response.content?.["application/json"]?.examples ?? {});
        for (const example of examples) {
          if (examples.length > 1) {
            await panel.getByRole("button", { name: "Example" }).click();
            await page.getByRole("menuitem", { name: example.summary, exact: true }).click();
          }
          await expect.poll(shown, { message: `${code}: ${example.summary}` }).toEqual(example.value);
        }
      }
      // Nothing beyond the site was asked for (the policy forbids it), and the page threw nothing.
      expect(refused).toEqual([]);
      expect(errors).toEqual([]);
    },
  );
});
