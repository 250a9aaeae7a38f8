import { mapPathParameters } from "../src/openapi/paths.ts";

// Kiota's URL templates: how its generator writes one from an OpenAPI path, and the ones Microsoft's beta SDK has.

/**
 * The URL template Kiota generates for an OpenAPI path (no query): `{+baseurl}`, then the path with each
 * parameter's name escaped as an RFC 6570 variable name must be (`-` as `%2D`, `.` as `%2E`, as in
 * `{user%2Did}`); its values are percent-encoded when the template is expanded.
 */
export function kiotaPathTemplate(path: string): string {
  return `{+baseurl}${mapPathParameters(path, (raw) => `{${kiotaVariable(raw)}}`)}`;
}

/** A parameter's name as a Kiota template and its `pathParameters` write it: `user-id` as `user%2Did`. */
export function kiotaVariable(name: string): string {
  return encodeURIComponent(name).replace(/[-.~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The path a template names, for comparing it with the spec's: no base URL, no query, names unescaped. */
export function templatePath(template: string): string {
  const path = template.replace("{+baseurl}", "").replace(/\{\?[^}]*\}$/, "");
  return mapPathParameters(path, (name) => `{${decodeURIComponent(name)}}`);
}

/**
 * The starts' URL templates in Microsoft's Kiota beta SDK, by the spec's operationId (msgraph-beta-sdk-go
 * `users/item_authentication_methods_item_reset_password_request_builder.go`,
 * `identitygovernance/role_management_alerts_alerts_item_refresh_request_builder.go`,
 * `identitygovernance/role_management_alerts_alerts_refresh_request_builder.go`). The harness sends each start
 * with the template Kiota makes of the spec's path, and checks it against Microsoft's where one is recorded here.
 */
export const MICROSOFT_START_TEMPLATES: Readonly<Record<string, string>> = {
  "users.user.authentication.methods.authenticationMethod.resetPassword":
    "{+baseurl}/users/{user%2Did}/authentication/methods/{authenticationMethod%2Did}/resetPassword",
  "identityGovernance.roleManagementAlerts.alerts.unifiedRoleManagementAlert.refresh":
    "{+baseurl}/identityGovernance/roleManagementAlerts/alerts/{unifiedRoleManagementAlert%2Did}/refresh",
  "identityGovernance.roleManagementAlerts.alerts.refresh":
    "{+baseurl}/identityGovernance/roleManagementAlerts/alerts/refresh",
};
