import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSelect } from "../../src/client/parse-operation-url.ts";
import { readSelect } from "../../src/mock/select.ts";

// The client (which takes a Location URL's select option out, to send its own) and the mock (which answers
// it, as Graph) must read the same names as the select option: were the client to take one the mock ignores, or
// miss one it reads, a poll would be told a different body than the client expects.
const takenByClient = (name: string) =>
  splitSelect(new URLSearchParams([[name, "id"]]).toString()).select !== undefined;
const readByMock = (name: string) => readSelect(new URLSearchParams([[name, "id"]]), ["id"]).kind !== "all";

describe("the select option's names", () => {
  it.for(["$select", "select"])("%s is the select option to the client and to the mock", (name) => {
    expect([takenByClient(name), readByMock(name)]).toEqual([true, true]);
  });

  // Graph documents `$select` and, on beta, `select`; no other case.
  it.for(["$Select", "SELECT", "$$select", " select", "select ", "selects", "%24select"])(
    "%s is another option to both",
    (name) => {
      expect([takenByClient(name), readByMock(name)]).toEqual([false, false]);
    },
  );

  it("are the same for the client and the mock, whatever the name", () => {
    const name = fc.oneof(
      fc.mixedCase(fc.constantFrom("$select", "select", "$SELECT", "%24select")),
      fc.string(),
      fc.string().map((s) => `$select${s}`),
    );
    fc.assert(
      fc.property(name, (n) => {
        expect(takenByClient(n)).toBe(readByMock(n));
      }),
    );
  });
});
