import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, type TestContext, vi } from "vitest";
import { parse, stringify } from "yaml";
import { operations } from "../../generated/graph-lro.routes.ts";
import { copyProject, PROJECT_DIR, runScript } from "../support/project-copy.ts";

const SPEC = "spec/graph-lro.yaml";

// Each case runs both linters as child processes (a few seconds, more when the cases share two cores).
vi.setConfig({ testTimeout: 120_000 });

/** A project copy whose spec `change` edits, disposed when its test finishes. */
async function projectWith({ onTestFinished }: TestContext, change: (spec: string) => string) {
  const copy = await copyProject();
  onTestFinished(copy.dispose);
  const before = await readFile(join(copy.dir, SPEC), "utf8");
  const after = change(before);
  expect(after, "the edit must change the spec").not.toBe(before);
  await writeFile(join(copy.dir, SPEC), after);
  return copy.dir;
}

describe.concurrent("lint:spec", () => {
  it("passes the spec silently: Redocly and Spectral both report nothing", async () => {
    const result = await runScript(PROJECT_DIR, "lint:spec");
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("fails when only Spectral objects, naming each rule and place: its OpenAPI checks and a house rule", async (context) => {
    const [, second] = Object.values(operations);
    if (!second) throw new Error("this test needs two operations in the spec");
    const dir = await projectWith(context, (text) => {
      // Redocly accepts a token URL with `{tenant}` in it; Spectral's OpenAPI schema check does not (the spec once
      // shipped it). An operation without x-ms-permissions breaks a house rule of .spectral.yaml.
      const spec = parse(text.replace(/(clientCredentials:\s+tokenUrl: https:\/\/[^/]+\/)[^/]+/, "$1{tenant}"));
      delete spec.paths[second.path].get["x-ms-permissions"];
      return stringify(spec);
    });
    const result = await runScript(dir, "lint:spec");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clientCredentials.tokenUrl");
    expect(result.stderr).toMatch(/error\s+graph-lro-permissions\s+the operation needs x-ms-permissions/);
    expect(result.stderr).toContain(`paths.${second.path}.get`);
    expect(result.stderr).toContain(`lint:spec: Spectral rejects ${SPEC}`);
    expect(result.stderr).not.toContain("Redocly rejects");
  });

  it("fails on a warning too, so that none piles up unnoticed", async (context) => {
    // An operation without a tag is a warning of Spectral's `operation-tags` rule.
    const dir = await projectWith(context, (spec) => spec.replace("      tags: [users.authentication]\n", ""));
    const result = await runScript(dir, "lint:spec");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning\s+operation-tags/);
    expect(result.stderr).toContain(`lint:spec: Spectral rejects ${SPEC}`);
  });

  it("names Redocly when Redocly objects", async (context) => {
    const dir = await projectWith(context, (spec) =>
      spec.replace(
        "operationId: users.authentication.GetOperations",
        "operationId: identityGovernance.roleManagementAlerts.GetOperations",
      ),
    );
    const result = await runScript(dir, "lint:spec");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("operation-operationId-unique");
    expect(result.stderr).toContain(`lint:spec: Redocly rejects ${SPEC}`);
  });
});
