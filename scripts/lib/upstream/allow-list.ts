// The curated spec's list of deliberate differences from Microsoft's file (`x-graph-lro-upstream-allow`).
import { isNode, type Node } from "../openapi.ts";
import { DRIFT_KINDS, type Drift, type DriftKind } from "./compare.ts";

export const ALLOW_KEY = "x-graph-lro-upstream-allow";

export interface AllowEntry {
  kind: DriftKind;
  pointer: string;
  name?: string;
  reason: string;
}

/** Reads and checks the allow-list: every entry names what it allows (a known kind of drift) and why. */
export function readAllowList(curated: Node): AllowEntry[] {
  const raw = curated[ALLOW_KEY] ?? [];
  if (!Array.isArray(raw)) throw new Error(`${ALLOW_KEY} must be a list`);
  return raw.map((entry, i) => {
    const e = isNode(entry) ? entry : {};
    for (const key of ["kind", "pointer", "reason"]) {
      if (typeof e[key] !== "string" || e[key] === "") throw new Error(`${ALLOW_KEY}[${i}] needs a "${key}"`);
    }
    const kind = DRIFT_KINDS.find((k) => k === e.kind);
    if (!kind) throw new Error(`${ALLOW_KEY}[${i}]: unknown kind "${e.kind}" (one of ${DRIFT_KINDS.join(", ")})`);
    return {
      kind,
      pointer: String(e.pointer),
      reason: String(e.reason),
      ...(e.name !== undefined && { name: String(e.name) }),
    };
  });
}

/** Splits drift into new and allowed, and names allow entries that match nothing (stale, to be removed). */
export function applyAllowList(drifts: Drift[], allow: AllowEntry[]) {
  const matches = (d: Drift, a: AllowEntry) => d.kind === a.kind && d.pointer === a.pointer && a.name === d.name;
  return {
    drift: drifts.filter((d) => !allow.some((a) => matches(d, a))),
    allowed: drifts.filter((d) => allow.some((a) => matches(d, a))),
    unused: allow.filter((a) => !drifts.some((d) => matches(d, a))),
  };
}
