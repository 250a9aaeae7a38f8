/** A generation failure whose message names the file (spec, config or output) and where in it. */
export class GenerateError extends Error {
  override name = "GenerateError";
}

/** A spec refused before any tool reads it (an alias bomb, a `$ref` leaving its folder); the message names why. */
export class UnsafeSpecError extends Error {
  override name = "UnsafeSpecError";
}
