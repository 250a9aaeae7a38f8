import { existsSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_DIR } from "./project-copy.ts";

/** The package tests use dist/, which `npm test` builds before Vitest runs. */
export function requireBuild(): void {
  if (!existsSync(join(PROJECT_DIR, "dist/index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  }
}
