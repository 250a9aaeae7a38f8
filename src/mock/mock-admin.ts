import type { GraphLroHandlers } from "./handlers.ts";

/** Where the mock's own routes live: outside every Graph root, so that no Graph path can collide. */
export const ADMIN_PREFIX = "/_mock/";

/**
 * The mock's own routes over HTTP: `POST /_mock/reset` starts every story over (204), and
 * `GET /_mock/coverage` answers `handlers.coverage()` as JSON.
 */
export function adminResponse(method: string, pathname: string, handlers: GraphLroHandlers): Response {
  const routes: Record<string, { method: string; answer: () => Response }> = {
    [`${ADMIN_PREFIX}reset`]: {
      method: "POST",
      answer: () => {
        handlers.reset();
        return new Response(null, { status: 204 });
      },
    },
    [`${ADMIN_PREFIX}coverage`]: { method: "GET", answer: () => Response.json(handlers.coverage()) },
  };
  const route = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
  if (!route) return adminError(404, "NotFound", `the mock's routes are ${Object.keys(routes).join(" and ")}`);
  if (method !== route.method) {
    return adminError(405, "MethodNotAllowed", `${pathname} takes ${route.method}`, { Allow: route.method });
  }
  return route.answer();
}

function adminError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message: `graph-lro mock: ${message}` } }, { status, headers });
}
