import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../support/project-copy.ts";

// A literal in src/ that the spec names is tied to generated/, so that a change of the spec breaks the
// build rather than the behaviour. Proved here by type-checking with a generated file edited in memory.

const ROUTES = join(PROJECT_DIR, "generated/graph-lro.routes.ts");
const config = ts.getParsedCommandLineOfConfigFile(
  join(PROJECT_DIR, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, " "));
    },
  },
);
// Library code uses web-standard APIs only: Node's types are not needed, and are the most to parse.
const options = { ...config?.options, types: [] };
const host = ts.createCompilerHost(options);
const { getSourceFile } = host;
// Every file but the edited one is parsed once, for both programs.
const parsed = new Map<string, ts.SourceFile | undefined>();
let routesEdit = (routes: string) => routes;

host.getSourceFile = (name, ...rest) => {
  if (name === ROUTES) {
    const text = ts.sys.readFile(name) as string;
    return ts.createSourceFile(name, routesEdit(text), ts.ScriptTarget.ES2022, true);
  }
  if (!parsed.has(name)) parsed.set(name, getSourceFile.call(host, name, ...rest));
  return parsed.get(name);
};

/** The type errors in `file` (only those checked, for speed) when `edit` is made to the generated routes. */
function typeErrors(file: string, edit: (routes: string) => string): string[] {
  routesEdit = edit;
  const path = join(PROJECT_DIR, file);
  const program = ts.createProgram([path], options, host);
  return program
    .getSemanticDiagnostics(program.getSourceFile(path))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, " "));
}

describe("literals tied to the spec", () => {
  it("waitForOperation's failed status: once renamed in the spec, it no longer compiles", () => {
    const file = "src/poller/wait-for-operation.ts";
    expect(typeErrors(file, (routes) => routes)).toEqual([]);
    const renamed = (routes: string) => routes.replace(/(terminalStatuses = \[[^\]]*)"failed"/, '$1"errored"');
    expect(typeErrors(file, renamed)).toEqual([
      `Type '"failed"' does not satisfy the expected type '"succeeded" | "errored"'.`,
    ]);
  }, 30_000);
});
