// What dist/ was built from: a hash of every input of npm run build, and of what it wrote. `npm ci` builds
// dist/ (prepare), so npm test's build gate, run right after on the same sources, would redo 10 s of tsc for
// the same bytes; the stamp lets it see that and stop. Tests that run dist/ check it, so a stale build is
// never what they test.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Kept in dist/, left out of the package (package.json `files`). */
export const STAMP_FILE = ".build-stamp.json";

/** The files and folders whose bytes make dist/: the sources, the build's configuration, the locked tools. */
const INPUTS = [
  "src",
  "generated",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "scripts/build.ts",
  "scripts/lib/bundle-options.ts",
  "scripts/lib/build-stamp.ts",
];

interface BuildStamp {
  inputs: string;
  output: string;
}

/** sha256 over the relative paths and bytes of `entries` (files, or folders walked whole), in a fixed order. */
function hashTree(root: string, entries: readonly string[], skip?: string): string {
  const hash = createHash("sha256");
  const files = entries.flatMap((entry) => {
    const path = join(root, entry);
    if (!existsSync(path)) return [];
    if (!statSync(path).isDirectory()) return [entry];
    return readdirSync(path, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(root.length + 1));
  });
  for (const file of files.sort()) {
    if (file === skip) continue;
    const bytes = readFileSync(join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest("hex");
}

/** The hash of what a build of the project in `projectDir` reads. */
export const inputsHash = (projectDir: string) => hashTree(projectDir, INPUTS);

/** The hash of a built folder's files, its stamp aside. */
export const outputHash = (distDir: string) => hashTree(distDir, ["."], STAMP_FILE);

/** The stamp in `distDir`, or undefined when there is none (or it is unreadable). */
function readStamp(distDir: string): BuildStamp | undefined {
  try {
    return JSON.parse(readFileSync(join(distDir, STAMP_FILE), "utf8")) as BuildStamp;
  } catch {
    return undefined;
  }
}

/**
 * Why dist/ is not the build of the project's sources as they are, or undefined when it is: built from these
 * inputs (its stamp says so) and unchanged since (its files hash to what the stamp recorded).
 */
export function staleBuild(projectDir: string): string | undefined {
  const dist = join(projectDir, "dist");
  const stamp = readStamp(dist);
  if (!stamp) return "dist/ has no build stamp";
  if (stamp.inputs !== inputsHash(projectDir)) return "the sources changed since dist/ was built";
  if (stamp.output !== outputHash(dist)) return "dist/ was changed after it was built";
  return undefined;
}
