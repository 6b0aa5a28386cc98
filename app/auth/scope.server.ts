import type { PrismaClient } from "@prisma/client";

import { userHasPermission } from "./permissions";
import type { Role } from "~/domain/constants";

/**
 * Which organisations a user may see in reports, cohorts and trainer lists.
 * `all`: administrators and SWAD-wide trainers. `organisations`: a trainer's appointed
 * organisations (possibly none). A learner has no organisation scope at all (null).
 * Every report, export and cohort query takes a scope and filters by it in SQL, so no URL or
 * query parameter can widen what a trainer sees.
 */
export type OrganisationScope = { kind: "all" } | { kind: "organisations"; organisationIds: string[] };

export interface ScopeViewer {
  id: string;
  role: Role;
}

export async function organisationScopeFor(db: PrismaClient, viewer: ScopeViewer): Promise<OrganisationScope | null> {
  if (userHasPermission(viewer, "read:report:any")) return { kind: "all" };
  if (!userHasPermission(viewer, "read:report:own")) return null;
  const user = await db.user.findUnique({
    where: { id: viewer.id },
    select: {
      allOrganisations: true,
      trainerFor: { select: { organisationId: true }, orderBy: { organisationId: "asc" } },
    },
  });
  if (!user) return null;
  if (user.allOrganisations) return { kind: "all" };
  return { kind: "organisations", organisationIds: user.trainerFor.map((t) => t.organisationId) };
}

export function scopeIncludes(scope: OrganisationScope, organisationId: string): boolean {
  return scope.kind === "all" || scope.organisationIds.includes(organisationId);
}

/** A Prisma `where` fragment on an organisationId column for the scope. */
export function organisationIdFilter(scope: OrganisationScope): { in: string[] } | undefined {
  return scope.kind === "all" ? undefined : { in: scope.organisationIds };
}
