import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium: playwright-core drives it and downloads no browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";
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

/**
 * Whether Chromium is installed. Without it a browser test is skipped, saying how to get it, unless
 * GRAPH_LRO_REQUIRE_BROWSER=1 (as CI sets): then a missing browser fails the test file.
 */
export function chromiumAvailable(check: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.GRAPH_LRO_REQUIRE_BROWSER === "1") {
    throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  }
  console.info(`${check} skipped: ${CHROMIUM} is missing (apt-get install chromium to run it)`);
  return false;
}

/** Headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** A file a test server answers with. */
export interface ServedFile {
  type: string;
  body: string | Uint8Array;
}

/** An HTTP server on 127.0.0.1 that answers each path of `files` (404 otherwise), until `close()`. */
export async function serveFiles(
  files: Record<string, ServedFile>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? "/", "http://localhost").pathname];
    response.writeHead(file ? 200 : 404, { "content-type": file?.type ?? "text/plain" });
    response.end(file?.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { origin, close };
}
