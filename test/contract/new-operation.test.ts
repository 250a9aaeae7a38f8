import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { createGraphLroHandlers, createMockFetch, type OpenApiDocument } from "../../src/mock/index.ts";
import { bareClient } from "../support/mock-client.ts";
import { copyProject, runScript } from "../support/project-copy.ts";
import { OPERATION_IDS, template } from "../support/spec-urls.ts";

// An operation added to the spec gets a handler after `npm run generate`, with no change to the mock.
it("serves an operation added to the spec, once regenerated", async ({ onTestFinished }) => {
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
    .replace(`operationId: ${OPERATION_IDS.userAuthentication}`, "operationId: me.authentication.GetOperations");
  expect(meItem).not.toContain("user-id");
  await writeFile(specPath, yaml.replace("components:", `${meItem}components:`));

  const generated = await runScript(project.dir, "generate");
  expect(generated.code, generated.stderr).toBe(0);
  const { spec } = await import(pathToFileURL(join(project.dir, "generated/graph-lro.spec.ts")).href);
  const calls: string[] = [];
  const handlers = createGraphLroHandlers({
    spec: spec as OpenApiDocument,
    onRequest: (c) => calls.push(c.operationId),
  });
  const example = spec.components.examples.passwordResetSucceeded.value;

  const { data, response } = await bareClient(createMockFetch(handlers)).GET(
    mePath as never,
    { params: { path: { "longRunningOperation-id": example.id } } } as never,
  );
  expect(response.status).toBe(200);
  expect(data).toEqual(example);
  expect(calls).toEqual(["me.authentication.GetOperations"]);
}, 60_000);
