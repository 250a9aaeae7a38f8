// graph-lro/spec: the bundled spec as data, and its types, for other tools (validators, mocks, docs).

export { operations as routes, servers, starts, terminalStatuses } from "../../generated/graph-lro.routes.ts";
export { spec } from "../../generated/graph-lro.spec.ts";
export type { components, operations, paths } from "../../generated/graph-lro.ts";
