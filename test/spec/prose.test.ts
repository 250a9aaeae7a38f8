import { describe, expect, it } from "vitest";
import { spec } from "../../generated/graph-lro.spec.ts";

type Json = Record<string, unknown>;

/** The operations of the spec with the responses they declare. */
const operations = Object.values(spec.paths as unknown as Record<string, Record<string, unknown>>).flatMap((item) =>
  Object.values(item).filter(
    (value): value is { responses: Record<string, Json> } =>
      typeof value === "object" && value !== null && "responses" in value,
  ),
);
/** The text of the spec as one string, descriptions included. */
const text = JSON.stringify(spec);

describe("spec prose", () => {
  it("lists, among its deliberate deviations, every error status declared one by one", () => {
    // Microsoft's file declares only the 4XX and 5XX ranges, so each explicit error status is ours.
    const explicit = new Set(operations.flatMap((op) => Object.keys(op.responses)).filter((s) => /^[45]\d\d$/.test(s)));
    expect(explicit.size).toBeGreaterThan(0);
    for (const status of explicit) expect(spec.info.description, status).toContain(`\`${status}\``);
  });

  it("lists every response header among its deliberate deviations (the reference pages show none)", () => {
    const headers = new Set(
      operations.flatMap((op) => Object.values(op.responses).flatMap((r) => Object.keys((r.headers ?? {}) as Json))),
    );
    expect(headers.size).toBeGreaterThan(0);
    for (const header of headers) expect(spec.info.description, header).toContain(`\`${header}\``);
  });

  it("names the reset action's path parameter as Microsoft's metadata does", () => {
    // `{passwordMethods-id}` appears in no Microsoft source; the metadata and SDKs say `{authenticationMethod-id}`.
    expect(text).not.toContain("passwordMethods-id");
    expect(text).toContain("/authentication/methods/{authenticationMethod-id}/resetPassword");
  });

  it("gives every OAuth flow URL as an absolute https URL, with no template left in it", () => {
    const flows = Object.values(spec.components.securitySchemes.microsoftIdentityPlatform.flows) as Json[];
    const urls = flows.flatMap((flow) => [flow.authorizationUrl, flow.tokenUrl]).filter((u) => u !== undefined);
    for (const url of urls) {
      expect(new URL(String(url)).protocol, String(url)).toBe("https:");
      expect(String(url), "a `{...}` template is no URL").not.toMatch(/[{}]/);
    }
  });
});
