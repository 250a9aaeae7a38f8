// Hostile inputs for the spec pipeline, kept as reproductions: each once hung or leaked a build.

/**
 * A billion laughs: `levels` lists of ten aliases to the list before, 10^levels strings once expanded.
 * Nine levels are about 400 bytes; redocly lint passes them, and every tool that walks them hangs.
 */
export function aliasBomb(key = "x-bomb", levels = 9): string {
  const names = Array.from({ length: levels }, (_, i) => `l${i}`);
  const lines = [`${key}:`, `  ${names[0]}: &${names[0]} [${Array(10).fill('"lol"').join(",")}]`];
  for (let i = 1; i < levels; i++) {
    lines.push(
      `  ${names[i]}: &${names[i]} [${Array(10)
        .fill(`*${names[i - 1]}`)
        .join(",")}]`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A `$ref` bomb: `levels` schemas after a string, each of ten properties referring to the one before, 10^levels
 * strings once dereferenced. Six levels are under 3 KB; `redocly bundle --dereferenced` wrote them as 154 MB.
 * `base` is the pointer prefix of the schemas, where they sit (`#/components/schemas/` in a spec).
 */
export function refBomb(levels = 6, { indent = "    ", base = "#/components/schemas/" } = {}): string {
  const lines = [`${indent}l0: { type: string }`];
  for (let i = 1; i <= levels; i++) {
    const props = Array.from({ length: 10 }, (_, p) => `p${p}: { $ref: "${base}l${i - 1}" }`);
    lines.push(`${indent}l${i}: { type: object, properties: { ${props.join(", ")} } }`);
  }
  return `${lines.join("\n")}\n`;
}

/** `spec` with `block` (top-level YAML) inserted before its `paths:`, where OpenAPI allows `x-` extensions. */
export function beforePaths(spec: string, block: string): string {
  const at = spec.indexOf("\npaths:\n");
  if (at < 0) throw new Error("the spec has no top-level paths:");
  return `${spec.slice(0, at + 1)}${block}${spec.slice(at + 1)}`;
}

/** A minimal OpenAPI 3.1 document of one GET whose 200 body has `schema` (YAML flow style). */
export const oneGet = (schema: string) => `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /w:
    get:
      responses:
        "200":
          description: OK
          content: { application/json: { schema: ${schema} } }
`;
