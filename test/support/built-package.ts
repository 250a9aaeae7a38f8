import { staleBuild } from "../../scripts/lib/build-stamp.ts";
import { PROJECT_DIR } from "./project-copy.ts";

/** The package tests use dist/, which `npm test` builds before Vitest runs: it must be the build of src/ as it is. */
export function requireBuild(): void {
  const stale = staleBuild(PROJECT_DIR);
  if (stale) throw new Error(`${stale}: run \`npm run build\` first (npm test does)`);
}
