import { describe, expect, it } from "vitest";
import { parseOperationUrl } from "../../src/index.ts";

describe("parseOperationUrl", () => {
  it("parses a password-reset Location, keeping its extra query verbatim", () => {
    expect(
      parseOperationUrl(
        "https://graph.microsoft.com/beta/users/6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0/authentication/operations/88e7560c-9ebf-435c-8089-c3998ac1ec51?aadgdc=DUB02P&aadgsu=ssprprod-a",
      ),
    ).toEqual({
      ref: {
        kind: "userAuthentication",
        userId: "6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0",
        operationId: "88e7560c-9ebf-435c-8089-c3998ac1ec51",
      },
      query: "aadgdc=DUB02P&aadgsu=ssprprod-a",
    });
  });

  it("parses an alert-refresh Location, with its ':' raw or encoded", () => {
    const ref = {
      kind: "roleManagementAlert",
      operationId: "refresh:DirectoryRole_3b0e753b_RolesAssignedOutsidePimAlert",
    };
    const raw =
      "https://graph.microsoft.com/beta/identityGovernance/roleManagementAlerts/operations/refresh:DirectoryRole_3b0e753b_RolesAssignedOutsidePimAlert";
    expect(parseOperationUrl(raw)).toEqual({ ref, query: "" });
    expect(parseOperationUrl(raw.replace("refresh:", "refresh%3A"))).toEqual({ ref, query: "" });
  });

  it("matches under the configured cloud or base URL", () => {
    expect(
      parseOperationUrl(
        "https://microsoftgraph.chinacloudapi.cn/beta/identityGovernance/roleManagementAlerts/operations/x",
        { cloud: "china" },
      ).ref,
    ).toEqual({
      kind: "roleManagementAlert",
      operationId: "x",
    });
    expect(
      parseOperationUrl("http://127.0.0.1:9/beta/users/u/authentication/operations/o", {
        baseUrl: "http://127.0.0.1:9/beta",
      }).ref,
    ).toEqual({
      kind: "userAuthentication",
      userId: "u",
      operationId: "o",
    });
  });

  it.each([
    ["not a URL", "operations/x", /not an absolute URL/],
    [
      "another host",
      "https://graph.microsoft.com.evil.test/beta/users/u/authentication/operations/o",
      /refusing https:\/\/graph\.microsoft\.com\.evil\.test: the configured Graph origin is https:\/\/graph\.microsoft\.com/,
    ],
    [
      "another cloud",
      "https://graph.microsoft.us/beta/users/u/authentication/operations/o",
      /refusing https:\/\/graph\.microsoft\.us/,
    ],
    [
      "http instead of https",
      "http://graph.microsoft.com/beta/users/u/authentication/operations/o",
      /refusing http:\/\/graph\.microsoft\.com/,
    ],
    [
      "credentials",
      "https://a:b@graph.microsoft.com/beta/users/u/authentication/operations/o",
      /must not carry credentials/,
    ],
    [
      "v1.0 instead of beta",
      "https://graph.microsoft.com/v1.0/users/u/authentication/operations/o",
      /is not under \/beta\//,
    ],
    ["another path", "https://graph.microsoft.com/beta/users/u/authentication/methods/o", /is not an operation path/],
    [
      "an extra segment",
      "https://graph.microsoft.com/beta/users/u/authentication/operations/o/x",
      /is not an operation path/,
    ],
    ["an empty id", "https://graph.microsoft.com/beta/users//authentication/operations/o", /user-id must not be ""/],
    [
      "a traversal",
      "https://graph.microsoft.com/beta/users/u/authentication/operations/%2e%2e",
      /is not an operation path/,
    ],
    [
      "bad percent-encoding",
      "https://graph.microsoft.com/beta/users/%E0%A4%A/authentication/operations/o",
      /user-id in the URL has a malformed percent-encoding/,
    ],
  ])("refuses %s, saying why", (_, url, message) => {
    expect(() => parseOperationUrl(url)).toThrow(message);
  });
});
