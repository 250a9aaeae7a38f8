// openapi-typescript in a worker thread: generate's own work on the spec then runs beside it, on another core.
import { Worker } from "node:worker_threads";

/**
 * The worker's code, plain JavaScript (a worker gets no TypeScript loader): it imports openapi-typescript (by the
 * absolute URL resolved here) at once, since that takes a second or more, then waits for the URL of a spec that
 * passed its checks, and posts the spec's types or the error.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const loaded = import(workerData);
parentPort.once("message", (spec) =>
  loaded
    .then(({ default: openapiTS, astToString }) => openapiTS(new URL(spec), { silent: true }).then(astToString))
    .then((types) => parentPort.postMessage({ types }), (error) => parentPort.postMessage({ error: String(error?.message ?? error) })),
);
`;

export interface TypesWorker {
  /** openapi-typescript's types of the spec at `specUrl`; rejects with its message when it fails. Once only. */
  types(specUrl: URL): Promise<string>;
  /** Ends the worker, whatever it is doing. */
  stop(): Promise<number>;
}

/** Starts a worker that loads openapi-typescript; `types` then hands it the spec, once the spec passed its checks. */
export function typesWorker(): TypesWorker {
  const worker = new Worker(WORKER, { eval: true, workerData: import.meta.resolve("openapi-typescript") });
  // Until types() is called, the worker is no reason for the process to stay.
  worker.unref();
  return {
    types: (specUrl) => {
      worker.ref();
      const answer = new Promise<string>((resolve, reject) => {
        worker.once("message", (message: { types?: string; error?: string }) =>
          message.types === undefined ? reject(new Error(message.error)) : resolve(message.types),
        );
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the worker exited with code ${code}`)));
      });
      worker.postMessage(specUrl.href);
      return answer.finally(() => worker.terminate());
    },
    stop: () => worker.terminate(),
  };
}
