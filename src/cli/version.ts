import { readFileSync } from "node:fs";

/**
 * The version in graph-lro's package.json: two folders up from src/cli/ (run through tsx or Deno), one up from
 * dist/cli.js (the installed command, bundled). The name is checked, as another package's may be found first.
 */
export function packageVersion(): string {
  for (const path of ["../../package.json", "../package.json"]) {
    try {
      const pkg: { name?: unknown; version?: unknown } = JSON.parse(
        readFileSync(new URL(path, import.meta.url), "utf8"),
      );
      if (pkg.name === "graph-lro" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // No package.json there: the other place.
    }
  }
  throw new Error("graph-lro: cannot find its own package.json");
}
