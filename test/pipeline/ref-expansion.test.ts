import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spec as dereferenced } from "../../generated/graph-lro.spec.ts";
import { UnsafeSpecError } from "../../scripts/lib/errors.ts";
import { dereferencedExcess, type ExpansionLimits, type SpecDocs } from "../../scripts/lib/ref-expansion.ts";
import { loadSpecFiles } from "../../scripts/lib/spec-files.ts";
import { PROJECT_DIR } from "../support/project-copy.ts";
import { refBomb } from "./hostile-specs.ts";

/** Every value of a tree, as load-yaml and dereferencedExcess count them. */
function countValues(root: unknown): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    count++;
    if (value !== null && typeof value === "object") stack.push(...Object.values(value));
  }
  return count;
}

/** The smallest limit of values `path` fits in: how many it holds once dereferenced. */
function expandedSize(docs: SpecDocs, path: string): number {
  let [low, high] = [0, 1e9];
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (
      dereferencedExcess(
        docs,
        path,
        { values: mid, chars: Number.POSITIVE_INFINITY, depth: Number.POSITIVE_INFINITY },
        new Map(),
      ) === undefined
    ) {
      high = mid;
    } else low = mid + 1;
  }
  return low;
}

/** Files in memory, under /spec; `root.yaml` is the root. */
const inMemory = (files: Record<string, string>) => (path: string) =>
  files[path.replace(/^\/spec\//, "")] === undefined
    ? Promise.reject(Object.assign(new Error("missing"), { code: "ENOENT" }))
    : Promise.resolve(files[path.replace(/^\/spec\//, "")] as string);
const load = (files: Record<string, string>) => loadSpecFiles("/spec/root.yaml", inMemory(files), "spec/root.yaml");
const loadWith = (files: Record<string, string>, limits: ExpansionLimits) =>
  loadSpecFiles("/spec/root.yaml", inMemory(files), "spec/root.yaml", limits);

const doc = (schemas: string) =>
  `openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n${schemas}`;

describe("dereferencedExcess", () => {
  it("counts the real spec exactly as Redocly dereferences it (generated/graph-lro.spec.ts)", async () => {
    const root = join(PROJECT_DIR, "spec/graph-lro.yaml");
    const files = await loadSpecFiles(root, (path) => readFile(path, "utf8"));
    expect(expandedSize(files, root)).toBe(countValues(dereferenced));
  });

  it("counts a recursive schema's $ref back to itself, or to a schema it is inside of, as one value", async () => {
    const files = await load({
      "root.yaml": doc(
        [
          "    Node: { type: object, properties: { children: { type: array, items: { $ref: '#/components/schemas/Node' } } } }",
          "    A: { type: object, properties: { b: { $ref: '#/components/schemas/B' } } }",
          "    B: { type: object, properties: { a: { $ref: '#/components/schemas/A' } } }",
          "",
        ].join("\n"),
      ),
    });
    // 25 values written; a cycle is unrolled at most once (each target's size is kept) before its $ref back counts 1.
    expect(countValues(files.get("/spec/root.yaml")?.doc)).toBe(25);
    expect(expandedSize(files, "/spec/root.yaml")).toBeLessThan(2 * 25);
  });

  it("agrees with a dereferenced copy for any acyclic spec (each schema refers only to later ones)", () => {
    const specs = fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(specs, (refsOf) => {
        // Schema i holds properties referring to schemas after it (a DAG), plus a string value.
        const schema = (i: number) => ({
          description: `s${i}`,
          properties: Object.fromEntries(
            (refsOf[i] ?? [])
              .filter((r) => i + 1 + (r % refsOf.length) < refsOf.length)
              .map((r, p) => [`p${p}`, { $ref: `#/components/schemas/s${i + 1 + (r % refsOf.length)}` }]),
          ),
        });
        const root = { components: { schemas: Object.fromEntries(refsOf.map((_, i) => [`s${i}`, schema(i)])) } };
        const docs: SpecDocs = new Map([["/spec/root.yaml", { doc: root }]]);
        const deref = (value: unknown): unknown => {
          if (value === null || typeof value !== "object") return value;
          const ref = (value as { $ref?: string }).$ref;
          if (ref) return deref(root.components.schemas[ref.split("/").pop() as string]);
          return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deref(v)]));
        };
        expect(expandedSize(docs, "/spec/root.yaml")).toBe(countValues(deref(root)));
      }),
    );
  });
});

describe("loadSpecFiles refuses a $ref bomb", () => {
  it("in the spec, in milliseconds, naming the file", async () => {
    const started = performance.now();
    const error = await load({ "root.yaml": doc(refBomb()) }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(UnsafeSpecError);
    expect((error as Error).message).toMatch(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, expand it past [\d,]+ characters of JSON, as a \$ref bomb does;/,
    );
  });

  it.for([
    ["an empty pointer token, which Redocly skips", "#/components//schemas/"],
    [
      "a `#` no `/` follows, which Redocly reads as part of a path (here to the spec itself)",
      "#x/../root.yaml#/components/schemas/",
    ],
    [
      "a percent-encoded `/` in a token, which Redocly decodes after splitting the pointer",
      "#/components/schemas/a%2Fb/",
    ],
  ])("with its refs spelled as only Redocly reads them: %s", async ([, base]) => {
    // Held under `a/b` too, where the third spelling finds them.
    const bomb = refBomb(6, { base: base as string });
    const error = await load({ "root.yaml": doc(`${bomb}    a/b:\n${bomb.replaceAll(/^ {4}/gm, "      ")}`) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnsafeSpecError);
    expect((error as Error).message).toMatch(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, expand/,
    );
  });

  it("with a second `#/` in its refs, after which Redocly reads nothing (parseRef keeps one part of the split)", async () => {
    // `#/components/schemas/l5#/zz` is l5 to Redocly, which writes out every copy; not l5's (missing) `#`, then zz.
    const bomb = refBomb(6).replaceAll(/"(#\/components\/schemas\/l\d+)"/g, '"$1#/zz"');
    await expect(load({ "root.yaml": doc(bomb) })).rejects.toThrow(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, expand/,
    );
  });

  it("with its refs' pointers passing through a $ref, which Redocly follows on the way", async () => {
    // `#/components/schemas/h0/properties/x`: h0 is a $ref to box0, whose x refers to l0; each level ten of them.
    const schemas = ["    l0: { type: string }"];
    for (let i = 1; i <= 6; i++) {
      const props = Array.from(
        { length: 10 },
        (_, p) => `p${p}: { $ref: "#/components/schemas/h${i - 1}/properties/x" }`,
      );
      schemas.push(`    l${i}: { type: object, properties: { ${props.join(", ")} } }`);
      schemas.push(`    h${i - 1}: { $ref: "#/components/schemas/box${i - 1}" }`);
      schemas.push(`    box${i - 1}: { properties: { x: { $ref: "#/components/schemas/l${i - 1}" } } }`);
    }
    await expect(load({ "root.yaml": doc(`${schemas.join("\n")}\n`) })).rejects.toThrow(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, expand/,
    );
  });

  it("with its refs' pointers passing through a $ref into another file, whose own refs are read from there", async () => {
    // H is a $ref to box.yaml's Box; Box's x refers, in box.yaml, to a bomb of box.yaml's own, within the limits
    // alone, past them a hundred times over.
    const files = {
      "root.yaml": doc(
        `    S: { type: object, properties: { ${Array.from({ length: 100 }, (_, p) => `p${p}: { $ref: "#/components/schemas/H/properties/x" }`).join(", ")} } }\n` +
          `    H: { $ref: "./box.yaml#/Box" }\n`,
      ),
      "box.yaml": `Box: { properties: { x: { $ref: "#/l4" } } }\n${refBomb(4, { indent: "", base: "#/" })}`,
    };
    await expect(load(files)).rejects.toThrow(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, expand/,
    );
  });

  it("refuses a chain of 10,000 refs each passing through the next as nesting past the depth", async () => {
    // h<i> names h<i-1>'s x, which is h<i-1> itself: Redocly follows every link, one recursion each.
    const schemas = ["    h0: { properties: { x: { type: string } } }"];
    for (let i = 1; i <= 10_000; i++)
      schemas.push(`    h${i}: { $ref: "#/components/schemas/h${i - 1}/properties/x" }`);
    // Refused as nesting, from the hops' bound: a walk following every link found h0's string at the end (and,
    // recursing once per link, overflowed the stack).
    await expect(load({ "root.yaml": doc(`${schemas.join("\n")}\n`) })).rejects.toThrow(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, nest it deeper than 64 levels/,
    );
  });

  it("made of examples' externalValue, which Redocly's bundle replaces by the file's content, a copy each", async () => {
    // 300 examples of a 100 kB file: 34 MB bundled (redocly bundle writes it so), from 113 kB written.
    const examples = Array.from({ length: 300 }, (_, i) => `    e${i}: { externalValue: ./big.yaml }`);
    const files = {
      "root.yaml": `openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  examples:\n${examples.join("\n")}\n`,
      "big.yaml": Array.from({ length: 1000 }, (_, i) => `k${i}: "${"x".repeat(90)}"\n`).join(""),
    };
    await expect(load(files)).rejects.toThrow(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, expand/,
    );
  });

  it("in a file the spec refers to, naming that file", async () => {
    const files = {
      "root.yaml": doc("    S: { $ref: './bomb.yaml#/l6' }\n"),
      "bomb.yaml": refBomb(6, { indent: "", base: "#/" }),
    };
    await expect(load(files)).rejects.toThrow(/^spec\/bomb\.yaml: refused: its \$refs/);
  });

  it("spread over files, each of which refers ten times to the next", async () => {
    const level = (next: string) =>
      `{ type: object, properties: { ${Array.from({ length: 10 }, (_, p) => `p${p}: { $ref: '${next}' }`).join(", ")} } }\n`;
    const files: Record<string, string> = {
      "root.yaml": doc(`    S: { $ref: './f0.yaml' }\n`),
      "f6.yaml": "type: string\n",
    };
    for (let i = 0; i < 6; i++) files[`f${i}.yaml`] = level(`./f${i + 1}.yaml`);
    await expect(load(files)).rejects.toThrow(/^spec\/f\d\.yaml: refused: its \$refs, each replaced by its target/);
  });

  it("of a long string behind many $refs, few values but 20 MB of text once dereferenced", async () => {
    const refs = Array.from({ length: 100 }, (_, i) => `p${i}: { $ref: "#/components/schemas/long" }`).join(", ");
    const schemas = `    long: { type: string, description: "${"x".repeat(200_000)}" }\n    many: { properties: { ${refs} } }\n`;
    await expect(load({ "root.yaml": doc(schemas) })).rejects.toThrow(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, expand it past [\d,]+ characters of JSON, as a \$ref bomb does;/,
    );
  });

  it("but not a fan-out within the budget (four levels: 10,000 strings)", async () => {
    await expect(load({ "root.yaml": doc(refBomb(4)) })).resolves.toBeDefined();
  });

  it("of refs nested past maxDepth, however few values they hold", async () => {
    // Each schema holds the next one level down: 70 levels of objects once dereferenced, from a few KB.
    const chain = Array.from(
      { length: 70 },
      (_, i) => `    c${i}: { properties: { n: { $ref: "#/components/schemas/c${i + 1}" } } }`,
    );
    const files = { "root.yaml": doc(`${chain.join("\n")}\n    c70: { type: string }\n`) };
    await expect(load(files)).rejects.toThrow(
      /^spec\/root\.yaml: refused: its \$refs, each replaced by its target, nest it deeper than 64 levels, as a \$ref bomb does;/,
    );
    // The limit is the project's (redocly.yaml): a deeper one lets the chain by.
    await expect(loadWith(files, { maxExpansion: 20, maxDepth: 200 })).resolves.toBeDefined();
  });

  it("by its expansion, as the limits say: a ratio to what is written, not an absolute size", async () => {
    // 30 copies of 200 KB: 6 MB of JSON, 15 times what is written; refused at 1 per character, passed at 20.
    const refs = Array.from({ length: 30 }, (_, i) => `p${i}: { $ref: "#/components/schemas/long" }`).join(", ");
    const files = {
      "root.yaml": doc(
        `    long: { type: string, description: "${"x".repeat(200_000)}" }\n    many: { properties: { ${refs} } }\n`,
      ),
    };
    await expect(load(files)).resolves.toBeDefined();
    await expect(loadWith(files, { maxExpansion: 1, maxDepth: 64 })).rejects.toThrow(
      /expand it past [\d,]+ characters/,
    );
    // 17 MB written once, past the old fixed 16 MB bound, dereferences to itself: a large spec, no bomb.
    const large = { "root.yaml": doc(`    big: { type: string, description: "${"y".repeat(17 * 1024 * 1024)}" }\n`) };
    await expect(load(large)).resolves.toBeDefined();
  });

  it("counts characters as the bundle's JSON lays them out, to within a tenth (the real spec)", async () => {
    const root = join(PROJECT_DIR, "spec/graph-lro.yaml");
    const files = await loadSpecFiles(root, (path) => readFile(path, "utf8"));
    const sizes = new Map();
    dereferencedExcess(files, root, { values: Infinity, chars: Infinity, depth: Infinity }, sizes);
    const json = JSON.stringify(dereferenced, null, 2).length;
    expect(Math.abs(sizes.get(`${root}\0`).chars - json) / json).toBeLessThan(0.1);
  });
});
