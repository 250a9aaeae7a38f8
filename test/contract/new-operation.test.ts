import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { bareClient } from "../support/mock-client.ts";
import { copyProject, runScript } from "../support/project-copy.ts";
import { GRAPH_ROOT, OPERATION_IDS, template } from "../support/spec-urls.ts";

type Index = typeof import("../../src/index.ts");
type Mock = typeof import("../../src/mock/index.ts");

// The promise of the spec: an operation added to it works end to end after `npm run generate`, with no
// code change: the mock serves it, the client gets it by URL or ref, the poller waits for it, the CLI runs it.
it("serves, gets, waits for and runs an operation added to the spec, once regenerated", async ({ onTestFinished }) => {
  const project = await copyProject();
  onTestFinished(project.dispose);
  const specPath = join(project.dir, "spec/graph-lro.yaml");
  const yaml = await readFile(specPath, "utf8");
  const userPath = template("userAuthentication");
  // `/me/...` is the signed-in user's twin of the users path: same operation, no user-id.
  const mePath = userPath.replace(/^\/users\/\{user-id\}\//, "/me/");
  const userItem = yaml.slice(yaml.indexOf(`  ${userPath}:`), yaml.indexOf("components:"));
  expect(userItem).not.toBe("");
  const meItem = userItem
    .replace(`  ${userPath}:`, `  ${mePath}:`)
    .replace('      - $ref: "#/components/parameters/user-id"\n', "")
    .replace(`operationId: ${OPERATION_IDS.userAuthentication}`, "operationId: me.authentication.GetOperations")
    .replace("x-graph-lro-kind: userAuthentication", "x-graph-lro-kind: meAuthentication");
  expect(meItem).not.toContain("user-id");
  expect(meItem).toContain("x-graph-lro-kind: meAuthentication");
  await writeFile(specPath, yaml.replace("components:", `${meItem}components:`));

  const generated = await runScript(project.dir, "generate");
  expect(generated.code, generated.stderr).toBe(0);
  // The copy's own modules, which read the copy's generated/.
  const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(project.dir, path)).href);
  const { spec } = await load<typeof import("../../generated/graph-lro.spec.ts")>("generated/graph-lro.spec.ts");
  const { createGraphLroClient, waitForOperation } = await load<Index>("src/index.ts");
  const { createGraphLroHandlers, createMockFetch, defineStory } = await load<Mock>("src/mock/index.ts");
  const example = spec.components.examples.passwordResetSucceeded.value;
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
  const ref = { kind: "meAuthentication", operationId: example.id } as never;
  expect((await graph.getOperation(ref)).operation).toEqual(example);

  // The poller, through a story.
  const sleep = async () => {};
  const done = await waitForOperation(graph, url.replace(example.id, "op-me"), { sleep });
  expect(done.status).toBe("succeeded");
  expect(calls).toEqual(Array(5).fill("me.authentication.GetOperations"));

  // The CLI of the copy, against its built-in mock.
  const tsx = join(project.dir, "node_modules/.bin/tsx");
  const { stdout } = await promisify(execFile)(tsx, ["src/cli/main.ts", "get", "--mock", url], { cwd: project.dir });
  expect(JSON.parse(stdout)).toMatchObject({ id: example.id });
}, 90_000);
