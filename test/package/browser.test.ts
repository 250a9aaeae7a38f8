import { join } from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { requireBuild } from "../support/built-package.ts";
import { chromiumAvailable, launchChromium, serveFiles } from "../support/chromium.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// The README's browser example, bundled for browsers from the built package, in headless Debian
// Chromium: the client, the poller and createMockFetch must work on web APIs alone.
const available = chromiumAvailable("browser check");

let server: Awaited<ReturnType<typeof serveFiles>> | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

let origin = "";
beforeAll(async () => {
  if (!available) return;
  requireBuild();
  const bundle = await build({
    entryPoints: [join(PROJECT_DIR, "examples/browser.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "graph-lro from dist",
        setup(b) {
          b.onResolve({ filter: /^graph-lro(\/mock)?$/ }, ({ path }) => ({
            path: join(PROJECT_DIR, path === "graph-lro" ? "dist/index.js" : "dist/mock.js"),
          }));
        },
      },
    ],
  });
  const [script] = bundle.outputFiles;
  const page = '<!doctype html><meta charset="utf-8"><output></output><script type="module" src="/app.js"></script>';
  server = await serveFiles({
    "/": { type: "text/html", body: page },
    "/app.js": { type: "text/javascript", body: script?.text ?? "" },
  });
  origin = server.origin;
  browser = await launchChromium();
}, 60_000);

it.skipIf(!available)(
  "waits for a mock operation in headless Chromium, with no request beyond the page",
  async () => {
    const page = await (browser as Browser).newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.querySelector("output")?.textContent?.includes("done:"), undefined, {
      timeout: 15_000,
    });
    expect(errors).toEqual([]);
    expect(await page.textContent("output")).toBe("poll 1: running\npoll 2: succeeded\ndone: succeeded\n");
    // createMockFetch answers in the page: the mock's Graph URLs never reach the network.
    expect(requests).toEqual([`${origin}/`, `${origin}/app.js`]);
  },
  30_000,
);
