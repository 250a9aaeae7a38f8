import { ContractViolationError } from "../errors/contract-violation-error.ts";
import { errorResponse, type MockResponse } from "./mock-response.ts";
import { readRequestToken } from "./request-headers.ts";
import type { SpecOperation } from "./spec-operations.ts";

/**
 * Graph's challenge on a 401 from the cloud whose login host is `login` (a server's `x-graph-lro-login`):
 * the global cloud's documented form (Graph's own application id as `client_id`), with that host.
 */
export function graphChallenge(login: string): string {
  return `Bearer realm="", authorization_uri="${login}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`;
}

/**
 * Graph's 401 messages (docs/decisions/0004-mock-strictness.md): no token at all, and a credential that is not
 * a Bearer token Graph can parse. The mock accepts any one-word Bearer token, so "Access token validation
 * failure." (a real token that fails validation) never occurs here.
 */
export const UNAUTHORIZED_MESSAGES = {
  missing: "Access token is empty.",
  invalid: "CompactToken parsing failed with error code: 80049217",
} as const;

/** What authorization decided: an error answer when the request may not pass, and what broke the spec. */
export interface AuthorizeResult {
  readonly response?: MockResponse;
  readonly violations: readonly ContractViolationError[];
}

/**
 * Step 2 of an answer: the operation's security. No usable token gets Graph's 401 (with its challenge),
 * and is a violation too (the spec requires the token); a token `scopes=A,B` without one of the
 * operation's scopes gets Graph's 403, which is a response the spec declares, so no violation.
 */
export function authorize(operation: SpecOperation, request: Request): AuthorizeResult {
  if (!operation.authRequired) return { violations: [] };
  const token = readRequestToken(request);
  if (token.kind !== "bearer") {
    const problem = token.kind === "missing" ? "is required by the operation's security" : "is not a Bearer token";
    // The header's value is never recorded: it may be a credential.
    const violation = new ContractViolationError(
      operation.operationId,
      "request header",
      "/Authorization",
      undefined,
      problem,
    );
    return { response: errorResponse(operation, 401, UNAUTHORIZED_MESSAGES[token.kind]), violations: [violation] };
  }
  if (token.scopes && !operation.scopes.some((scope) => token.scopes?.includes(scope))) {
    return { response: errorResponse(operation, 403), violations: [] };
  }
  return { violations: [] };
}
