import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "msw";
import { spec } from "../../generated/graph-lro.spec.ts";
import { ContractViolationError } from "./contract-violation-error.ts";
import { createGraphLroHandlers } from "./handlers.ts";
import { createMockFetch, odataErrorResponse as errorResponse, UnhandledRequestError } from "./mock-fetch.ts";

const NODE_HTTP = "node:http";
type NodeHttp = typeof import("node:http");

export interface MockServerOptions {
  /** 0 picks a free port (default 4010). */
  port?: number;
  /** Default 127.0.0.1: the mock is for this machine only. */
  host?: string;
  /** Default: `createGraphLroHandlers()`. */
  handlers?: readonly RequestHandler[];
  /** The Graph root that requests are answered as (default: the spec's global server). */
  graphRoot?: string;
}

export interface MockServer {
  /** The service root to give clients, such as `http://127.0.0.1:4010/beta`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves the handlers over real HTTP, so that curl or Graph's own SDKs can be tested against
 * the mock. A request `http://127.0.0.1:4010/beta/users/...` is answered as the same path on
 * the spec's first (global) server would be. Node's `node:http` (Deno has it too)
 * is imported here only, so importing `graph-lro/mock` stays web-standard.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  // The one Node API of the library (Deno has it too), loaded only when a server starts. The
  // specifier is a variable so that bundlers leave it alone: graph-lro/mock bundles for browsers
  // with no configuration (test/package/browser.test.ts).
  const { createServer } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_HTTP)) as NodeHttp;
  const graphRoot = new URL(options.graphRoot ?? spec.servers[0].url);
  const mockFetch = createMockFetch(options.handlers ?? createGraphLroHandlers());

  const server = createServer((incoming, outgoing) => {
    answer(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) send(outgoing, errorResponse(500, "InternalServerError", String(error)));
    });
  });

  const answer = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    let url: URL;
    try {
      const target = incoming.url ?? "";
      // Origin-form (`/beta/...`), or absolute-form (`http://host/beta/...`), which RFC 9112 §3.2.2
      // has servers accept; either way the path is answered under the Graph root.
      const absolute = /^https?:\/\//i.test(target) ? new URL(target) : undefined;
      if (!absolute && !target.startsWith("/")) throw new TypeError("not an origin-form request target");
      url = new URL(absolute ? `${absolute.pathname}${absolute.search}` : target, graphRoot.origin);
    } catch {
      return send(outgoing, errorResponse(400, "BadRequest", `The request target is malformed: ${incoming.url}`));
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined && name !== "host") headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const method = incoming.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(incoming);
    let response: Response;
    try {
      response = await mockFetch(new Request(url, { method, headers, body }));
    } catch (error) {
      response =
        error instanceof ContractViolationError
          ? errorResponse(error.subject.startsWith("request") ? 400 : 500, "ContractViolation", error.message)
          : error instanceof UnhandledRequestError
            ? errorResponse(404, "NotFound", `No operation of the spec matches ${method} ${url.pathname}`)
            : errorResponse(500, "InternalServerError", String(error));
    }
    send(outgoing, response);
  };

  const port = options.port ?? 4010;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}${graphRoot.pathname.replace(/\/$/, "")}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function send(outgoing: ServerResponse, response: Response): Promise<void> {
  const text = await response.text();
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(text);
}

async function readBody(incoming: IncomingMessage): Promise<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Uint8Array);
  return new Blob(chunks as BlobPart[]).arrayBuffer();
}
