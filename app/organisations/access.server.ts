import type { PrismaClient } from "@prisma/client";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { organisationScopeFor, type OrganisationScope } from "~/auth/scope.server";
import type { SessionUser } from "~/auth/user";

/**
 * For the cohort pages: the signed-in user who may manage cohorts, with the organisations they
 * may manage them for (administrators and SWAD-wide trainers: all).
 */
export async function requireCohortManager(
  db: PrismaClient,
  request: Request,
): Promise<{ user: SessionUser; scope: OrganisationScope }> {
  const user = await requireUserWithPermission(request, "manage:cohorts:own");
  const scope = await organisationScopeFor(db, user);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  return { user, scope };
}

/** Unknown ids and ids outside the viewer's scope get the same answer, so neither is confirmed. */
export function cohortNotFound(): Response {
  return new Response("Not found", { status: 404 });
}
