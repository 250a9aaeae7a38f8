import { METHODS, type Method } from "./methods.ts";

/**
 * What a spec's paths say, read one way for the generator, the mock, the client and the CLI: the
 * operations of a path item, the parameters a path template names, which of them names the
 * operation, and the parameters an operation takes.
 */

/** A path template's parameter: a name in braces (`{user-id}`), as OpenAPI writes it. */
const PARAMETER = /\{([^{}]+)\}/g;

/** The parameters a path template names, in the order it names them. */
export const pathParameterNames = (template: string): string[] =>
  [...template.matchAll(PARAMETER)].map((match) => match[1] as string);

/**
 * Graph's shape for these paths: the last parameter names the operation (`{longRunningOperation-id}`),
 * any before it its owner (`{user-id}`). Undefined for a path without parameters.
 */
export const idParameterOf = (template: string): string | undefined => pathParameterNames(template).at(-1);

/** The template with each parameter (`{name}`) replaced by what `replace` makes of its name, as it is. */
export const mapPathParameters = (template: string, replace: (name: string) => string): string =>
  template.replace(PARAMETER, (_, name: string) => replace(name));

/** The template with each parameter replaced by its value, percent-encoded. */
export const fillPath = (template: string, valueFor: (name: string) => string): string =>
  mapPathParameters(template, (name) => encodeURIComponent(valueFor(name)));

/** The operations of a path item (any object with method keys), in the specification's method order. */
export function operationsOf<Operation>(item: Partial<Record<Method, Operation>>): [Method, NonNullable<Operation>][] {
  const found: [Method, NonNullable<Operation>][] = [];
  for (const method of METHODS) {
    const operation = item[method];
    if (operation !== undefined && operation !== null) found.push([method, operation]);
  }
  return found;
}

/** A parameter as OpenAPI keys it: by location and name. */
interface Keyed {
  readonly in?: unknown;
  readonly name?: unknown;
}

/** An operation's parameters: the path item's, each overridden by the operation's own of the same location and name. */
export function mergeParameters<P extends Keyed>(pathLevel: readonly P[], operationLevel: readonly P[]): P[] {
  const key = (p: P) => `${p.in}:${p.name}`;
  const overridden = new Set(operationLevel.map(key));
  return [...pathLevel.filter((p) => !overridden.has(key(p))), ...operationLevel];
}
