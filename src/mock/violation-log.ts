import type { ContractViolationError } from "./contract-violation-error.ts";

/** How many violations `handlers.violations` keeps: the most recent ones, so that a server never grows. */
export const MAX_VIOLATIONS = 100;

/** A bounded list of violations: `list` is the array users read, and stays the same array across `clear()`. */
export function createViolationLog(capacity = MAX_VIOLATIONS) {
  const list: ContractViolationError[] = [];
  return {
    list,
    add(violation: ContractViolationError): void {
      list.push(violation);
      if (list.length > capacity) list.splice(0, list.length - capacity);
    },
    clear(): void {
      list.length = 0;
    },
  };
}
