import { describe, expect, it } from "vitest";
import { importNeedingMsw } from "../../src/cli/load-mock.ts";
import { UsageError } from "../../src/errors/usage-error.ts";

const notFound = (name: string) =>
  Object.assign(new Error(`Cannot find package '${name}' imported from x.js`), { code: "ERR_MODULE_NOT_FOUND" });

describe("importNeedingMsw", () => {
  it("says who needs msw, and how to install it, when msw is missing", async () => {
    const load = importNeedingMsw(() => Promise.reject(notFound("msw")), "--mock");
    await expect(load).rejects.toThrow(UsageError);
    await expect(load).rejects.toThrow("--mock needs the msw package (an optional peer dependency): npm install msw@2");
  });

  it("passes any other failure on as it is: a missing module of ours is a bug", async () => {
    const missing = notFound("ajv");
    await expect(importNeedingMsw(() => Promise.reject(missing), "--mock")).rejects.toBe(missing);
    await expect(importNeedingMsw(async () => 42, "--mock")).resolves.toBe(42);
  });
});
