import { requireUserWithPermission } from "~/auth/permissions.server";
import type { SessionUser } from "~/auth/user";
import { prisma } from "~/db/client.server";

import { organisationScopeFor, type OrganisationScope } from "~/auth/scope.server";

/**
 * For the cohort pages: the signed-in user who may manage cohorts, with the organisations they
 * may manage them for (administrators and SWAD-wide trainers: all).
 */
export async function requireCohortManager(request: Request): Promise<{ user: SessionUser; scope: OrganisationScope }> {
  const user = await requireUserWithPermission(request, "manage:cohorts:own");
  const scope = await organisationScopeFor(prisma, user);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  return { user, scope };
}

/** Unknown ids and ids outside the viewer's scope get the same answer, so neither is confirmed. */
export function cohortNotFound(): Response {
  return new Response("Not found", { status: 404 });
}
