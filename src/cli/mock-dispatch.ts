import { fileURLToPath } from "node:url";
import type { CliIo } from "./cli-io.ts";
import { UsageError } from "./usage-error.ts";

/** What `src/cli/mock-command.ts` exports: the `graph-lro mock` command and its usage. */
interface MockCommandModule {
  MOCK_USAGE: string;
  runMockCommand(argv: readonly string[], io: Pick<CliIo, "stdout" | "stderr" | "signal">): Promise<number>;
}

/**
 * Loads `graph-lro mock` only when it runs: it needs msw (an optional peer dependency) and node:http.
 * The specifier is computed (`.ts` from source, `.js` from dist/) until the module lands; then it
 * becomes a plain `import("./mock-command.ts")`, which tsc rewrites for dist/.
 */
export async function loadMockCommand(): Promise<MockCommandModule> {
  const extension = fileURLToPath(import.meta.url).endsWith(".ts") ? ".ts" : ".js";
  try {
    return (await import(new URL(`./mock-command${extension}`, import.meta.url).href)) as MockCommandModule;
  } catch (error) {
    const missing = (error as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND";
    if (missing && String(error).includes("msw")) {
      throw new UsageError("graph-lro mock needs the msw package (an optional peer dependency): npm install msw@2");
    }
    if (missing) throw new UsageError("graph-lro mock is not in this build");
    throw error;
  }
}
