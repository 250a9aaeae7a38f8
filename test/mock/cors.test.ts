import { describe, expect, it } from "vitest";
import { isLoopback, isPreflight, preflightResponse } from "../../src/mock/cors.ts";

describe("isPreflight", () => {
  it("is an OPTIONS request that names the method to follow, only", () => {
    const asking = new Headers({ "Access-Control-Request-Method": "GET" });
    expect(isPreflight("OPTIONS", asking)).toBe(true);
    expect(isPreflight("GET", asking)).toBe(false);
    expect(isPreflight("OPTIONS", new Headers())).toBe(false);
  });
});

describe("preflightResponse", () => {
  it("allows the method and headers asked for, for ten minutes", () => {
    const response = preflightResponse(
      new Headers({ "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "prefer" }),
    );
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "access-control-allow-methods": "DELETE",
      "access-control-allow-headers": "prefer",
      "access-control-max-age": "600",
    });
  });

  it("allows GET and no headers when the preflight names none", () => {
    const response = preflightResponse(new Headers());
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET");
    expect(response.headers.has("Access-Control-Allow-Headers")).toBe(false);
  });
});

describe("isLoopback", () => {
  it("takes brackets off a whole IPv6 literal only", () => {
    // Each would read as loopback if the brackets were removed anywhere in the name.
    for (const host of ["127.0.0.[1]", "[127.0.0.1]0", "x[::1]"]) expect(isLoopback(host)).toBe(false);
  });

  it("takes any address of 127.0.0.0/8, and only a whole one", () => {
    expect(isLoopback("127.10.200.30")).toBe(true);
    expect(isLoopback("x127.0.0.1")).toBe(false);
  });
});
