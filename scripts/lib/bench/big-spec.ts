// A spec of the project's shape at any size, for the generate benchmark and the large-spec test: the shipped
// spec with its user-authentication path repeated under reserved names (TEST_PREFIX), each copy its own
// operation (operationId, kind) sharing the spec's components, as Microsoft's file shares its schemas.
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { operations } from "../../../generated/graph-lro.routes.ts";
import { TEST_PREFIX } from "../evolve-spec.ts";
import { loadYaml } from "../load-yaml.ts";

const PROJECT_DIR = fileURLToPath(new URL("../../..", import.meta.url));
const SPEC = "spec/graph-lro.yaml";
const COPIED = operations["users.authentication.GetOperations"];

const OPERATION_SCHEMA = { $ref: "#/components/schemas/microsoft.graph.longRunningOperation" };
const ERROR_SCHEMA = { $ref: "#/components/schemas/microsoft.graph.ODataErrors.ODataError" };

type PathItem = { get: Record<string, unknown> } & Record<string, unknown>;

/**
 * The spec's text (JSON, which is YAML) with `paths` paths in all: its own, and copies of one, each with the
 * operation's schema in its 200 and the error schema in its 4XX, as a path of Microsoft's file has them.
 */
export async function bigSpec(paths: number): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const spec = loadYaml(await readFile(join(PROJECT_DIR, SPEC), "utf8"), SPEC) as {
    paths: Record<string, PathItem>;
  };
  const item = spec.paths[COPIED.path] as PathItem;
  const own = Object.keys(spec.paths).length;
  for (let i = 0; spec.paths && i < paths - own; i++) {
    const name = `${TEST_PREFIX}bench${i}`;
    const { operationId, summary, tags, security } = item.get as Record<string, Record<string, unknown>>;
    spec.paths[`/${name}${COPIED.path}`] = {
      parameters: item.parameters,
      get: {
        operationId: `${name}.${operationId}`,
        "x-graph-lro-kind": `${name}Kind`,
        tags,
        summary,
        description: `Copy ${i} of ${operationId}.`,
        security,
        responses: {
          "200": { description: "The operation.", content: { "application/json": { schema: OPERATION_SCHEMA } } },
          "4XX": { description: "An error.", content: { "application/json": { schema: ERROR_SCHEMA } } },
        },
      },
    };
  }
  return JSON.stringify(spec, null, 2);
}

/** A project folder (redocly.yaml, the big spec, an empty generated/, node_modules linked) to generate in. */
export async function bigSpecProject(paths: number): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-big-"));
  await mkdir(join(dir, "spec"));
  await mkdir(join(dir, "generated"));
  await cp(join(PROJECT_DIR, "redocly.yaml"), join(dir, "redocly.yaml"));
  await writeFile(join(dir, SPEC), await bigSpec(paths));
  await symlink(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"), "dir");
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
