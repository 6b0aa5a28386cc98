import type { Role } from "~/domain/constants";

import { userHasPermission, userHasRole, type Permission } from "./permissions";
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

/** Exact role match; pass a list to allow several (e.g. ["trainer", "admin"]). */
export async function requireUserWithRole(request: Request, role: Role | readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!userHasRole(user, role)) throw forbidden();
  return user;
}
