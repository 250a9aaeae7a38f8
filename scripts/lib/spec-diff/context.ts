// What the comparisons of one operation share: no state outside it, so operations cannot see each other's.
import type { Node } from "../openapi.ts";
import type { Reporter } from "./changes.ts";

/** Whether a schema is read from a client's side as something it sends (request) or reads (response). */
export type Direction = "request" | "response";

/** Comparing one operation (or the document's top level): both documents, and where its changes go. */
export interface DiffContext {
  oldDoc: Node;
  newDoc: Node;
  report: Reporter;
  /** Schema pairs this operation has compared, per direction: recursive schemas end here. */
  seen: Set<string>;
}

/** A DiffContext for the schemas of one direction. */
export interface SchemaContext extends DiffContext {
  direction: Direction;
}
