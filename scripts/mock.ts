// npm run mock -- [--port 4010] [--host 127.0.0.1]: the spec-derived mock over HTTP, until Ctrl-C.
import { parseArgs } from "node:util";
import { operations } from "../generated/graph-lro.routes.ts";
import { builtInStories, startMockServer } from "../src/mock/index.ts";

const { values } = parseArgs({
  options: { port: { type: "string", default: "4010" }, host: { type: "string", default: "127.0.0.1" } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`mock: --port must be an integer from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}

const server = await startMockServer({ port, host: values.host }).catch((error: NodeJS.ErrnoException) => {
  const why = error.code === "EADDRINUSE" ? `port ${port} is in use (--port 0 picks a free one)` : error.message;
  console.error(`mock: cannot listen on ${values.host}:${port}: ${why}`);
  process.exit(1);
});
console.log(`graph-lro mock listening on ${server.url}`);
console.log(
  `  curl -H 'Authorization: Bearer x' ${server.url}${Object.values(operations)[0]?.path.replace(/\{[^}]+\}/g, "<id>")}`,
);
console.log(`  stories: add 'Prefer: story=<name>', one of ${Object.keys(builtInStories).join(", ")}`);
console.log("  Ctrl-C stops it");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await server.close();
    console.log("graph-lro mock stopped");
    process.exit(0);
  });
}
