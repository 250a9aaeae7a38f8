import { spec } from "../../generated/graph-lro.spec.ts";
import { GUEST_UPN } from "./mock-client.ts";

/** Ids that break naive URL building or routing; each must reach the handler unchanged. */
export const HOSTILE_IDS = [
  GUEST_UPN,
  // An alert refresh id, with its `:` (requests.test.ts keeps one literal).
  spec.components.examples.alertRefreshRunning.value.id,
  "alice@contoso.com",
  "with space",
  "100%",
  "%41 is not A",
  "ünïcødé-✓-日本",
  "ends-with-id",
  "longRunningOperation-id",
  "a/b",
  "q?x=1&y",
  "#fragment",
  "'quoted'",
  "+plus+",
  "../x",
  "...",
  " ",
  "$x@contoso.com",
  "Ünïcødé-💥",
] as const;
