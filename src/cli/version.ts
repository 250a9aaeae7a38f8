import { readFileSync } from "node:fs";

/**
 * The version in graph-lro's package.json, found by walking up from this module: it is two folders
 * up from src/cli/ (run through tsx or Deno), and one or two from dist/ (the installed command, bundled).
 */
export function packageVersion(from: string = import.meta.url): string {
  let dir = new URL(".", from);
  for (let depth = 0; depth < 8; depth++) {
    const file = new URL("package.json", dir);
    let text: string | undefined;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      // No package.json here: look further up.
    }
    const pkg = text === undefined ? undefined : (JSON.parse(text) as { name?: unknown; version?: unknown });
    if (pkg?.name === "graph-lro" && typeof pkg.version === "string") return pkg.version;
    const parent = new URL("..", dir);
    if (parent.href === dir.href) break;
    dir = parent;
  }
  throw new Error("graph-lro: cannot find its own package.json");
}
