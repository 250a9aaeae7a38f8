import { spec } from "../../generated/graph-lro.spec.ts";
import { type Fetch, isTerminal } from "../index.ts";
import type { CommandName } from "./commands.ts";
import { importNeedingMsw } from "./mock-dispatch.ts";
import { UsageError } from "./usage-error.ts";

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

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly example?: unknown;
}
type Examples = Readonly<Record<string, { readonly value?: unknown }>>;
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly responses: Readonly<Record<string, { readonly content?: Record<string, { readonly examples?: Examples }> }>>;
}
type Paths = Readonly<Record<string, { readonly parameters?: readonly Parameter[]; readonly get?: Operation }>>;

/**
 * With --mock and no operation named: the URL of the spec's first operation, for the id of its
 * first example that is not terminal (so that a story has somewhere to go), under `root`.
 */
export function defaultMockTarget(root: string): string {
  const [path, item] = Object.entries(spec.paths as Paths)[0] ?? [];
  const operation = item?.get;
  if (path === undefined || operation === undefined)
    throw new Error("the spec has no GET operation for --mock to call");
  const examples = Object.values(operation.responses["200"]?.content?.["application/json"]?.examples ?? {});
  const example = examples
    .map((e) => e.value as { id?: unknown; status?: unknown })
    .find((v) => !isTerminal(v?.status));
  const parameters = [...(item?.parameters ?? []), ...(operation.parameters ?? [])].filter((p) => p.in === "path");
  // The last path parameter names the operation; any before it (a user) takes its own example.
  const values = new Map(parameters.map((p, i) => [p.name, i === parameters.length - 1 ? example?.id : p.example]));
  return `${root.replace(/\/$/, "")}${path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = values.get(name);
    if (typeof value !== "string") throw new Error(`the spec gives no example ${name} for --mock to call ${path}`);
    return encodeURIComponent(value);
  })}`;
}
