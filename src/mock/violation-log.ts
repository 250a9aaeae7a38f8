import type { ContractViolationError } from "../errors/contract-violation-error.ts";
import { MAX_VIOLATIONS } from "./defaults.ts";

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
