import type { ContractViolationError } from "../errors/contract-violation-error.ts";

/** What the handlers noted about the answer to one request: for the fetch or server that asked, and its log. */
export interface ExchangeNote {
  readonly operationId: string;
  /** The story that answered, and which of its steps (1-based; the last one repeats). */
  readonly story?: { readonly name: string; readonly step: number; readonly steps: number };
  /** The spec example that answered, by name. */
  readonly example?: string;
  /** Contract violations of this request and its answer (strict mode). */
  readonly violations: ContractViolationError[];
}

// Keyed by the Request object that msw hands to the resolver, which is the one given to answerRequest:
// the note lives as long as the request, and no state grows with the number of requests.
const notes = new WeakMap<Request, ExchangeNote>();

/** Records what the handlers did with a request. */
export function setExchangeNote(request: Request, note: ExchangeNote): void {
  notes.set(request, note);
}

/** What the handlers did with a request, if one of graph-lro's handlers answered it. */
export function exchangeNote(request: Request): ExchangeNote | undefined {
  return notes.get(request);
}
