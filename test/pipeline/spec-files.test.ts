import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, type TestContext } from "vitest";
import { UnsafeSpecError } from "../../scripts/lib/errors.ts";
import { loadSpecFiles, readConfined } from "../../scripts/lib/spec-files.ts";
import { aliasBomb, oneGet } from "./hostile-specs.ts";

/** A folder `outside/` holding a secret, beside `spec/` holding `files`; a reader that records every path read. */
async function specFolder({ onTestFinished }: TestContext, files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), "graph-lro-refs-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, "outside"));
  await writeFile(join(dir, "outside/secret.yaml"), "auth: c2VjcmV0\n");
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, "spec", name, ".."), { recursive: true });
    await writeFile(join(dir, "spec", name), text);
  }
  const root = join(dir, "spec/root.yaml");
  const read: string[] = [];
  const load = () =>
    loadSpecFiles(
      root,
      readConfined(root, (path) => {
        read.push(path);
        return readFile(path, "utf8");
      }),
      "spec/root.yaml",
    );
  return { dir, root, read, load };
}

describe("loadSpecFiles", () => {
  it("reads the root and every file its $refs reach beside it, through any depth", async (context) => {
    const f = await specFolder(context, {
      "root.yaml": oneGet('{ $ref: "./schemas/w.yaml#/W" }'),
      "schemas/w.yaml": "W: { type: object, properties: { v: { $ref: 'v.yaml' } } }\n",
      "schemas/v.yaml": "type: string\n",
    });
    const files = await f.load();
    expect([...files.keys()].map((p) => p.slice(f.dir.length))).toEqual([
      "/spec/root.yaml",
      "/spec/schemas/w.yaml",
      "/spec/schemas/v.yaml",
    ]);
  });

  const refused: [string, Record<string, string>, RegExp][] = [
    [
      "a file outside the spec's folder",
      { "root.yaml": oneGet('{ $ref: "../outside/secret.yaml" }') },
      /^spec\/root\.yaml: \/paths\/~1w\/get\/responses\/200\/content\/application~1json\/schema: \$ref \.\.\/outside\/secret\.yaml: refused: it leaves the spec's folder$/,
    ],
    [
      "an absolute path",
      { "root.yaml": oneGet('{ $ref: "/etc/passwd" }') },
      /: \$ref \/etc\/passwd: refused: it leaves the spec's folder$/,
    ],
    [
      "an http URL",
      { "root.yaml": oneGet('{ $ref: "http://127.0.0.1:9/w.yaml#/W" }') },
      /: \$ref http:\/\/127\.0\.0\.1:9\/w\.yaml#\/W: refused: only files beside the spec are read, never a URL$/,
    ],
    [
      "an https URL",
      { "root.yaml": oneGet('{ $ref: "https://example.test/w.yaml" }') },
      /\$ref https:\/\/example\.test\/w\.yaml: refused: .* never a URL$/,
    ],
    [
      "a file: URL",
      { "root.yaml": oneGet('{ $ref: "file:///etc/passwd" }') },
      /\$ref file:\/\/\/etc\/passwd: refused: .* never a URL$/,
    ],
    [
      "a file outside, referred to by a file inside",
      {
        "root.yaml": oneGet('{ $ref: "./schemas/w.yaml#/W" }'),
        "schemas/w.yaml": "W: { $ref: '../../outside/secret.yaml' }\n",
      },
      /^spec\/schemas\/w\.yaml: \/W: \$ref \.\.\/\.\.\/outside\/secret\.yaml: refused: it leaves the spec's folder$/,
    ],
    [
      "a discriminator mapping to a file outside (Redocly resolves it as a $ref)",
      {
        "root.yaml": oneGet(
          "{ oneOf: [{ type: object }], discriminator: { propertyName: k, mapping: { a: '../outside/secret.yaml' } } }",
        ),
      },
      /schema\/discriminator\/mapping\/a: \$ref \.\.\/outside\/secret\.yaml: refused: it leaves the spec's folder$/,
    ],
    [
      "a file outside, as Redocly reads a `#` that no `/` follows (a character of the file's name)",
      { "root.yaml": oneGet('{ $ref: "#x/../../outside/secret.yaml" }') },
      /: \$ref #x\/\.\.\/\.\.\/outside\/secret\.yaml: refused: it leaves the spec's folder$/,
    ],
    [
      "a file outside, as Redocly reads a `#` before the one that starts its pointer",
      {
        "root.yaml": oneGet('{ $ref: "./w.yaml" }'),
        "w.yaml": "{ $ref: 'w.yaml#x/../../outside/secret.yaml#/auth' }\n",
      },
      /^spec\/w\.yaml: \$ref w\.yaml#x\/\.\.\/\.\.\/outside\/secret\.yaml#\/auth: refused: it leaves the spec's folder$/,
    ],
    [
      "a discriminator mapping outside that a YAML merge key (`<<`) makes, as Redocly's parser merges it",
      {
        "root.yaml": oneGet("{ oneOf: [{ type: object }], discriminator: { <<: *m } }").replace(
          "paths:",
          'x-m: &m { propertyName: k, mapping: { a: "../outside/secret.yaml" } }\npaths:',
        ),
      },
      /schema\/discriminator\/mapping\/a: \$ref \.\.\/outside\/secret\.yaml: refused: it leaves the spec's folder$/,
    ],
    [
      "an example's externalValue outside (Redocly reads it as a $ref, and bundles its content as the value)",
      { "root.yaml": oneGet('{ type: string }, examples: { e: { externalValue: "../outside/secret.yaml" } }') },
      /^spec\/root\.yaml: \/paths\/~1w\/get\/responses\/200\/content\/application~1json\/examples\/e: externalValue \.\.\/outside\/secret\.yaml: refused: it leaves the spec's folder$/,
    ],
    [
      "an example's externalValue URL",
      { "root.yaml": oneGet('{ type: string }, examples: { e: { externalValue: "http://127.0.0.1:9/e.json" } }') },
      /\/examples\/e: externalValue http:\/\/127\.0\.0\.1:9\/e\.json: refused: only files beside the spec are read, never a URL$/,
    ],
  ];

  it.for(refused)("refuses %s before reading it, naming the reference", async ([, files, message], context) => {
    const f = await specFolder(context, files);
    const error = await f.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeSpecError);
    expect((error as Error).message).toMatch(message);
    expect(f.read.every((path) => path.startsWith(join(f.dir, "spec")))).toBe(true);
  });

  it("refuses a symbolic link that leads out of the folder, but not a link to the root", async (context) => {
    const f = await specFolder(context, { "real.yaml": oneGet('{ $ref: "./creds.yaml" }') });
    await symlink(join(f.dir, "outside/secret.yaml"), join(f.dir, "spec/creds.yaml"));
    await symlink(join(f.dir, "spec/real.yaml"), f.root);
    await expect(f.load()).rejects.toThrow(
      /: \$ref \.\/creds\.yaml: refused: a symbolic link takes it out of the spec's folder$/,
    );
    expect(f.read).not.toContain(join(f.dir, "spec/creds.yaml"));
  });

  it("names a referenced file that cannot be read, and where it is referred to", async (context) => {
    const f = await specFolder(context, { "root.yaml": oneGet('{ $ref: "./missing.yaml#/W" }') });
    await expect(f.load()).rejects.toThrow(
      /^spec\/root\.yaml: .*: \$ref \.\/missing\.yaml#\/W: cannot read it \(ENOENT\)$/,
    );
  });

  it("names where a refused reference is with the whole pointer, its tokens escaped", async (context) => {
    const f = await specFolder(context, {
      "root.yaml": oneGet('{ allOf: [{ type: object }, { $ref: "../outside/secret.yaml" }] }').replace(
        "/w:",
        "/a~b/{id}:",
      ),
    });
    await expect(f.load()).rejects.toThrow(
      /^spec\/root\.yaml: \/paths\/~1a~0b~1\{id}\/get\/responses\/200\/content\/application~1json\/schema\/allOf\/1: \$ref /,
    );
  });

  it("checks a file that a discriminator mapping names without a `/`, as Redocly's isMappingRef takes `#…`", async (context) => {
    // To Redocly, `#b.yaml` (no `/`, not an anchor's name) is a ref to the file `#b.yaml` beside the spec: unchecked,
    // its alias bomb took docs a minute and 4 GB before Redocly gave up.
    const f = await specFolder(context, {
      "root.yaml": oneGet(
        "{ oneOf: [{ type: object }], discriminator: { propertyName: k, mapping: { a: '#1b.yaml' } } }",
      ),
      "#1b.yaml": `${aliasBomb()}type: object\n`,
    });
    await expect(f.load()).rejects.toThrow(/^spec\/#1b\.yaml: refused: its YAML aliases \(\*name\) expand it past /);
  });

  it("leaves local refs, anchors and plain discriminator names alone", async (context) => {
    const f = await specFolder(context, {
      "root.yaml": `${oneGet('{ $ref: "#/components/schemas/W" }')}components:\n  schemas:\n    W: { type: object, discriminator: { propertyName: k, mapping: { a: W } }, properties: { v: { $ref: "#v-1.x" } } }\n    V: { $anchor: v-1.x, type: string }\n`,
    });
    expect((await f.load()).size).toBe(1);
  });
});
