// Each house rule of .spectral.yaml, broken on purpose in its own copy of the spec: Spectral must reject it
// under the rule's name, at the place to change, with a message that says the fix. One Spectral run lints
// every copy (a Spectral start costs seconds on a busy machine).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { operations, starts } from "../../generated/graph-lro.routes.ts";
import { TEST_PREFIX } from "../../scripts/lib/evolve-spec.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";

// biome-ignore lint/suspicious/noExplicitAny: a spec edited freely, as an author would.
type Spec = any;

const SPEC = "spec/graph-lro.yaml";
const SENTINEL = "unknownFutureValue";
const [first, second] = Object.values(operations);
if (!first || !second) throw new Error("the house rules' tests need two operations in the spec");
const getOf = (spec: Spec, path: string) => spec.paths[path].get;
const postOf = (spec: Spec, path: string) => spec.paths[path].post;
const [firstName, secondName] = Object.keys(starts);
const [firstStart, secondStart] = Object.values(starts);
if (!firstStart || !secondStart || !firstName || !secondName) throw new Error("the house rules' tests need two starts");
const statusEnum = (spec: Spec) =>
  Object.values(spec.components.schemas).find((s: Spec) => s["x-terminal-values"]) as Spec;
const refName = (ref: string) => ref.split("/").pop() as string;
const okJson = (spec: Spec, path: string) => getOf(spec, path).responses["200"].content["application/json"];
const selectEnum = (spec: Spec) => {
  const param = getOf(spec, first.path).parameters.find((p: Spec) => refName(p.$ref ?? "") === "select");
  return spec.components.schemas[refName(spec.components.parameters.select.schema.$ref ?? param)].items.enum;
};
const operationSchema = (spec: Spec) => spec.components.schemas[refName(okJson(spec, first.path).schema.$ref)];

interface Case {
  rule: string;
  break: (spec: Spec) => void;
  /** Words of the message that name what is wrong and the fix. */
  says: (string | RegExp)[];
  /** The start of the JSON path Spectral reports. */
  at: string[];
}

const property = `${TEST_PREFIX}extra`;
const CASES: Record<string, Case> = {
  "a property missing from $select": {
    rule: "graph-lro-select-list",
    break: (spec) => {
      operationSchema(spec).properties[property] = { type: "string" };
    },
    says: [`"${property}" is a property`, "not selectable", "add it to components/schemas/selectList/items/enum"],
    at: ["components", "schemas", "selectList", "items", "enum"],
  },
  "a $select name that is no property": {
    rule: "graph-lro-select-list",
    break: (spec) => selectEnum(spec).push(property),
    says: [`"${property}" is selectable but no property`, "remove it from components/schemas/selectList/items/enum"],
    at: ["components", "schemas", "selectList", "items", "enum"],
  },
  "an operation without x-ms-permissions": {
    rule: "graph-lro-permissions",
    break: (spec) => {
      delete getOf(spec, second.path)["x-ms-permissions"];
    },
    says: ["needs x-ms-permissions", "add it"],
    at: ["paths", second.path, "get"],
  },
  "an operation without x-graph-lro-kind": {
    rule: "graph-lro-kind",
    break: (spec) => {
      delete getOf(spec, second.path)["x-graph-lro-kind"];
    },
    says: [`GET ${second.path} needs x-graph-lro-kind`],
    at: ["paths", second.path, "get"],
  },
  "two operations of one kind": {
    rule: "graph-lro-kind",
    break: (spec) => {
      getOf(spec, second.path)["x-graph-lro-kind"] = first.kind;
    },
    says: [`x-graph-lro-kind "${first.kind}" is already the kind of GET ${first.path}`, "give each operation its own"],
    at: ["paths", second.path, "get", "x-graph-lro-kind"],
  },
  "a path that does not end with the operation id": {
    rule: "graph-lro-operation-id-last",
    break: (spec) => {
      spec.paths[`${first.path}/${TEST_PREFIX}details`] = spec.paths[first.path];
      delete spec.paths[first.path];
    },
    says: [`${first.path}/${TEST_PREFIX}details must end with the operation id's parameter`],
    at: ["paths", `${first.path}/${TEST_PREFIX}details`],
  },
  "a path parameter that would be the ref's kind": {
    rule: "graph-lro-operation-id-last",
    break: (spec) => {
      const path = `/${TEST_PREFIX}things/{kind}/operations/{longRunningOperation-id}`;
      spec.paths[path] = structuredClone(spec.paths[first.path]);
      const item = spec.paths[path];
      item.parameters.unshift({ name: "kind", in: "path", required: true, schema: { type: "string" } });
      item.get.operationId = `${TEST_PREFIX}things`;
      item.get["x-graph-lro-kind"] = `${TEST_PREFIX}things`;
    },
    says: ['path parameter "kind" gives the ref field "kind"', "rename the parameter"],
    at: ["paths", `/${TEST_PREFIX}things/{kind}/operations/{longRunningOperation-id}`],
  },
  "a POST without x-graph-lro-start": {
    rule: "graph-lro-start",
    break: (spec) => {
      delete postOf(spec, firstStart.path)["x-graph-lro-start"];
    },
    says: [`POST ${firstStart.path} needs x-graph-lro-start`],
    at: ["paths", firstStart.path, "post"],
  },
  "two starts of one name": {
    rule: "graph-lro-start",
    break: (spec) => {
      postOf(spec, secondStart.path)["x-graph-lro-start"] = firstName;
    },
    says: [`x-graph-lro-start "${firstName}" already names the start POST ${firstStart.path}`, "give each its own"],
    at: ["paths", secondStart.path, "post", "x-graph-lro-start"],
  },
  "a POST polled by no GET": {
    rule: "graph-lro-start",
    break: (spec) => {
      postOf(spec, firstStart.path)["x-graph-lro-polled-by"] = `${TEST_PREFIX}nothing`;
    },
    says: ["needs x-graph-lro-polled-by: the operationId of the GET its 202's Location points to"],
    at: ["paths", firstStart.path, "post", "x-graph-lro-polled-by"],
  },
  "a POST whose 202 has no required Location": {
    rule: "graph-lro-start",
    break: (spec) => {
      const accepted = postOf(spec, firstStart.path).responses["202"];
      const inline = accepted.$ref ? structuredClone(spec.components.responses[refName(accepted.$ref)]) : accepted;
      inline.headers.Location = { schema: { type: "string" } };
      postOf(spec, firstStart.path).responses["202"] = inline;
    },
    says: ["needs a 202 response whose Location header is required: true"],
    at: ["paths", firstStart.path, "post", "responses", "202"],
  },
  "a POST that also answers 200": {
    rule: "graph-lro-start",
    break: (spec) => {
      const post = postOf(spec, firstStart.path);
      post.responses["200"] = { description: "x" };
    },
    says: ["answers 200: a start's only success is 202 with a Location"],
    at: ["paths", firstStart.path, "post", "responses", "200"],
  },
  "a status enum without x-terminal-values": {
    rule: "graph-lro-status-enum",
    break: (spec) => {
      delete statusEnum(spec)["x-terminal-values"];
    },
    says: [/^GET \S+: its 200 schema needs a status property whose enum has x-terminal-values/],
    at: ["paths"],
  },
  "a status without an example": {
    rule: "graph-lro-examples-every-status",
    break: (spec) => {
      const examples = okJson(spec, second.path).examples;
      const terminal = statusEnum(spec)["x-terminal-values"].at(-1);
      for (const [key, ref] of Object.entries(examples) as [string, Spec][]) {
        if (spec.components.examples[refName(ref.$ref)].value.status === terminal) delete examples[key];
      }
    },
    says: [/has no 200 example with status "\w+": add one under its examples/],
    at: ["paths", second.path, "get", "responses", "200", "content", "application/json", "examples"],
  },
  "a terminal value that is no member": {
    rule: "graph-lro-terminal-values",
    break: (spec) => statusEnum(spec)["x-terminal-values"].push(`${TEST_PREFIX}done`),
    says: [`x-terminal-values names "${TEST_PREFIX}done", which is no member of the enum beside it`],
    at: ["components", "schemas"],
  },
  "the sentinel as a terminal value": {
    rule: "graph-lro-terminal-values",
    break: (spec) => statusEnum(spec)["x-terminal-values"].push(SENTINEL),
    says: [`x-terminal-values names "${SENTINEL}", which is the sentinel, never terminal`],
    at: ["components", "schemas"],
  },
  "an evolvable enum without the sentinel": {
    rule: "graph-lro-enum-sentinel",
    break: (spec) => {
      const schema = statusEnum(spec);
      schema.enum = schema.enum.filter((m: string) => m !== SENTINEL);
    },
    says: [`must list ${SENTINEL}: add it to enum`],
    at: ["components", "schemas"],
  },
  "a server without x-graph-lro-login": {
    rule: "graph-lro-server-login",
    break: (spec) => {
      delete spec.servers.at(-1)["x-graph-lro-login"];
    },
    says: ["the server needs x-graph-lro-login"],
    at: ["servers"],
  },
  "a server whose login host has a path": {
    rule: "graph-lro-server-login",
    break: (spec) => {
      spec.servers[0]["x-graph-lro-login"] += "/common";
    },
    says: ["the server needs x-graph-lro-login", "with no path"],
    at: ["servers", "0", "x-graph-lro-login"],
  },
  "a server without x-graph-cloud": {
    rule: "graph-lro-server-cloud",
    break: (spec) => {
      delete spec.servers[0]["x-graph-cloud"];
    },
    says: ["the server needs x-graph-cloud"],
    at: ["servers", "0"],
  },
};

interface Finding {
  code: string;
  message: string;
  path: string[];
  source: string;
}

let dir = "";
let findings: Finding[] = [];
const fileOf = (name: string) => join(dir, `${name.replace(/\W+/g, "-")}.yaml`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "graph-lro-house-rules-"));
  const text = await readFile(join(PROJECT_DIR, SPEC), "utf8");
  const files = await Promise.all(
    Object.entries(CASES).map(async ([name, { break: change }]) => {
      const spec = parse(text);
      change(spec);
      await writeFile(fileOf(name), stringify(spec));
      return fileOf(name);
    }),
  );
  const spectral = join(PROJECT_DIR, "node_modules/.bin/spectral");
  const args = ["lint", ...files, "--ruleset", join(PROJECT_DIR, ".spectral.yaml"), "-f", "json", "--quiet"];
  // Spectral exits 1 when it finds anything, which every file here makes it do.
  const out = await promisify(execFile)(spectral, args, { maxBuffer: 64 << 20 }).catch((e) => e);
  findings = JSON.parse(out.stdout);
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("house rules (.spectral.yaml)", () => {
  it("the shipped spec breaks none of them", async () => {
    // The lint:spec tests show the spec passes all of Spectral; here, that the rules are among them.
    const ruleset = await readFile(join(PROJECT_DIR, ".spectral.yaml"), "utf8");
    for (const rule of new Set(Object.values(CASES).map((c) => c.rule))) expect(ruleset).toContain(`  ${rule}:`);
  });

  for (const [name, { rule, says, at }] of Object.entries(CASES)) {
    it(`${rule}: ${name}`, () => {
      const mine = findings.filter((f) => f.source === fileOf(name) && f.code.startsWith("graph-lro-"));
      // Exactly the broken rule: one mistake, one named finding (and no other house rule confused by it).
      expect(new Set(mine.map((f) => f.code))).toEqual(new Set([rule]));
      for (const finding of mine) {
        for (const words of says) expect(finding.message).toMatch(words);
        expect(finding.path.slice(0, at.length)).toEqual(at);
      }
    });
  }
});
