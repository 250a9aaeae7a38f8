import { describe, expect, it } from "vitest";
import { operations } from "../../generated/graph-lro.routes.ts";
import { spec } from "../../generated/graph-lro.spec.ts";
import { splitSelect } from "../../src/client/parse-operation-url.ts";
import { InvalidArgumentError, parseOperationUrl } from "../../src/index.ts";
import { USER_ID } from "../support/mock-client.ts";
import { encoded, GRAPH_ROOT, LOCATION_QUERY, operationPath, operationUrl, ROOTS } from "../support/spec-urls.ts";

const { examples } = spec.components;
const userOperation = (userId: string | ReturnType<typeof encoded>, operationId: string | ReturnType<typeof encoded>) =>
  operationUrl("userAuthentication", { "user-id": userId, "longRunningOperation-id": operationId });

/** A valid user operation URL, altered by `change`: the legitimate parts stay the spec's. */
function altered(change: (url: URL) => void): string {
  const url = new URL(userOperation("u", "o"));
  change(url);
  return url.href;
}
const graph = new URL(GRAPH_ROOT);

describe("parseOperationUrl", () => {
  it("parses a password-reset Location, keeping its extra query verbatim", () => {
    const userId = USER_ID;
    const operationId = examples.passwordResetNotStarted.value.id;
    const location = operationUrl(
      "userAuthentication",
      { "user-id": userId, "longRunningOperation-id": operationId },
      { query: LOCATION_QUERY },
    );
    expect(parseOperationUrl(location)).toEqual({
      ref: { kind: "userAuthentication", userId, operationId },
      query: LOCATION_QUERY,
    });
  });

  it.for([
    ["$select=status,id", ["status", "id"]],
    ["%24select=status%2Cid", ["status", "id"]],
    ["select=resourceLocation", ["resourceLocation"]],
    ["$select=id&$select=status", ["id", "status"]],
  ] as const)("takes %s out of the query, as the select names", ([select, names]) => {
    const url = `${userOperation("u", "o")}?aadgdc=DUB02P&${select}&aadgsu=ssprprod-a`;
    expect(parseOperationUrl(url)).toEqual({
      ref: { kind: "userAuthentication", userId: "u", operationId: "o" },
      query: "aadgdc=DUB02P&aadgsu=ssprprod-a",
      select: names,
    });
  });

  it("matches under a base URL without a path (a mock at the root)", () => {
    const root = "http://localhost:3000";
    const url = operationUrl("roleManagementAlert", { "longRunningOperation-id": "x" }, { root });
    expect(parseOperationUrl(url, { baseUrl: root })).toEqual({
      ref: { kind: "roleManagementAlert", operationId: "x" },
      query: "",
    });
    expect(() => parseOperationUrl(`${root}/beta/x`, { baseUrl: root })).toThrow("is not an operation path");
  });

  it("parses an alert-refresh Location, with its ':' raw or encoded", () => {
    const operationId = examples.alertRefreshSucceeded.value.id;
    expect(operationId).toMatch(/^refresh:/);
    const ref = { kind: "roleManagementAlert", operationId };
    const raw = operationUrl("roleManagementAlert", { "longRunningOperation-id": encoded(operationId) });
    expect(parseOperationUrl(raw)).toEqual({ ref, query: "" });
    expect(parseOperationUrl(raw.replace("refresh:", "refresh%3A"))).toEqual({ ref, query: "" });
  });

  it("matches under the configured cloud or base URL", () => {
    const alert = { "longRunningOperation-id": "x" };
    expect(
      parseOperationUrl(operationUrl("roleManagementAlert", alert, { root: ROOTS.china }), { cloud: "china" }).ref,
    ).toEqual({
      kind: "roleManagementAlert",
      operationId: "x",
    });
    const baseUrl = "http://127.0.0.1:9/beta";
    const user = { "user-id": "u", "longRunningOperation-id": "o" };
    expect(parseOperationUrl(operationUrl("userAuthentication", user, { root: baseUrl }), { baseUrl }).ref).toEqual({
      kind: "userAuthentication",
      userId: "u",
      operationId: "o",
    });
  });

  it.each([
    ["not a URL", "operations/x", /not an absolute URL/],
    [
      "another host",
      altered((url) => {
        url.hostname += ".evil.test";
      }),
      `refusing https://${graph.hostname}.evil.test: the Graph origin is ${graph.origin}`,
    ],
    [
      "another cloud",
      operationUrl("userAuthentication", { "user-id": "u", "longRunningOperation-id": "o" }, { root: ROOTS.usGov }),
      `refusing ${new URL(ROOTS.usGov).origin}`,
    ],
    [
      "http instead of https",
      altered((url) => {
        url.protocol = "http:";
      }),
      `refusing http://${graph.host}`,
    ],
    [
      "credentials",
      altered((url) => {
        url.username = "a";
        url.password = "b";
      }),
      /must not carry credentials/,
    ],
    [
      "v1.0 instead of beta",
      altered((url) => {
        url.pathname = url.pathname.replace(graph.pathname, "/v1.0");
      }),
      /is not an operation path/,
    ],
    [
      "another path (the segment before the id changed)",
      altered((url) => {
        url.pathname = url.pathname.replace(/[^/]+\/o$/, "methods/o");
      }),
      /is not an operation path/,
    ],
    [
      "an extra segment",
      altered((url) => {
        url.pathname += "/x";
      }),
      /is not an operation path/,
    ],
    ["an empty id", userOperation(encoded(""), "o"), /user-id must not be ""/],
    ["a traversal", userOperation("u", encoded("%2e%2e")), /is not an operation path/],
    ["bad percent-encoding", userOperation(encoded("%E0%A4%A"), "o"), /user-id has a malformed percent-encoding/],
  ])("refuses %s, saying why", (_, url, message) => {
    expect(() => parseOperationUrl(url)).toThrow(message);
  });

  // A Location comes from a server: one that echoes the token into it must not get it into a message.
  it.for([
    ["a path", altered((url) => (url.pathname = "/beta/secret-token-123/x"))],
    ["a path outside the root", altered((url) => (url.pathname = "/v1.0/secret-token-123"))],
    ["an id's encoding", userOperation(encoded("%E0%A4%Asecret-token-123"), "o")],
    ["a relative URL", "secret-token-123/users"],
  ] as const)("refuses %s without quoting it, as an InvalidArgumentError", ([, url]) => {
    const error = (() => {
      try {
        parseOperationUrl(url);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).not.toContain("secret-token-123");
  });

  it("lists every operation path of the spec, comma-separated, when none matches", () => {
    const paths = Object.values(operations).map((route) => `${graph.pathname}${route.path}`);
    expect(() => parseOperationUrl(`${GRAPH_ROOT}/me`)).toThrow(
      new InvalidArgumentError("url", `the path is not an operation path: ${paths.join(", ")}`),
    );
  });

  it("refuses a URL with only a user name, as one with a password", () => {
    const url = altered((url) => {
      url.username = "user";
    });
    expect(() => parseOperationUrl(url)).toThrow(
      new InvalidArgumentError("url", "an operation URL must not carry credentials"),
    );
  });

  it("takes out only the options named $select or select, in that case", () => {
    expect(splitSelect("xselect=a&selectx=b&%24select=c")).toEqual({ query: "xselect=a&selectx=b", select: ["c"] });
    expect(splitSelect("$Select=a&SELECT=b")).toEqual({ query: "$Select=a&SELECT=b" });
  });

  it("keeps the path of an operation under a root with a path", () => {
    expect(
      parseOperationUrl(`${GRAPH_ROOT}${operationPath("roleManagementAlert", { "longRunningOperation-id": "a" })}`),
    ).toMatchObject({ ref: { kind: "roleManagementAlert", operationId: "a" } });
  });
});
