import type { BuildOptions } from "esbuild";

/**
 * How `npm run build` bundles each entry point, and how the poller's benchmark bundles the library it
 * measures (as it ships: tsx's transform keeps names, wrapping every closure it creates in a call).
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // Dependencies and Node's modules stay imports: the user's install provides them, deduplicated.
  packages: "external",
  external: ["node:*"],
  // Constants folded and inlined here, where the bundle still knows them: an app's bundler sees them
  // as variables of the chunk (about 20 B gzip in an app). Names and layout stay readable.
  minifySyntax: true,
  logLevel: "warning",
} as const satisfies BuildOptions;
