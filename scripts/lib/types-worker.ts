// openapi-typescript in a worker thread: generate's own work on the spec then runs beside it, on another core.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * The worker's code, plain JavaScript (a worker gets no TypeScript loader): it loads openapi-typescript (by the
 * absolute path resolved here) at once, since that takes a second or more, then answers each spec it is sent (one
 * that passed its checks) with the spec's types or the error. It loads the CommonJS build, which openapi-typescript
 * ships beside its ES module: imported, Node would lex TypeScript's 9 MB of CommonJS for its export names and
 * check its syntax first, about 0.4 s more CPU (decision 0025d). The spec comes parsed, as checkSpec parsed it, so
 * that openapi-typescript does not parse it again; `cwd` is the root file's URL, which openapi-typescript takes
 * for the document's location, so a `$ref` to another file resolves from the root's folder as from its URL.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { stripVTControlCharacters } = require("node:util");
let loaded;
try {
  loaded = Promise.resolve(require(workerData));
} catch (error) {
  loaded = Promise.reject(error);
  loaded.catch(() => {}); // a failed load is reported to each spec sent, not as the worker's death
}
// openapi-typescript prints each problem it finds ("✘  …", even when silent), then throws the last: kept here and
// answered as its error, not printed beside the run's own report.
let printed = [];
console.error = (...args) => printed.push(stripVTControlCharacters(args.join(" ")).replace(/^\\s*✘\\s*/, ""));
parentPort.on("message", ({ url, doc }) => {
  printed = [];
  loaded
    .then(({ default: openapiTS, astToString }) =>
      openapiTS(doc, { silent: true, cwd: new URL(url) }).then(astToString),
    )
    .then(
      (types) => parentPort.postMessage({ types }),
      (error) => {
        const problems = printed.length ? printed : [String(error?.message ?? error)];
        parentPort.postMessage({ error: problems.join("; ") });
      },
    );
});
`;

export interface TypesWorker {
  /**
   * openapi-typescript's types of the spec at `specUrl`, whose root file parses to `doc` (a copy is sent);
   * rejects with its message when it fails. Once only.
   */
  types(specUrl: URL, doc: unknown): Promise<string>;
  /** Gives the worker up: ended if it is still working (a failed run stops its codegen), else kept for reuse. */
  stop(): Promise<void>;
}

/**
 * Loaded workers that are doing nothing, for the next run in this process. A run in a long-lived process (the
 * pipeline tests run generate in-process dozens of times, a watcher would too) then skips openapi-typescript's
 * load, most of a small spec's time. A worker is only ever handed to one run at a time; an idle one is unref'd,
 * so it never keeps a process alive. Two cover the runs that overlap in practice; more would hold memory.
 */
const idle: Worker[] = [];
const MAX_IDLE = 2;
/** Workers that have ended: a message to one would never be answered. */
const ended = new WeakSet<Worker>();

/** A worker that has loaded or is loading openapi-typescript; `types` hands it the spec once the spec passed its checks. */
export function typesWorker(): TypesWorker {
  const worker = idle.pop() ?? startWorker();
  let working = false;
  let done = false;
  const release = async () => {
    if (done) return;
    done = true;
    worker.unref();
    if (idle.length < MAX_IDLE && !ended.has(worker)) idle.push(worker);
    else await worker.terminate();
  };
  return {
    types: (specUrl, doc) => {
      // Once per handle: after its answer the worker may already serve another run.
      if (working || done) return Promise.reject(new Error("types() was already called on this worker"));
      if (ended.has(worker)) return Promise.reject(new Error("the worker exited before it was sent the spec"));
      working = true;
      worker.ref();
      return new Promise<string>((resolve, reject) => {
        const onMessage = (message: { types?: string; error?: string }) => {
          settle();
          if (message.types === undefined) reject(new Error(message.error));
          else resolve(message.types);
          // Its answer given (an error too: the spec's, not the worker's), the worker can serve the next run.
          working = false;
          void release();
        };
        // An exception in the worker ends it: it is not reused.
        const onEnd = (error: Error) => {
          settle();
          done = true;
          reject(error);
        };
        const onError = (error: Error) => onEnd(error);
        const onExit = (code: number) => onEnd(new Error(`the worker exited with code ${code}`));
        const settle = () => {
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
        };
        worker.on("message", onMessage);
        worker.on("error", onError);
        worker.on("exit", onExit);
        worker.postMessage({ url: specUrl.href, doc });
      });
    },
    stop: async () => {
      if (!working) return release();
      done = true;
      await worker.terminate();
    },
  };
}

/**
 * Starts a worker loading openapi-typescript now, for the next run to take: a script calls this before it loads
 * its own modules, so that the two loads overlap and the worker is ready when the spec has passed its checks.
 */
export function warmTypesWorker(): void {
  if (idle.length === 0) idle.push(startWorker());
}

function startWorker(): Worker {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: createRequire(import.meta.url).resolve("openapi-typescript"),
  });
  // Until a run hands it a spec, the worker is no reason for the process to stay.
  worker.unref();
  // A worker that dies (out of memory, say) leaves the pool; the run that used it hears of it through "exit".
  worker.once("exit", () => {
    ended.add(worker);
    if (idle.includes(worker)) idle.splice(idle.indexOf(worker), 1);
  });
  worker.on("error", () => {});
  return worker;
}
