/** A spec refused before any tool reads it (an alias bomb, a `$ref` leaving its folder); the message names why. */
export class UnsafeSpecError extends Error {
  override name = "UnsafeSpecError";
}
