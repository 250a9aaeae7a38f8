import { GUEST_UPN } from "./mock-client.ts";

/** Ids that break naive URL building or routing; each must reach the handler unchanged. */
export const HOSTILE_IDS = [
  GUEST_UPN,
  "refresh:DirectoryRole_19356be4-7e93-4ed6-a7c6-0ae28454d125_StaleSignInAlert",
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
