import { UsageError } from "./usage-error.ts";

/**
 * `graph-lro mock` (src/cli/mock-command.ts), loaded only when it runs: it needs msw, an optional
 * peer dependency, and node:http.
 */
export async function loadMockCommand(): Promise<typeof import("./mock-command.ts")> {
  try {
    return await import("./mock-command.ts");
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND" || !String(error).includes("msw")) throw error;
    throw new UsageError("graph-lro mock needs the msw package (an optional peer dependency): npm install msw@2");
  }
}
