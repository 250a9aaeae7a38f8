/**
 * The names of OData's select option that Graph beta takes: `$select`, and `select` ("on the beta endpoint, the
 * `$` prefix is optional"), exactly; Graph documents no other case, so `$Select` is another option to the
 * client as to the mock. The one home of these spellings (docs/decisions/0024d-errors-in-one-room.md).
 */
export const SELECT_OPTION = /^\$?select$/;
