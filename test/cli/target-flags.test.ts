import { describe, expect, it } from "vitest";
import { targetFlags } from "../../src/cli/operation-command.ts";
import { runCli } from "../../src/cli/run-cli.ts";
import { routes } from "../../src/spec/index.ts";
import { escapeRegExp } from "../support/regexp.ts";

// wait's and get's target flags come from the routes table (decision 0024c): an operation added to the spec gets
// its flags, and its line in the usage, with no edit of the CLI. Fixture kinds start `xGraphLroTest`, which no
// Graph addition takes (Graph's kinds are its own operation names).

const flagsOf = (table: typeof routes) =>
  targetFlags(table).map(({ kind, flags }) => [kind, flags.map(({ flag, field }) => `--${flag}=${field}`)]);

/** A route of the table's shape. */
const route = (kind: string, path: string, refFields: Record<string, string>) => ({
  method: "get",
  path,
  kind,
  refFields,
});

describe("target flags from the routes table", () => {
  it("gives today's operations today's flags (an operation added to the spec, as test:evolution's, adds its own)", () => {
    expect(Object.fromEntries(flagsOf(routes))).toMatchObject({
      roleManagementAlert: ["--alert-operation=operationId"],
      userAuthentication: ["--user=userId", "--operation=operationId"],
    });
  });

  it("names an added operation's flags by its ref fields and kind, longer where they would clash", () => {
    const table = {
      ...routes,
      "xGraphLroTest.widgets.GetOperations": route("xGraphLroTestWidget", "/widgets/{widget-id}/operations/{id}", {
        "widget-id": "widgetId",
        id: "operationId",
      }),
      // Its own id alone, as the alert's: the kind's last word, as --alert-operation.
      "xGraphLroTest.gadgets.GetOperations": route("xGraphLroTestGadget", "/gadgets/operations/{id}", {
        id: "operationId",
      }),
      // With --user as the users' operation: its own id by its kind's last word, as --operation is taken.
      "xGraphLroTest.users.GetOperations": route("xGraphLroTestUserThing", "/users/{user-id}/thing/operations/{id}", {
        "user-id": "userId",
        id: "operationId",
      }),
      // The same last word as the alert's: the kind's whole name.
      "xGraphLroTest.otherAlerts.GetOperations": route("xGraphLroTestAlert", "/x/operations/{id}", {
        id: "operationId",
      }),
    } as unknown as typeof routes;
    expect(flagsOf(table).slice(Object.keys(routes).length)).toEqual([
      ["xGraphLroTestWidget", ["--widget=widgetId", "--operation=operationId"]],
      ["xGraphLroTestGadget", ["--gadget-operation=operationId"]],
      ["xGraphLroTestUserThing", ["--user=userId", "--thing-operation=operationId"]],
      ["xGraphLroTestAlert", ["--x-graph-lro-test-alert-operation=operationId"]],
    ]);
  });

  it("never takes a flag that wait and get already have: a parent id keeps its Id, an own id takes the next name", () => {
    const table = {
      ...routes,
      // `cloudId` would be --cloud, wait's choice of cloud: it stays --cloud-id.
      "xGraphLroTest.clouds.GetOperations": route("xGraphLroTestCloud", "/clouds/{cloud-id}/operations/{id}", {
        "cloud-id": "cloudId",
        id: "operationId",
      }),
      // Its own id alone, of a kind ending in Mock: --mock-operation is no run flag, so it stands.
      "xGraphLroTest.mocks.GetOperations": route("xGraphLroTestMock", "/mocks/operations/{id}", { id: "operationId" }),
    } as unknown as typeof routes;
    expect(flagsOf(table).slice(Object.keys(routes).length)).toEqual([
      ["xGraphLroTestCloud", ["--cloud-id=cloudId", "--operation=operationId"]],
      ["xGraphLroTestMock", ["--mock-operation=operationId"]],
    ]);
  });

  it("lists each operation's flags in wait's usage, with what the spec says the operation is", async () => {
    let out = "";
    const io = { env: {}, stdout: { write: (t: string) => (out += t) }, stderr: { write: () => 0 } };
    expect(await runCli(["wait", "--help"], { ...io, signal: new AbortController().signal })).toBe(0);
    for (const { about, flags } of targetFlags()) {
      expect(out).toContain(`graph-lro wait ${flags.map(({ flag }) => `--${flag} <id>`).join(" ")} [options]`);
      expect(out.replace(/\s+/g, " ")).toContain(about);
    }
    // A target of one flag has its own line in the option table: the flag, then what the spec says it names.
    for (const { about, flags } of targetFlags().filter((t) => t.flags.length === 1)) {
      expect(out).toMatch(new RegExp(`\\n  --${flags[0]?.flag} <id> +${escapeRegExp(about.split(" ")[0] as string)} `));
    }
  });
});
