import type { IncomingMessage, ServerResponse } from "node:http";
import { spec } from "../../generated/graph-lro.spec.ts";
import type { ContractViolationError } from "../errors/contract-violation-error.ts";
import { answerRequest } from "./answer-request.ts";
import { CORS_HEADERS, isPreflight, preflightResponse } from "./cors.ts";
import { corsByDefault, MOCK_HOST, MOCK_PORT } from "./defaults.ts";
import { exchangeNote } from "./exchange-notes.ts";
import { answerIds, graphJsonResponse, odataError } from "./graph-response.ts";
import type { GraphLroHandlers } from "./handlers.ts";
import { isMethodNotAllowedHandler } from "./method-not-allowed.ts";
import { ADMIN_PREFIX, adminResponse } from "./mock-admin.ts";
import { createGraphLroHandlers } from "./msw-handler.ts";
import { outsideRootResponse, unmatchedPathResponse } from "./unknown-path.ts";

const NODE_HTTP = "node:http";
type NodeHttp = typeof import("node:http");

export interface MockServerOptions {
  /** 0 picks a free port (default 4010). */
  port?: number;
  /** Default 127.0.0.1: the mock is for this machine only. */
  host?: string;
  /** Default: `createGraphLroHandlers({ strict, now })`. */
  handlers?: GraphLroHandlers;
  /** The Graph root that requests are answered as (default: the spec's global server). */
  graphRoot?: string;
  /** For the default handlers: check requests and answers against the spec (default true). Never changes an answer. */
  strict?: boolean;
  /** Answer CORS preflights and let any origin read answers (default: on when `host` is a loopback address). */
  cors?: boolean;
  /** Called after each answer is sent; for a log line per request. */
  onExchange?: (exchange: MockExchange) => void;
  /** The clock of error bodies' `innerError.date` (default `Date.now`). */
  now?: () => number;
}

/** One request and its answer, as the server saw them. */
export interface MockExchange {
  readonly method: string;
  /** The request's path and query as sent (percent-encoded). */
  readonly path: string;
  readonly status: number;
  /** Time to answer, in milliseconds. */
  readonly ms: number;
  /** The operation of the spec that answered, if any. */
  readonly operationId?: string;
  /** The story that answered, and which of its steps. */
  readonly story?: { readonly name: string; readonly step: number; readonly steps: number };
  /** Contract violations of this request and answer (strict mode). */
  readonly violations: readonly ContractViolationError[];
}

export interface MockServer {
  /** The service root to give clients, such as `http://127.0.0.1:4010/beta`. */
  readonly url: string;
  readonly port: number;
  /** The handlers that answer: their violations, coverage and reset. */
  readonly handlers: GraphLroHandlers;
  close(): Promise<void>;
}

/**
 * Serves the handlers over real HTTP, so that curl, browsers or Graph's own SDKs can be tested
 * against the mock. A request `http://127.0.0.1:4010/beta/users/...` is answered as the same path
 * on the spec's first (global) server would be; `/_mock/reset` and `/_mock/coverage` are the mock's
 * own. Request bodies are never read (no operation takes one). `node:http` (Deno has it too) is
 * imported here only, so importing `graph-lro/mock` stays web-standard.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  // The specifier is a variable so that bundlers leave it alone: graph-lro/mock bundles for browsers
  // with no configuration (test/package/browser.test.ts).
  const { createServer } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_HTTP)) as NodeHttp;
  const now = options.now ?? Date.now;
  const graphRoot = new URL(options.graphRoot ?? spec.servers[0].url);
  const rootPath = graphRoot.pathname.replace(/\/$/, "");
  const handlers = options.handlers ?? createGraphLroHandlers({ strict: options.strict, now });
  const host = options.host ?? MOCK_HOST;
  const cors = options.cors ?? corsByDefault(host);

  const answer = async (incoming: IncomingMessage): Promise<[Response, Request?]> => {
    const method = incoming.method ?? "GET";
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined && name !== "host") headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const url = graphUrl(incoming.url ?? "", graphRoot.origin);
    if (!url) {
      const ids = answerIds(new Request(graphRoot, { headers }), now());
      return [graphJsonResponse(400, odataError("BadRequest", "The request target is malformed.", ids), ids)];
    }
    if (cors && isPreflight(method, headers)) return [preflightResponse(headers)];
    if (url.pathname.startsWith(ADMIN_PREFIX)) return [adminResponse(method, url.pathname, handlers)];
    // A GET's body is left unread: Node discards it after the answer, so its size costs no memory. A start's
    // is streamed to its handler, which reads a bounded part of it.
    const request = requestFor(url, method, headers, method === "GET" || method === "HEAD" ? undefined : incoming);
    // Fetch forbids TRACE and TRACK, which no operation can have: a GET stands in for the path, and only
    // the handlers that answer any method no operation has (405 with Allow) see it.
    const asked = request ?? new Request(url, { headers });
    const response =
      (await answerRequest(request ? handlers : handlers.filter(isMethodNotAllowedHandler), asked)) ??
      unmatchedPathResponse(handlers, asked) ??
      outsideRootResponse(asked, rootPath, now());
    // The handlers answer as Graph, on Graph's origin: a start's Location points back at this server.
    const location = response.headers.get("location");
    if (location?.startsWith(`${graphRoot.origin}/`)) {
      response.headers.set("location", `${ownOrigin}${location.slice(graphRoot.origin.length)}`);
    }
    return [response, request];
  };
  let ownOrigin = "";

  const server = createServer(async (incoming, outgoing) => {
    const started = performance.now();
    const [response, request] = await answer(incoming).catch((error: unknown): [Response] => {
      const ids = answerIds(new Request(graphRoot), now());
      return [graphJsonResponse(500, odataError("generalException", String(error), ids), ids)];
    });
    const sent = await send(outgoing, response, cors).then(
      () => true,
      () => false,
    );
    if (!sent) return void outgoing.destroy();
    const note = request && exchangeNote(request);
    const url = request && new URL(request.url);
    options.onExchange?.({
      method: incoming.method ?? "GET",
      path: url ? `${url.pathname}${url.search}` : (incoming.url ?? ""),
      status: response.status,
      ms: performance.now() - started,
      operationId: note?.operationId,
      story: note?.story,
      violations: note?.violations ?? [],
    });
  });

  const port = options.port ?? MOCK_PORT;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  ownOrigin = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  return {
    url: `${ownOrigin}${rootPath}`,
    port: actualPort,
    handlers,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The request's body as a web stream; once cancelled, the rest is discarded as it arrives, never kept. */
function bodyStream(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = incoming[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value as Buffer));
    },
    cancel() {
      incoming.resume();
    },
  });
}

/**
 * The request target as a URL on the Graph root's origin: origin-form (`/beta/...`), or absolute-form
 * (`http://host/beta/...`), which RFC 9112 §3.2.2 has servers accept. Undefined when it is neither.
 */
function graphUrl(target: string, origin: string): URL | undefined {
  try {
    const absolute = /^https?:\/\//i.test(target) ? new URL(target) : undefined;
    if (!absolute && !target.startsWith("/")) return undefined;
    // Concatenated, not resolved: a target such as `//host/x` is a path here, never another host.
    return new URL(`${origin}${absolute ? `${absolute.pathname}${absolute.search}` : target}`);
  } catch {
    return undefined;
  }
}

function requestFor(url: URL, method: string, headers: Headers, incoming?: IncomingMessage): Request | undefined {
  try {
    const body = incoming && bodyStream(incoming);
    return new Request(url, { method, headers, ...(body && { body, duplex: "half" }) } as RequestInit);
  } catch {
    return undefined;
  }
}

async function send(outgoing: ServerResponse, response: Response, cors: boolean): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  for (const [name, value] of cors ? Object.entries(CORS_HEADERS) : []) headers.set(name, value);
  if (response.status !== 204) headers.set("content-length", String(body.byteLength));
  outgoing.writeHead(response.status, Object.fromEntries(headers));
  outgoing.end(body);
}
