import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphLroClient, createGraphLroRawClient, GraphError } from "../../src/index.ts";
import { template } from "../support/spec-urls.ts";

// Loopback servers that answer as no Graph would: echoing the token back, or sending too much.
const TOKEN = "eyJ0eXAiOiJKV1Qi.SECRET-TOKEN.sig";
const MiB = 1024 * 1024;

/** Every way an error gets printed or serialized. */
const everyRendering = (error: unknown): string[] => [
  String(error),
  (error as Error).message,
  (error as Error).stack ?? "",
  JSON.stringify(error),
  inspect(error, { depth: 10 }),
];

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
let server: Server;
let root: string;
const routes = new Map<string, Handler>();
/** Bytes each endless answer got to send before its reader hung up. */
const sentBeforeClose: number[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const id = decodeURIComponent(request.url?.split("/").pop()?.split("?")[0] ?? "");
    (routes.get(id) ?? ((_, r) => r.writeHead(404).end()))(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/beta`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const on = (id: string, handler: Handler) => routes.set(id, handler);
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => {
  return (_, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  };
};
const echo = (request: IncomingMessage) => String(request.headers.authorization);

on("echo-status", (request, response) => json(200, { status: { echoed: echo(request) } })(request, response));
on("echo-body", (request, response) => {
  response.writeHead(200, { "content-type": "text/plain" }).end(`you sent ${echo(request)}`);
});
on("echo-status-text", (request, response) => {
  response.statusMessage = echo(request);
  response.writeHead(502).end();
});
on("echo-error", (request, response) => {
  const inner = { "request-id": echo(request), date: echo(request) };
  const error = { code: "Unauthorized", message: `bad token: ${echo(request)}`, innerError: inner };
  json(401, { error }, { "request-id": echo(request) })(request, response);
});
on("echo-code", (request, response) => {
  json(400, { error: { code: echo(request).slice(7), message: "m" } })(request, response);
});
on("echo-request-id", (request, response) => {
  json(200, { status: 7 }, { "request-id": echo(request) })(request, response);
});
/** A body of `size` bytes, in 64 KiB chunks; Infinity never ends (until the reader hangs up). */
const flood =
  (status: number, size: number): Handler =>
  (_, response) => {
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    response.writeHead(status, { "content-type": "application/json" });
    const pump = () => {
      while (sent < size && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      response.end();
    };
    response.on("close", () => sentBeforeClose.push(sent));
    pump();
  };
on("large", flood(200, 5 * MiB));
on("large-error", flood(500, 5 * MiB));
on("endless", flood(200, Number.POSITIVE_INFINITY));
on("declared", (_, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": String(5 * MiB) });
  response.write("{");
});

describe("a server that echoes the token", () => {
  it.each([
    ["into a non-string status", "echo-status"],
    ["into a body that is not JSON", "echo-body"],
    ["into the status text", "echo-status-text"],
    ["into an OData error's message, request-id and date", "echo-error"],
    ["as the OData error's code", "echo-code"],
    ["into the request-id of a malformed 200", "echo-request-id"],
  ])("%s does not get it into the GraphError", async (_, id) => {
    const client = createGraphLroClient({ baseUrl: root, token: TOKEN, retry: { maxRetries: 0 } });
    const error = await client.getRoleManagementAlertOperation(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    for (const text of everyRendering(error)) expect(text).not.toContain("SECRET-TOKEN");
  });

  it("keeps a message short and type-only, whatever the size of what was echoed", async () => {
    on("huge-status", json(200, { status: { padding: "x".repeat(2 * MiB) } }));
    const client = createGraphLroClient({ baseUrl: root, token: TOKEN });
    const error = (await client.getRoleManagementAlertOperation("huge-status").catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/: status is an object, not a string$/);
    expect(error.message.length).toBeLessThan(300);
  });

  it("keeps a custom fetch's error, which may hold the Request, out of the GraphError", async () => {
    const leaky = async (request: Request) => {
      const error = new TypeError(`failed: ${JSON.stringify(Object.fromEntries(request.headers))}`);
      throw Object.assign(error, { request, code: "ECONNRESET" });
    };
    const client = createGraphLroClient({ fetch: leaky, token: TOKEN, retry: { maxRetries: 0 } });
    const error = await client.getRoleManagementAlertOperation("op").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "networkError",
      message: expect.stringMatching(/network error \(TypeError, ECONNRESET\)$/),
    });
    for (const text of everyRendering(error)) expect(text).not.toContain("SECRET-TOKEN");
  });
});

describe("a body past maxBodyBytes", () => {
  it.each([
    ["a 200", "large", 200],
    ["an error status", "large-error", 500],
    ["a body that never ends", "endless", 200],
    ["a Content-Length over the limit", "declared", 200],
  ])("%s is a GraphError responseTooLarge, read no further than the limit", async (_, id, status) => {
    const error = await createGraphLroClient({ baseUrl: root, retry: { maxRetries: 0 } })
      .getRoleManagementAlertOperation(id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status, code: "responseTooLarge" });
    expect((error as Error).message).toMatch(/longer than maxBodyBytes \(4194304 bytes\)/);
  });

  it("stops an endless body: the server sees the connection closed soon after the limit", async () => {
    sentBeforeClose.length = 0;
    const small = createGraphLroClient({ baseUrl: root, maxBodyBytes: 100_000 });
    await expect(small.getRoleManagementAlertOperation("endless")).rejects.toMatchObject({ code: "responseTooLarge" });
    for (let i = 0; i < 200 && sentBeforeClose.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    // Socket buffers hold a few MB at most; without the cancel, the server would write on for ever.
    expect(sentBeforeClose[0]).toBeLessThan(16 * MiB);
  });

  it("applies to raw calls, whose body openapi-fetch reads", async () => {
    const raw = createGraphLroRawClient({ baseUrl: root, maxBodyBytes: 1000 });
    const call = raw.GET(template("roleManagementAlert"), { params: { path: { "longRunningOperation-id": "large" } } });
    await expect(call).rejects.toMatchObject({ name: "GraphError", code: "responseTooLarge", status: 200 });
  });
});
