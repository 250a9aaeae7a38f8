// npm run test:interop: Microsoft's Kiota beta SDK and Stoplight Prism's validating proxy must agree with the
// mock on every case (cases.ts). Starts the mock and three Prism proxies on 127.0.0.1, runs the cases, stops
// everything, prints one line per case and exits 1 if any disagrees (2 if the run itself fails).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spec } from "../generated/graph-lro.spec.ts";
import { startMockServer } from "../src/mock/index.ts";
import { interopCases } from "./cases.ts";
import { checkWithKiota, kiotaAdapters, NO_RETRIES } from "./kiota-check.ts";
import { checkStartsWithKiota, checkStartTemplates } from "./kiota-start.ts";
import { type PrismProxy, startPrism } from "./prism.ts";
import { canarySpec, checkPrismCatches, checkWithPrism } from "./prism-check.ts";
import { checkStartsWithPrism } from "./prism-start.ts";
import { formatResults } from "./result.ts";
import { startCases } from "./start-cases.ts";

/** The whole run takes well under a minute; past this something hangs, and the run ends. */
const RUN_TIMEOUT_MS = 5 * 60_000;
const SPEC = fileURLToPath(new URL("../spec/graph-lro.yaml", import.meta.url));

const stops: (() => Promise<void>)[] = [];
const stopAll = () => Promise.allSettled(stops.splice(0).map((stop) => stop()));
/** Registers a proxy for stopping as soon as it runs, so that one failing to start stops the others. */
const started = (proxy: PrismProxy) => {
  stops.push(() => proxy.stop());
  return proxy;
};
const deadline = setTimeout(() => {
  console.error(`interop: no result within ${RUN_TIMEOUT_MS / 60_000} minutes; stopping`);
  void stopAll().then(() => process.exit(2));
}, RUN_TIMEOUT_MS);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stopAll().then(() => process.exit(130)));
}

try {
  const mock = await startMockServer({ port: 0 });
  stops.push(() => mock.close());
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-interop-"));
  stops.push(() => rm(dir, { recursive: true, force: true }));
  const canary = join(dir, "canary.json");
  await writeFile(canary, JSON.stringify(canarySpec(spec)));
  const [strict, lax, watched] = await Promise.all([
    startPrism(SPEC, mock.url, { errors: true }).then(started),
    startPrism(SPEC, mock.url, { errors: false }).then(started),
    startPrism(canary, mock.url, { errors: true }).then(started),
  ]);

  const kiota = kiotaAdapters(mock.url);
  // Stories keep their place per operation id, so each client gets ids of its own.
  const prismCases = interopCases("prism");
  // A valid request that the mock answers with an error body: the unknown id of each operation.
  const errorCases = prismCases.filter((c) => !c.badRequest && !c.story && c.expected[0]?.code !== undefined);
  const results = [
    ...(await Promise.all(errorCases.map((c) => checkPrismCatches(watched.url, c)))),
    ...(await checkWithPrism(prismCases, { strict: strict.url, lax: lax.url })),
    ...(await checkWithKiota(
      interopCases("kiota"),
      interopCases("kiota-retried").filter((c) => c.story && c.expected[0]?.httpStatus === 429),
      kiota,
    )),
    ...checkStartTemplates(startCases("kiota")),
  ];
  // A start's own story steps are counted per start, path ids and story, and a start may have no path id: each
  // client starts on a mock whose stories start over, as a test suite's would (handlers.reset()).
  mock.handlers.reset();
  results.push(...(await checkStartsWithPrism(startCases("prism"), { strict: strict.url, lax: lax.url }, mock.url)));
  mock.handlers.reset();
  results.push(...(await checkStartsWithKiota(startCases("kiota"), kiota, mock.url, [NO_RETRIES])));
  mock.handlers.reset();
  // With the SDK's retry handler on, a throttled start's one call waits out the 429 and returns the 202. The
  // headers Kiota lets an app inspect gather every attempt's, so the 429's Retry-After is among them.
  const retried = startCases("kiota-retried")
    .filter((c) => c.expected[0]?.httpStatus === 429)
    .map((c) => ({
      ...c,
      name: `${c.name}, retried by the SDK`,
      expected: c.expected.slice(1).map((e) => ({ ...e, retryAfter: e.retryAfter ?? c.expected[0]?.retryAfter })),
    }));
  results.push(...(await checkStartsWithKiota(retried, kiota, mock.url, [])));
  console.log(formatResults(results));
  process.exitCode = results.some((r) => r.problems.length > 0) ? 1 : 0;
} catch (error) {
  console.error(`interop: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await stopAll();
  clearTimeout(deadline);
}
