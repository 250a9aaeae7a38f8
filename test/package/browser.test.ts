import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { requireBuild } from "../support/built-package.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// The README's browser example, bundled for browsers from the built package, in headless Debian
// Chromium: the client, the poller and createMockFetch must work on web APIs alone.
const CHROMIUM = "/usr/bin/chromium";
// Without the background-networking flags Chromium tries to reach Google's hosts, which this network refuses.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.GRAPH_LRO_REQUIRE_BROWSER === "1")
    throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  console.info(`browser check skipped: ${CHROMIUM} is missing (apt-get install chromium to run it)`);
}

let server: Server | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
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
  server = createServer((request, response) => {
    const js = request.url === "/app.js";
    response.writeHead(js || request.url === "/" ? 200 : 404, {
      "content-type": js ? "text/javascript" : "text/html",
    });
    response.end(js ? script?.text : page);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
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
