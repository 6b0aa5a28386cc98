import { userHasPermission, type Permission } from "./permissions";
import { requireUser } from "./session.server";
import type { SessionUser } from "./user";

/** 403, rendered by the route's ErrorBoundary; anonymous visitors are sent to log in first. */
function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export async function requireUserWithPermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!userHasPermission(user, permission)) throw forbidden();
  return user;
}
