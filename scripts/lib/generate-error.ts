/** A generation failure whose message names the file (spec, config or output) and where in it. */
export class GenerateError extends Error {
  override name = "GenerateError";
}
