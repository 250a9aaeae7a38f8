import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, type TestContext } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";
import * as generated from "../../generated/graph-lro.validators.ts";
import { GenerateError } from "../../scripts/lib/errors.ts";
import { validatedSchemas, validatorNames, validatorsModule } from "../../scripts/lib/validators-module.ts";
import { problemsOf } from "../../src/mock/schema-problems.ts";
import { createSchemaValidator } from "../../src/mock/schema-validator.ts";
import { PROJECT_DIR, TEST_FOLDER_PREFIX } from "../support/project-copy.ts";

type Validator = Parameters<typeof problemsOf>[0];

/** A one-path spec whose GET answers 200 with `schema` and takes `{id}`, `pattern` its id's pattern. */
const specWith = (schema: object, pattern = "^[a-z]+$") => ({
  paths: {
    "/things/{id}": {
      get: {
        operationId: "things.Get",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern } }],
        responses: { "200": { content: { "application/json": { schema } } } },
      },
    },
  },
});

/** The validator's name of each schema the mock checks in `bundled`, by the schema's pointer. */
const namesByPointer = (bundled: unknown): Record<string, string | undefined> => {
  const { byObject } = validatorNames(bundled);
  return Object.fromEntries(validatedSchemas(bundled).map(([pointer, schema]) => [pointer, byObject.get(schema)]));
};

/**
 * Writes the module made of `bundled` inside the project (so that ajv's runtime resolves) and imports it: its text,
 * the validator of a schema by the schema's pointer, and the module.
 */
async function load(
  { onTestFinished }: TestContext,
  bundled: unknown,
): Promise<[string, (pointer: string) => Validator, Record<string, Validator>]> {
  const dir = await mkdtemp(join(PROJECT_DIR, `${TEST_FOLDER_PREFIX}validators-`));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const text = validatorsModule(bundled, "// test", "spec/test.yaml");
  await writeFile(join(dir, "validators.ts"), text);
  const module: Record<string, Validator> = await import(pathToFileURL(join(dir, "validators.ts")).href);
  const names = namesByPointer(bundled);
  return [text, (pointer) => module[names[pointer] as string] as Validator, module];
}
const OK_200 = "/paths/~1things~1{id}/get/responses/200/content/application~1json/schema";
const ID = "/paths/~1things~1{id}/get/parameters/0/schema";
/** A pattern that closes a string and a call, as written into code: it matches the first escape below. */
const PATTERN = '^"\\); globalThis\\.pwned = 1; \\("$|^ok$';

describe("the validators module (ajv's standalone code)", () => {
  it("checks the generated spec's values as ajv compiling at run time does, message for message", () => {
    const compiling = createSchemaValidator();
    const validators = generated as unknown as Record<string, Validator>;
    const names = namesByPointer(spec);
    // "", and characters outside the BMP: two UTF-16 units each, which a length limit may count as one.
    const samples = [{}, { id: 1, status: "nope", createdDateTime: "yesterday" }, "x", "", "\u{1F600}", 7, null, []];
    for (const [pointer, schema] of validatedSchemas(spec)) {
      for (const value of samples) {
        expect(problemsOf(validators[names[pointer] as string] as Validator, value), pointer).toEqual(
          compiling(schema, value),
        );
      }
    }
  });

  it("compiles a schema that many paths share once, however many paths", () => {
    const shared = { type: "object", properties: { status: { enum: ["running", "succeeded"] } } };
    const paths = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [
        `/p${i}/{id}`,
        {
          get: {
            parameters: [{ name: "id", in: "path", schema: { type: "string" } }],
            // Every other path a copy: equal schemas share a function as the bundle's shared objects do.
            responses: { "200": { content: { "application/json": { schema: i % 2 ? shared : { ...shared } } } } },
          },
        },
      ]),
    );
    const text = validatorsModule({ paths }, "// test", "spec/big.yaml");
    // The 200's schema, the id's; the stories file's inside its factory, which a bundler drops when unused.
    expect(text.match(/^export const \w+ = validate\d+;$/gm)).toHaveLength(2);
    expect(text).toMatch(/^export const storiesFile = \/\* @__PURE__ \*\/ \(\(\) => \{$/m);
  });

  it("tells schemas apart by content, not by the objects they share: deep copies merge, a changed top does not", () => {
    const shared = { type: "object", properties: { status: { enum: ["running", "succeeded"] } } };
    const schemas = [shared, { ...shared }, structuredClone(shared), { ...shared, minProperties: 1 }];
    const paths = Object.fromEntries(
      schemas.map((schema, i) => [
        `/p${i}/{id}`,
        {
          get: {
            parameters: [{ name: "id", in: "path", schema: { type: "string" } }],
            responses: { "200": { content: { "application/json": { schema } } } },
          },
        },
      ]),
    );
    const text = validatorsModule({ paths }, "// test", "spec/copies.yaml");
    const byPointer = Object.entries(namesByPointer({ paths }));
    const names = byPointer.filter(([pointer]) => pointer.includes("/responses/")).map(([, name]) => name);
    expect(text.match(/^export const \w+ = validate\d+;$/gm)).toHaveLength(3);
    // The first three are one schema written three ways; the fourth adds a keyword at its top.
    expect(names).toEqual(["v1", "v1", "v1", "v2"]); // v0: the id's
  });

  it("keeps a hostile spec's strings as data: a pattern, property names and a format cannot break out", async (context) => {
    const g = globalThis as { pwned?: unknown };
    delete g.pwned;
    const escapes = [
      '"); globalThis.pwned = 1; ("',
      "`; globalThis.pwned = 1; `",
      "*/ globalThis.pwned = 1; /*",
      "\u2028globalThis.pwned = 1;\u2029",
      '\\"); globalThis.pwned = 1; //',
      `$${"{"}globalThis.pwned = 1}"]; require("fs"); //`, // a template literal's placeholder, spelt out
    ];
    const schema = {
      type: "object",
      properties: Object.fromEntries(escapes.map((name) => [name, { type: "string", format: name }])),
      required: [escapes[0]],
      patternProperties: { [escapes[1] as string]: { const: escapes[2] } },
    };
    const [text, validatorAt] = await load(context, specWith(schema, PATTERN));
    expect(g.pwned).toBeUndefined();
    // Nothing but ajv's runtime is imported, and nothing is required.
    for (const line of text.split("\n").filter((l) => l.startsWith("import "))) {
      expect(line).toMatch(
        /^import \* as runtime\d+ from "(ajv\/dist\/runtime\/\w+|ajv-formats\/dist\/formats)\.js";$/,
      );
    }
    const ok = validatorAt(OK_200);
    expect(problemsOf(ok, { [escapes[0] as string]: "x" })).toEqual([]);
    expect(problemsOf(ok, { [escapes[3] as string]: 1 }).map((p) => p.message)).toEqual([
      `must have required property '${escapes[0]}'`,
      "must be string",
    ]);
    const id = validatorAt(ID);
    expect(problemsOf(id, "ok")).toEqual([]);
    expect(problemsOf(id, escapes[0])).toEqual([]); // the pattern still means what it says
    expect(problemsOf(id, "no")[0]?.message).toBe(`must match pattern "${PATTERN}"`);
    expect(g.pwned).toBeUndefined();
  });

  it("counts code points where a length limit can tell them from UTF-16 units, and only there", async (context) => {
    const emoji = "\u{1F600}"; // one code point, two UTF-16 units
    const compiling = createSchemaValidator();
    for (const [schema, counts] of [
      [{ type: "string", minLength: 1 }, false],
      [{ type: "string", maxLength: 0 }, false],
      [{ type: "string", minLength: 2 }, true],
      [{ type: "string", maxLength: 1 }, true],
      [{ type: "object", properties: { deep: { items: { minLength: 3 } } } }, true],
    ] as const) {
      const [text, validatorAt] = await load(context, specWith(schema));
      // ajv's ucs2length helper is imported where it counts, and only there.
      expect(text.includes("ajv/dist/runtime/ucs2length"), JSON.stringify(schema)).toBe(counts);
      for (const value of ["", "a", emoji, `${emoji}${emoji}`, "ab", "abc", { deep: ["ab", emoji.repeat(3)] }]) {
        expect(problemsOf(validatorAt(OK_200), value)).toEqual(compiling(schema, value));
      }
    }
  });

  it("tracks evaluated properties only where a schema needs it: unevaluatedProperties still holds", async (context) => {
    const compiling = createSchemaValidator();
    const plain = { type: "object", properties: { a: { type: "string" } } };
    const closed = { ...plain, anyOf: [{ properties: { b: { type: "string" } } }], unevaluatedProperties: false };
    for (const [schema, tracks] of [
      [plain, false],
      [closed, true],
    ] as const) {
      const [text, validatorAt] = await load(context, specWith(schema));
      expect(text.includes(".evaluated"), JSON.stringify(schema)).toBe(tracks);
      for (const value of [{ a: "x" }, { a: "x", b: "y" }, { a: "x", c: 1 }, { b: 1 }]) {
        expect(problemsOf(validatorAt(OK_200), value)).toEqual(compiling(schema, value));
      }
    }
  });

  it("checks a stories file's error statuses without ajv's deep-equal helper, which every browser app would load", async (context) => {
    // 4XX and 5XX: 200 statuses, an enum long enough for ajv's loop by default.
    const bundled = specWith({ type: "object" });
    Object.assign(bundled.paths["/things/{id}"].get.responses, { "4XX": {}, "5XX": {} });
    const [text, , module] = await load(context, bundled);
    expect(text).toContain("=== 599");
    expect(text).not.toContain("ajv/dist/runtime/equal");
    const stories = module.storiesFile as Validator;
    expect(problemsOf(stories, { "op-1": [{ kind: "error", status: 404 }] })).toEqual([]);
    expect(problemsOf(stories, { "op-1": [{ kind: "error", status: 399 }] }).map((p) => p.message)).toContain(
      "must be equal to one of the allowed values",
    );
  });

  it("refuses a schema ajv cannot compile, naming its pointer", () => {
    expect(() => validatorsModule(specWith({ type: "string" }, "(["), "// test", "spec/bad.yaml")).toThrow(
      new RegExp(`^spec/bad\\.yaml: refused: the schema at ${ID.replaceAll(/[{}~]/g, "\\$&")} does not compile: `),
    );
    expect(() => validatorsModule(specWith({ type: "string" }, "(["), "", "x")).toThrow(GenerateError);
  });
});
