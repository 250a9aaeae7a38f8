import { describe, expect, it } from "vitest";
import { type CommandSpec, type OptionSpec, parseCommandLine, UsageError } from "../../scripts/lib/command-line.ts";

const spec = {
  name: "spec:diff",
  help: "usage: npm run spec:diff -- <old> [<new>]\n\nmore help",
  options: {
    format: { type: "string", default: "text", choices: ["text", "json"] },
    spec: { type: "string" },
    "allow-breaking": { type: "boolean" },
  },
  positionals: { min: 1, max: 2 },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const parse = (...argv: string[]) => parseCommandLine(spec, argv);
const problem = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} parsed`);
};

describe("parseCommandLine", () => {
  it("reads options in both forms, flags and positionals, with defaults", () => {
    expect(parse("old.yaml", "--format", "json", "--spec=s.yaml", "--allow-breaking")).toEqual({
      values: { format: "json", spec: "s.yaml", "allow-breaking": true },
      positionals: ["old.yaml"],
    });
    expect(parse("a", "b")).toEqual({
      values: { format: "text", spec: undefined, "allow-breaking": false },
      positionals: ["a", "b"],
    });
  });

  it("answers help for --help and -h, wherever they are", () => {
    expect(parse("--help")).toBe("help");
    expect(parse("old.yaml", "-h")).toBe("help");
    expect(parse("--no-such", "--help")).toBe("help");
  });

  it.for([
    [["old.yaml", "--output=/tmp/x"], "unknown option --output"],
    [["old.yaml", "-x"], "unknown option -x"],
    [["old.yaml", "--format"], "--format needs a value"],
    [["old.yaml", "--format", "xml"], '--format must be one of text, json, not "xml"'],
    [["old.yaml", "--allow-breaking=yes"], "--allow-breaking takes no value"],
    [["a", "b", "c"], "unexpected argument c"],
    [[], "missing argument (usage: npm run spec:diff -- <old> [<new>])"],
  ] as const)("names the problem of %j in one line", ([argv, message]) => {
    expect(problem(...argv)).toBe(message);
  });

  it("takes what follows -- as positionals, even when it looks like an option", () => {
    expect(parse("--", "--output=x:y")).toMatchObject({ positionals: ["--output=x:y"] });
  });
});
