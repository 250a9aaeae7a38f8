import { UsageError } from "../errors/usage-error.ts";

// The built-in mock needs msw, an optional peer dependency of the package: `graph-lro mock` and `--mock` load
// it when they run, so that an install without msw still runs everything else.

/**
 * Imports a module that needs msw. Without msw installed, a UsageError says that `who` needs it and how to
 * install it.
 */
export async function importNeedingMsw<T>(load: () => Promise<T>, who: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND" || !String(error).includes("msw")) throw error;
    throw new UsageError(`${who} needs the msw package (an optional peer dependency): npm install msw@2`);
  }
}

/** `graph-lro mock` (src/cli/mock-command.ts): it needs msw, and node:http. */
export const loadMockCommand = () => importNeedingMsw(() => import("./mock-command.ts"), "graph-lro mock");

/**
 * The mock, for --mock: its fetch without msw (src/mock/plain-mock-fetch.ts), so --mock needs no msw. It answers
 * on every cloud of the spec, so --cloud applies as in real runs.
 */
export const loadMock = () => import("../mock/plain-mock-fetch.ts");
