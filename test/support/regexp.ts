/** `text` as a regular expression that matches it literally (spec strings hold `.`, `{`, `(`…). */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
