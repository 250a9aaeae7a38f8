// Stoplight Prism as a validating proxy in front of the mock: a child process on 127.0.0.1, on a port it picks.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Prism reads and indexes the spec before it listens: a few seconds, more on a busy machine. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const PRISM = fileURLToPath(new URL("node_modules/.bin/prism", import.meta.url));

/** A running Prism proxy. */
export interface PrismProxy {
  /** Where to send requests, such as `http://127.0.0.1:41234` (the spec's paths go right after it). */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `prism proxy <spec> <upstream>`. With `errors`, Prism answers a request or response that breaks
 * the spec with its own error (a request one is never forwarded); without, it forwards everything and
 * lists what it found in the `sl-violations` header.
 */
export async function startPrism(spec: string, upstream: string, { errors }: { errors: boolean }): Promise<PrismProxy> {
  const args = ["proxy", spec, upstream, "--host", "127.0.0.1", "--port", "0", ...(errors ? ["--errors"] : [])];
  const child = spawn(PRISM, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`interop: prism ${args.join(" ")} ${why}\n${log}`));
    };
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      const listening = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code) => fail(`exited with code ${code}`));
  }).catch(async (error: unknown) => {
    await stop(child);
    throw error;
  });
  // Prism logs every request; only the start line mattered.
  child.stdout.removeAllListeners("data").resume();
  child.stderr.removeAllListeners("data").resume();
  return { url, stop: () => stop(child) };
}

/** SIGTERM, then SIGKILL if Prism has not exited in time. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
