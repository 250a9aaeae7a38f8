import { describe, expectTypeOf, it } from "vitest";
import type { operations as routes, terminalStatuses } from "../../generated/graph-lro.routes.ts";
import type { spec } from "../../generated/graph-lro.spec.ts";
import type { components, operations, paths } from "../../generated/graph-lro.ts";

// Run by Vitest's typecheck (tsc): each assertion that fails is reported under its own test.
type Operation = components["schemas"]["microsoft.graph.longRunningOperation"];
type Status = components["schemas"]["microsoft.graph.longRunningOperationStatus"];
type AlertGet = operations["identityGovernance.roleManagementAlerts.GetOperations"];
type UserGet = operations["users.authentication.GetOperations"];

describe("generated types", () => {
  it("types status as the union of the spec's enum values, nullable as in Graph", () => {
    // Read from the spec as data, not listed here: a value added to the spec changes both alike.
    type SpecStatus =
      (typeof spec)["components"]["schemas"]["microsoft.graph.longRunningOperationStatus"]["enum"][number];
    expectTypeOf<Status>().toEqualTypeOf<SpecStatus>();
    expectTypeOf<Operation["status"]>().toEqualTypeOf<Status | null | undefined>();
    // A union of literals, not widened to string.
    expectTypeOf<string>().not.toExtend<Status>();
    expectTypeOf<(typeof terminalStatuses)[number]>().toExtend<Status>();
  });

  it("requires the path parameters, with Graph's hyphenated names", () => {
    expectTypeOf<AlertGet["parameters"]["path"]>().toEqualTypeOf<{ "longRunningOperation-id": string }>();
    expectTypeOf<UserGet["parameters"]["path"]>().toEqualTypeOf<{
      "user-id": string;
      "longRunningOperation-id": string;
    }>();
    type UserPath = (typeof routes)["users.authentication.GetOperations"]["path"];
    expectTypeOf<paths[UserPath]["get"]>().toEqualTypeOf<UserGet>();
  });

  it("restricts $select items to the operation's own property names", () => {
    type OwnProperty = Exclude<keyof Operation, `@odata.${string}`>;
    type Selectable<Get extends AlertGet | UserGet, Name extends "$select" | "select"> = NonNullable<
      NonNullable<Get["parameters"]["query"]>[Name]
    >[number];
    expectTypeOf<Selectable<AlertGet, "$select">>().toEqualTypeOf<OwnProperty>();
    expectTypeOf<Selectable<AlertGet, "select">>().toEqualTypeOf<OwnProperty>();
    expectTypeOf<Selectable<UserGet, "$select">>().toEqualTypeOf<OwnProperty>();
    expectTypeOf<"progress">().not.toExtend<Selectable<UserGet, "$select">>();
  });

  it("types the 200 body as the operation and error bodies as Graph's OData error", () => {
    expectTypeOf<UserGet["responses"][200]["content"]["application/json"]>().toEqualTypeOf<Operation>();
    type ErrorBody = AlertGet["responses"][429]["content"]["application/json"];
    expectTypeOf<ErrorBody["error"]["code"]>().toEqualTypeOf<string>();
    expectTypeOf<AlertGet["responses"][429]["headers"]["Retry-After"]>().toEqualTypeOf<number>();
  });
});
