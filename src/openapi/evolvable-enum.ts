// Microsoft Graph's evolvable enums: members listed after the sentinel `unknownFutureValue` are sent only to a
// request with `Prefer: include-unknown-enum-members`; any other request gets `unknownFutureValue` in their place.

/** The sentinel member of an evolvable enum. */
export const ENUM_SENTINEL = "unknownFutureValue";

/** The `Prefer` preference that asks Graph for the members after the sentinel. */
export const INCLUDE_UNKNOWN_ENUM_MEMBERS = "include-unknown-enum-members";

/** The members after the sentinel (none when the enum has no sentinel: it is not evolvable). */
export function membersAfterSentinel(members: readonly unknown[]): string[] {
  const at = members.indexOf(ENUM_SENTINEL);
  return at < 0 ? [] : members.slice(at + 1).map(String);
}
