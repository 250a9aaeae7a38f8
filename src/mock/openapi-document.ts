import type { Method } from "../openapi/methods.ts";

/** The parts of a bundled, dereferenced OpenAPI 3.1 document that the mock reads. */
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, PathItem>>;
  /** `x-graph-lro-login`: the cloud's login host, which a 401's challenge names. */
  readonly servers?: readonly { readonly url: string; readonly "x-graph-lro-login"?: string }[];
  /** The default security of operations that declare none. */
  readonly security?: readonly SecurityRequirement[];
}

/** Scheme name to scopes; any one requirement of a list satisfies it, and `{}` means none needed. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
  readonly example?: unknown;
}

export interface Header {
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

export interface Example {
  readonly value?: unknown;
}

export interface MediaType {
  readonly schema?: JsonSchema;
  readonly examples?: Readonly<Record<string, Example>>;
}

export interface Response {
  readonly headers?: Readonly<Record<string, Header>>;
  readonly content?: Readonly<Record<string, MediaType>>;
}

export interface Operation {
  readonly operationId?: string;
  readonly parameters?: readonly Parameter[];
  readonly responses: Readonly<Record<string, Response>>;
  readonly security?: readonly SecurityRequirement[];
  /** Graph's permission table; scopes that are higher-privileged than the security requirement. */
  readonly "x-ms-permissions"?: { readonly higherPrivileged?: readonly string[] };
}

export type PathItem = { readonly parameters?: readonly Parameter[] } & {
  readonly [M in Method]?: Operation;
};

/** The JSON media type of a spec response (`content["application/json"]`), the only one Graph's operations answer with. */
export function jsonContent(response: Response | undefined): MediaType | undefined {
  return response?.content?.["application/json"];
}
