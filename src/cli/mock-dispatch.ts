import { UsageError } from "../errors/usage-error.ts";

/**
 * `graph-lro mock` (src/cli/mock-command.ts), loaded only when it runs: it needs msw, an optional
 * peer dependency, and node:http.
 */
export const loadMockCommand = () => importNeedingMsw(() => import("./mock-command.ts"), "graph-lro mock");

/**
 * Imports a module that needs msw. Without msw installed, a UsageError says that `who` needs it and how to
 * install it, so that an install without msw still runs everything else.
 */
export async function importNeedingMsw<T>(load: () => Promise<T>, who: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND" || !String(error).includes("msw")) throw error;
    throw new UsageError(`${who} needs the msw package (an optional peer dependency): npm install msw@2`);
  }
}
