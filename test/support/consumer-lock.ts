import { readFileSync } from "node:fs";
import { join } from "node:path";

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}
type Lock = { packages: Record<string, LockEntry> };

/** Where Node would find `name` from the package installed at `from` ("" is the project root). */
function resolve(lock: Lock, from: string, name: string): string | undefined {
  let base = from;
  while (true) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    base = base.slice(0, base.lastIndexOf("node_modules/")).replace(/\/$/, "");
  }
}

/**
 * A package-lock.json for a project that depends on `dependencies` (names in the project's lock, at
 * its versions) plus `extra` entries: every entry is copied from the project's lock, so that
 * `npm ci --offline` installs them from the npm cache that installed the project itself.
 */
export function consumerLock(
  projectDir: string,
  dependencies: readonly string[],
  extra: Record<string, LockEntry & { version: string }>,
): { packageJson: object; lock: object } {
  const project = JSON.parse(readFileSync(join(projectDir, "package-lock.json"), "utf8")) as Lock;
  const packages: Record<string, LockEntry> = {};
  const visit = (path: string) => {
    if (packages[path]) return;
    const { dev, devOptional, optional, peer, ...entry } = project.packages[path] as LockEntry;
    packages[path] = entry;
    const required = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const peerName of Object.keys(entry.peerDependencies ?? {})) {
      if (!entry.peerDependenciesMeta?.[peerName]?.optional) required[peerName] = "";
    }
    for (const name of Object.keys(required)) {
      const found = resolve(project, path, name);
      if (found) visit(found);
      else if (!(name in (entry.optionalDependencies ?? {}))) throw new Error(`${path} needs ${name}: not in the lock`);
    }
  };
  const extraDeps = Object.values(extra).flatMap((e) => Object.keys(e.dependencies ?? {}));
  for (const name of [...dependencies, ...extraDeps]) {
    const found = resolve(project, "", name);
    if (!found) throw new Error(`${name} is not installed in the project`);
    visit(found);
  }
  const rootDependencies = {
    ...Object.fromEntries(dependencies.map((name) => [name, project.packages[`node_modules/${name}`]?.version])),
    ...Object.fromEntries(Object.entries(extra).map(([name, e]) => [name, e.resolved as string])),
  };
  const packageJson = { name: "graph-lro-consumer", private: true, type: "module", dependencies: rootDependencies };
  for (const [name, entry] of Object.entries(extra)) packages[`node_modules/${name}`] = entry;
  const lock = {
    name: packageJson.name,
    lockfileVersion: 3,
    requires: true,
    packages: { "": { name: packageJson.name, dependencies: rootDependencies }, ...packages },
  };
  return { packageJson, lock };
}
