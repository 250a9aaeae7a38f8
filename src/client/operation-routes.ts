import { operations } from "../../generated/graph-lro.routes.ts";
import type { paths } from "../../generated/graph-lro.ts";

/** Our name for each operation the spec defines, and its path template (from the spec, by operationId). */
export const OPERATION_PATHS = {
  roleManagementAlert: operations["identityGovernance.roleManagementAlerts.GetOperations"].path,
  userAuthentication: operations["users.authentication.GetOperations"].path,
} as const;

/** Which operation a call is for, with its ids (unencoded). */
export type OperationRef =
  | { kind: "roleManagementAlert"; operationId: string }
  | { kind: "userAuthentication"; userId: string; operationId: string };

type PathParams<Kind extends OperationRef["kind"]> = paths[(typeof OPERATION_PATHS)[Kind]]["get"]["parameters"]["path"];

/** The path parameters of a ref, under the spec's names (checked against `paths` by tsc). */
export function pathParams(ref: OperationRef): PathParams<OperationRef["kind"]> {
  return ref.kind === "userAuthentication"
    ? ({ "user-id": ref.userId, "longRunningOperation-id": ref.operationId } satisfies PathParams<typeof ref.kind>)
    : ({ "longRunningOperation-id": ref.operationId } satisfies PathParams<typeof ref.kind>);
}

/** Throws a TypeError unless `ref` names an operation kind (its ids are checked when the path is built). */
export function assertOperationRef(ref: unknown): asserts ref is OperationRef {
  const kind = (ref as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || !Object.hasOwn(OPERATION_PATHS, kind)) {
    const kinds = Object.keys(OPERATION_PATHS).join(", ");
    throw new TypeError(`not an operation ref: kind must be one of ${kinds}, got ${JSON.stringify(kind) ?? "nothing"}`);
  }
}
