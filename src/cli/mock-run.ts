import { UsageError } from "../errors/usage-error.ts";
import { type Fetch, isTerminal } from "../index.ts";
import type { CommandName } from "./commands.ts";
import { exampleIds, exampleOperations, exampleOperationUrl } from "./example-urls.ts";
import { importNeedingMsw } from "./mock-dispatch.ts";

/**
 * The built-in mock's fetch. The mock needs msw, an optional peer dependency of the package: it is
 * loaded for --mock only, so that an install without msw still runs everything else. It answers
 * on every cloud of the spec, so --cloud applies as in real runs. `command` is named in usage errors.
 */
export async function mockFetch(command: CommandName): Promise<Fetch> {
  const mock = await importNeedingMsw(() => import("../mock/index.ts"), "--mock");
  // An answer that breaks the spec is a bug to name (exit 70), not an answer to show. A request that
  // does is the user's: the client sends the path and query of the URL given (a query option the
  // operation does not declare, say), which Graph may ignore but the mock, holding to the spec, names.
  const fetch = mock.createMockFetch(mock.createGraphLroHandlers(), { onViolation: "throw" });
  return async (request) => {
    try {
      return await fetch(request);
    } catch (error) {
      if (!(error instanceof mock.ContractViolationError && error.subject.startsWith("request "))) throw error;
      const { subject, pointer, problem } = error;
      throw new UsageError(`--mock checks requests against the spec: ${subject} ${pointer} ${problem}`, command);
    }
  };
}

/**
 * With --mock and no operation named: the URL of the spec's first GET operation, for the id of its
 * first example that is not terminal (so that a story has somewhere to go), under `root`.
 */
export function defaultMockTarget(root: string): string {
  const operation = exampleOperations().find((o) => o.method === "get");
  const example = operation && exampleIds(operation).find(({ value }) => !isTerminal(value.status));
  if (!operation || !example) throw new Error("the spec has no GET operation with an example for --mock to call");
  return exampleOperationUrl(root, operation, example.id);
}
