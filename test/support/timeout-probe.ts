// Run by test/client/timeout-gc.test.ts as `node --expose-gc --import tsx test/support/timeout-probe.ts`:
// calls with `timeoutMs` against a loopback server that stalls, while garbage collection runs every
// few ms, and prints one JSON line per case: how the call ended, and after how many ms.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createGraphLroClient, createGraphLroRawClient } from "../../src/index.ts";
import { template } from "./spec-urls.ts";

const TIMEOUT_MS = Number(process.env.PROBE_TIMEOUT_MS ?? 1000);
/** A case still running after this is reported as hung, and the probe exits. */
const GIVE_UP_MS = 15_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const server = createServer((request, response) => {
  // "headers": never answer. "body": answer, send part of the body, then stall.
  if (request.url?.includes("stall-body")) {
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"status":"run');
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const options = {
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/beta`,
  token: "probe-token",
  timeoutMs: TIMEOUT_MS,
};
const client = createGraphLroClient(options);
const raw = createGraphLroRawClient(options);

const cases: Record<string, () => Promise<unknown>> = {
  "no headers": () => client.getRoleManagementAlertOperation("stall-headers"),
  "stalled body": () => client.getRoleManagementAlertOperation("stall-body"),
  "stalled body, raw": () =>
    raw.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": "stall-body" } } }),
};

const collecting = setInterval(gc, 5);
for (const [name, call] of Object.entries(cases)) {
  const started = performance.now();
  const hung = new Promise<string>((resolve) => setTimeout(resolve, GIVE_UP_MS, "still running")).then((ended) => {
    console.log(JSON.stringify({ case: name, ended, ms: GIVE_UP_MS }));
    process.exit(1);
  });
  const ended = await Promise.race([
    call().then(
      () => "resolved",
      (error: Error) => error.name,
    ),
    hung,
  ]);
  console.log(JSON.stringify({ case: name, ended, ms: Math.round(performance.now() - started) }));
}
clearInterval(collecting);
server.closeAllConnections();
server.close();
process.exit(0);
