import fc from "fast-check";

/**
 * Any JSON value, its keys drawn to include `__proto__` and the other special names often, not once in a blue
 * moon; `parts` are drawn among the values too (a part long enough to be shared, say).
 */
export const jsonData = (...parts: unknown[]): fc.Arbitrary<unknown> => {
  const key = fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "prototype", ""));
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.jsonValue({ maxDepth: 0 }),
      ...parts.map((part) => fc.constant(part)),
      fc.array(tie("value")),
      fc.dictionary(key, tie("value")),
    ),
  })).value;
};
