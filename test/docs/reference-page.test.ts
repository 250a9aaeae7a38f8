import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import type { ApiPage } from "../../scripts/lib/docs-index.ts";
import { buildDocs } from "../../scripts/lib/docs-site.ts";
import { chromiumAvailable, launchChromium, type ServedFile, serveFiles } from "../support/chromium.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

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
  let dir = "";
  let pages: ApiPage[] = [];
  /** The page of the API whose generated modules this file imports. */
  const reference = () => pages.find((p) => p.name === "graph-lro") as ApiPage;
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveFiles>> | undefined;
  let page: Page;
  const refused: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "graph-lro-site-"));
    pages = await buildDocs(PROJECT_DIR, dir);
    const site = (file: string) => readFile(join(dir, file), "utf8");
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
    await rm(dir, { recursive: true, force: true });
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
