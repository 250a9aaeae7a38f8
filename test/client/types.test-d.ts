import { describe, expectTypeOf, it } from "vitest";
import type { components } from "../../generated/graph-lro.ts";
import {
  createGraphLroClient,
  createGraphLroRawClient,
  type EvolvableLongRunningOperationStatus,
  type GraphError,
  type GraphErrorCode,
  type GraphLroClient,
  type InvalidArgumentError,
  type LongRunningOperation,
  type LongRunningOperationStatus,
  type ODataError,
  type OperationRef,
  type OperationResult,
  type SelectableProperty,
} from "../../src/index.ts";
import type { MembersAfterSentinel } from "../../src/types/long-running-operation.ts";
import { template } from "../support/spec-urls.ts";

// Run by Vitest's typecheck (tsc): each assertion that fails is reported under its own test.
declare const client: GraphLroClient;

describe("client types", () => {
  it("types status as the spec's union, open to future strings, and keeps the union usable", () => {
    expectTypeOf<LongRunningOperationStatus | EvolvableLongRunningOperationStatus>().toEqualTypeOf<
      components["schemas"]["microsoft.graph.longRunningOperationStatus"]
    >();
    expectTypeOf<"x-graph-lro-test-unknown">().toExtend<LongRunningOperation["status"]>();
    expectTypeOf<LongRunningOperationStatus>().toExtend<LongRunningOperation["status"]>();
    // The typed union still drives narrowing and completions.
    const terminal = (s: LongRunningOperation["status"]) => s === "succeeded" || s === "failed";
    expectTypeOf(terminal).returns.toEqualTypeOf<boolean>();
  });

  it("adds the status members after unknownFutureValue only for a client that asks for them", () => {
    expectTypeOf(createGraphLroClient()).toEqualTypeOf<GraphLroClient<false>>();
    expectTypeOf(createGraphLroClient({ includeUnknownEnumMembers: false })).toEqualTypeOf<GraphLroClient<false>>();
    expectTypeOf(createGraphLroClient({ includeUnknownEnumMembers: true })).toEqualTypeOf<GraphLroClient<true>>();
    // Decided at run time: the members may arrive, so the types say so.
    const asked = (flag: boolean) => createGraphLroClient({ includeUnknownEnumMembers: flag });
    expectTypeOf(asked).returns.toEqualTypeOf<GraphLroClient<boolean>>();
    // A misspelled option is still caught, as it is for any object literal.
    // @ts-expect-error retyr is no option
    createGraphLroClient({ token: "t", retyr: { maxRetries: 1 } });
    type Asked = Awaited<ReturnType<GraphLroClient<true>["getOperation"]>>["operation"]["status"];
    type Plain = Awaited<ReturnType<GraphLroClient["getOperation"]>>["operation"]["status"];
    expectTypeOf<Plain>().toEqualTypeOf<LongRunningOperation["status"]>();
    // The members after the sentinel, of a tuple as the spec's enum is one.
    expectTypeOf<MembersAfterSentinel<readonly ["a", "unknownFutureValue", "b", "c"]>>().toEqualTypeOf<"b" | "c">();
    expectTypeOf<MembersAfterSentinel<readonly ["a", "b"]>>().toEqualTypeOf<never>();
    expectTypeOf<Asked>().toEqualTypeOf<
      LongRunningOperationStatus | EvolvableLongRunningOperationStatus | (string & {})
    >();
  });

  it("derives the selectable names from the spec's $select", () => {
    expectTypeOf<SelectableProperty>().toEqualTypeOf<components["schemas"]["selectList"][number]>();
  });

  it("narrows the result to the selected properties", () => {
    const selected = () => client.getRoleManagementAlertOperation("op", { select: ["status", "resourceLocation"] });
    type Selected = Awaited<ReturnType<typeof selected>>["operation"];
    expectTypeOf<keyof Selected>().toEqualTypeOf<"status" | "resourceLocation">();
    expectTypeOf<Selected["status"]>().toEqualTypeOf<LongRunningOperation["status"]>();

    const whole = () => client.getUserAuthenticationOperation("u", "op");
    expectTypeOf<Awaited<ReturnType<typeof whole>>>().toEqualTypeOf<OperationResult<LongRunningOperation>>();

    const byLocation = () => client.getOperation("https://graph.microsoft.com/beta/x", { select: ["id"] });
    expectTypeOf<keyof Awaited<ReturnType<typeof byLocation>>["operation"]>().toEqualTypeOf<"id">();
  });

  it("rejects unknown $select names and malformed refs at compile time", () => {
    // Never called: only compiled.
    const calls = () => [
      // @ts-expect-error not a property of longRunningOperation
      client.getRoleManagementAlertOperation("op", { select: ["x-graph-lro-test-unknown"] }),
      // @ts-expect-error a user operation needs its user
      client.getOperation({ kind: "userAuthentication", operationId: "op" }),
      // @ts-expect-error no such cloud
      createGraphLroClient({ cloud: "mars" }),
    ];
    expectTypeOf(calls).toBeFunction();
  });

  it("narrows an OperationRef by its kind", () => {
    const fields = (ref: OperationRef) => {
      if (ref.kind === "userAuthentication") {
        expectTypeOf(ref.userId).toEqualTypeOf<string>();
        expectTypeOf(ref.operationId).toEqualTypeOf<string>();
      } else if (ref.kind === "roleManagementAlert") {
        expectTypeOf(ref.operationId).toEqualTypeOf<string>();
        // @ts-expect-error an alert operation has no user
        expectTypeOf(ref.userId);
      }
    };
    expectTypeOf(fields).toBeFunction();
    expectTypeOf<{ kind: "userAuthentication"; userId: string; operationId: string }>().toExtend<OperationRef>();
    expectTypeOf<{ kind: "roleManagementAlert"; userId: string }>().not.toExtend<OperationRef>();
  });

  it("types GraphError's fields and its OData body", () => {
    expectTypeOf<GraphError>().toExtend<Error>();
    expectTypeOf<GraphError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<GraphError["code"]>().toEqualTypeOf<GraphErrorCode>();
    // Our codes complete in an editor, and Graph's own still fit.
    expectTypeOf<"responseTooLarge" | "networkError" | "malformedResponse">().toExtend<GraphErrorCode>();
    expectTypeOf<"TooManyRequests">().toExtend<GraphErrorCode>();
    expectTypeOf<GraphError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<GraphError["body"]>().toEqualTypeOf<ODataError | undefined>();
    expectTypeOf<NonNullable<GraphError["body"]>["error"]["code"]>().toEqualTypeOf<string>();
  });

  it("makes InvalidArgumentError a TypeError naming its argument", () => {
    expectTypeOf<InvalidArgumentError>().toExtend<TypeError>();
    expectTypeOf<InvalidArgumentError["argument"]>().toEqualTypeOf<string>();
  });

  it("types the raw client as openapi-fetch over the spec's paths", () => {
    const raw = () =>
      createGraphLroRawClient().GET(template("userAuthentication"), {
        params: { path: { "user-id": "u", "longRunningOperation-id": "o" } },
      });
    type Data = NonNullable<Awaited<ReturnType<typeof raw>>["data"]>;
    expectTypeOf<Data>().toEqualTypeOf<components["schemas"]["microsoft.graph.longRunningOperation"]>();
  });
});
