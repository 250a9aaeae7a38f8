import { InterruptedError } from "../errors/interrupted-error.ts";
import { type CliCommand, parseCliArgs } from "./cli-args.ts";
import type { CliIo } from "./cli-io.ts";
import { redactingStream } from "./cli-output.ts";
import { EXIT } from "./exit-codes.ts";
import { describeFailure } from "./failure.ts";
import { HELP, helpFor } from "./help.ts";
import { loadMockCommand } from "./mock-dispatch.ts";
import { createReporter, type Reporter } from "./render.ts";
import { getTimeoutMs, type RunProgress, runCommand } from "./run-command.ts";
import { packageVersion } from "./version.ts";

export type { CliIo } from "./cli-io.ts";
export { EXIT } from "./exit-codes.ts";

/** Runs `graph-lro …` and returns its exit code. Never prints the token. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr.write(HELP);
    return EXIT.usage;
  }
  let command: CliCommand | undefined;
  let reporter: Reporter | undefined;
  const progress: RunProgress = {};
  // Whatever a server echoes, the token read is never written.
  const token = () => progress.token;
  const output = {
    stdout: redactingStream(io.stdout, token),
    stderr: redactingStream(io.stderr, token),
    now: io.now ?? Date.now,
  };
  try {
    const request = parseCliArgs(argv);
    if (request.kind === "help") {
      const text = request.command === "mock" ? (await loadMockCommand()).mockUsage() : helpFor(request.command);
      io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
      return EXIT.succeeded;
    }
    if (request.kind === "version") {
      io.stdout.write(`graph-lro ${packageVersion()}\n`);
      return EXIT.succeeded;
    }
    if (request.kind === "mock") return await (await loadMockCommand()).runMockCommand(request.argv, io);
    command = request.command;
    reporter = createReporter(output, command);
    return await runCommand(command, io, reporter, progress);
  } catch (error) {
    const failure = describeFailure(io.signal.aborted ? new InterruptedError() : error, {
      argv,
      answeredBy: command?.mock ? "mock" : command?.baseUrl ? "server" : "graph",
      state: progress.state,
      timeoutMs: command && getTimeoutMs(command),
    });
    // A command line that could not be read gets JSON if it asked for it.
    reporter ??= createReporter(output, { command: "get", json: argv.includes("--json"), verbose: false });
    reporter.failure(failure);
    return failure.exit;
  } finally {
    reporter?.close();
  }
}
