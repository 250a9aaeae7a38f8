import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { parseDocument } from "yaml";
import { addOperation, TEST_PREFIX } from "../../scripts/lib/evolve-spec.ts";
import { graphLro } from "../cli/in-process.ts";
import { bareClient } from "../support/mock-client.ts";
import { copyProject, runScript } from "../support/project-copy.ts";
import { GRAPH_ROOT } from "../support/spec-urls.ts";

type Index = typeof import("../../src/index.ts");
type Mock = typeof import("../../src/mock/index.ts");
type Cli = typeof import("../../src/cli/run-cli.ts");

// (180 s: it generates, which on 2 busy cores took past 90 s with the CLI runs that followed.)
// The promise of the spec: an operation added to it works end to end after `npm run generate`, with no
// code change: the mock serves it, the client gets it by URL or ref, the poller waits for it, the CLI runs it.
it("serves, gets, waits for and runs an operation added to the spec, once regenerated", async ({ onTestFinished }) => {
  const project = await copyProject();
  onTestFinished(project.dispose);
  const specPath = join(project.dir, "spec/graph-lro.yaml");
  // Shaped as `/me/...`, a signed-in user's twin of a users path: the operation id is its one path parameter.
  const kind = `${TEST_PREFIX}me`;
  const doc = parseDocument(await readFile(specPath, "utf8"));
  const mePath = addOperation(doc, kind, `/${kind}/operations/{longRunningOperation-id}`);
  const operationId = `${kind}.GetOperations`;
  await writeFile(specPath, doc.toString());

  const generated = await runScript(project.dir, "generate");
  expect(generated.code, generated.stderr).toBe(0);
  // The copy's own modules, which read the copy's generated/.
  const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(project.dir, path)).href);
  const { spec } = await load<typeof import("../../generated/graph-lro.spec.ts")>("generated/graph-lro.spec.ts");
  const { createGraphLroClient, waitForOperation } = await load<Index>("src/index.ts");
  const { createGraphLroHandlers, createMockFetch, defineStory } = await load<Mock>("src/mock/index.ts");
  const examples = spec.components.examples as unknown as Record<string, { value: { id: string } }>;
  const example = examples[`${kind}-succeeded`]?.value as { id: string };
  expect(example.id).toBe(`${kind}-succeeded`);
  const url = `${GRAPH_ROOT}${mePath.replace("{longRunningOperation-id}", example.id)}`;

  // The mock, through a bare openapi-fetch client.
  const calls: string[] = [];
  const handlers = createGraphLroHandlers({
    stories: { "op-me": defineStory().operation("running").operation("succeeded").build() },
    onRequest: (c) => calls.push(c.operationId),
  });
  const fetch = createMockFetch(handlers);
  const { data, response } = await bareClient(fetch).GET(
    mePath as never,
    { params: { path: { "longRunningOperation-id": example.id } } } as never,
  );
  expect(response.status).toBe(200);
  expect(data).toEqual(example);

  // The client, by Location URL and by ref of the new kind.
  const graph = createGraphLroClient({ fetch, token: "t" });
  expect((await graph.getOperation(url)).operation).toEqual(example);
  const ref = { kind, operationId: example.id } as never;
  expect((await graph.getOperation(ref)).operation).toEqual(example);

  // The poller, through a story.
  const clock = { now: Date.now, sleep: async () => {} };
  const done = await waitForOperation(graph, url.replace(example.id, "op-me"), { clock });
  expect(done.status).toBe("succeeded");
  expect(calls).toEqual(Array(5).fill(operationId));

  // The CLI of the copy, against its built-in mock (in this process: the command as a process is spawned.test.ts's).
  const { runCli } = await load<Cli>("src/cli/run-cli.ts");
  const byUrl = await graphLro(["get", "--mock", url], { cli: runCli });
  expect([byUrl.code, byUrl.stderr]).toEqual([0, ""]);
  expect(JSON.parse(byUrl.stdout)).toMatchObject({ id: example.id });
  // And by the flag the routes table gives it: its kind's last word (`me`), as `--alert-operation` (decision 0024c).
  const byFlag = await graphLro(["get", "--mock", "--me-operation", example.id], { cli: runCli });
  expect(JSON.parse(byFlag.stdout)).toMatchObject({ id: example.id });
}, 180_000);
