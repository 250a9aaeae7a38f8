// openapi-typescript in a worker thread: generate's own work on the spec then runs beside it, on another core.
import { Worker } from "node:worker_threads";

/**
 * The worker's code, plain JavaScript (a worker gets no TypeScript loader): it imports openapi-typescript by the
 * absolute URL resolved here, generates the types of the spec at `workerData`, and posts them or the error.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.module).then(({ default: openapiTS, astToString }) =>
  openapiTS(new URL(workerData.spec), { silent: true }).then((ast) => astToString(ast)),
).then((types) => parentPort.postMessage({ types }), (error) => parentPort.postMessage({ error: String(error?.message ?? error) }));
`;

/**
 * openapi-typescript's types of the spec at `specUrl`, which rejects with its message when it fails; and `stop`,
 * which ends the worker early (its promise then rejects).
 */
export function typesInWorker(specUrl: URL): { types: Promise<string>; stop: () => Promise<number> } {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { module: import.meta.resolve("openapi-typescript"), spec: specUrl.href },
  });
  const types = new Promise<string>((resolve, reject) => {
    worker.once("message", (message: { types?: string; error?: string }) =>
      message.types === undefined ? reject(new Error(message.error)) : resolve(message.types),
    );
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the worker exited with code ${code}`)));
  }).finally(() => worker.terminate());
  return { types, stop: () => worker.terminate() };
}
