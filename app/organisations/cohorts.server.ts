import { randomBytes } from "node:crypto";

import type { Prisma, PrismaClient } from "@prisma/client";

import { writeAudit } from "~/db/audit.server";
import { isUniqueViolation } from "~/db/errors";
import type { Db } from "~/db/types";
import type { Locale } from "~/domain/constants";
import type { MessageKey } from "~/i18n";

import { deadlineFromDay, isCohortOverdue } from "./deadline";
import { JOIN_CODE_BYTES, joinCodeFromBytes } from "./join-code";
import { MODULE_TITLE_SELECT, moduleTitle, type ModuleTitle } from "./module-titles.server";
import type { CohortInput } from "./schemas";
import { organisationIdFilter, scopeIncludes, type OrganisationScope } from "~/auth/scope.server";
import { bumpReportGeneration } from "~/reports/report-cache.server";

/**
 * Cohorts: a group of one organisation's learners following selected modules. Trainers manage
 * the cohorts of the organisations in their scope; any cohort outside it is reported as not found,
 * so its id is never confirmed. This module creates, closes, reopens and lists them; joining and
 * leaving are in cohort-membership.server, learners' progress in cohort-progress.server.
 */

export const COHORT_AUDIT = {
  created: "cohort.created",
  closed: "cohort.closed",
  reopened: "cohort.reopened",
  learnerRemoved: "cohort.learner_removed",
  joined: "cohort.joined",
} as const;

export function auditCohort(db: Db, actorId: string, action: string, details: Record<string, unknown>) {
  return writeAudit(db, { actorId, action, details });
}

export function newJoinCode(): string {
  return joinCodeFromBytes(randomBytes(JOIN_CODE_BYTES));
}

// The driver adapter does not always name the index; joinCode is the only unique column written.
function isJoinCodeCollision(error: unknown): boolean {
  return isUniqueViolation(error, "joinCode");
}

/** The modules a cohort can be made for: every module that is not archived, in course order. */
export async function listCohortModuleChoices(db: PrismaClient, locale: Locale): Promise<ModuleTitle[]> {
  const modules = await db.module.findMany({
    where: { archived: false },
    orderBy: { position: "asc" },
    select: MODULE_TITLE_SELECT,
  });
  return modules.map((m) => moduleTitle(m, locale));
}

/** The organisations a viewer may make cohorts for. */
export async function listScopeOrganisations(
  db: PrismaClient,
  scope: OrganisationScope,
): Promise<{ id: string; name: string }[]> {
  return db.organisation.findMany({
    where: { id: organisationIdFilter(scope) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}

// --- Creating and changing cohorts -------------------------------------------------------------

export type CohortFieldErrors = Partial<Record<"organisationId" | "modules" | "deadline", MessageKey>>;

export type CreateCohortResult =
  { ok: true; id: string; joinCode: string } | { ok: false; fieldErrors: CohortFieldErrors };

/**
 * Creates a cohort for one of the viewer's organisations with a fresh join code. Everything the
 * form could have been tampered with is checked before anything is written: the organisation
 * must be in scope, each module must exist and not be archived, the deadline must be a real day
 * that has not passed.
 */
export async function createCohort(
  db: PrismaClient,
  { scope, actorId, input, now }: { scope: OrganisationScope; actorId: string; input: CohortInput; now: Date },
): Promise<CreateCohortResult> {
  const fieldErrors: CohortFieldErrors = {};
  const organisation = scopeIncludes(scope, input.organisationId)
    ? await db.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true } })
    : null;
  if (!organisation) fieldErrors.organisationId = "cohorts.organisationInvalid";
  const moduleIds = [...new Set(input.modules)];
  const found = await db.module.findMany({
    where: { id: { in: moduleIds }, archived: false },
    select: { id: true, position: true },
  });
  if (found.length !== moduleIds.length || moduleIds.length === 0) fieldErrors.modules = "cohorts.modulesInvalid";
  let deadline: Date | null = null;
  if (input.deadline) {
    deadline = deadlineFromDay(input.deadline);
    if (!deadline) fieldErrors.deadline = "cohorts.deadlineInvalid";
    else if (deadline < now) fieldErrors.deadline = "cohorts.deadlinePast";
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

  const ordered = found.sort((a, b) => a.position - b.position);
  for (let attempt = 0; ; attempt++) {
    const joinCode = newJoinCode();
    try {
      const cohort = await db.$transaction(async (tx) => {
        const created = await tx.cohort.create({
          data: {
            organisationId: input.organisationId,
            name: input.name,
            joinCode,
            deadline,
            createdById: actorId,
            createdAt: now,
            modules: { create: ordered.map((m, position) => ({ moduleId: m.id, position })) },
          },
          select: { id: true },
        });
        // The dashboard's cached filter choices list cohorts.
        await bumpReportGeneration(tx);
        await auditCohort(tx, actorId, COHORT_AUDIT.created, {
          cohortId: created.id,
          organisationId: input.organisationId,
          name: input.name,
          modules: ordered.map((m) => m.id),
          deadline: deadline?.toISOString() ?? null,
        });
        return created;
      });
      return { ok: true, id: cohort.id, joinCode };
    } catch (error) {
      // 40 random bits rarely collide; a few fresh draws settle it.
      if (attempt < 4 && isJoinCodeCollision(error)) continue;
      throw error;
    }
  }
}

export function cohortInScope(scope: OrganisationScope, id: string): Prisma.CohortWhereInput {
  return { id, organisationId: organisationIdFilter(scope) };
}

export type CohortChangeResult = { ok: true } | { ok: false; error: "not_found" };

async function setClosed(
  db: PrismaClient,
  {
    scope,
    actorId,
    cohortId,
    now,
    closed,
  }: { scope: OrganisationScope; actorId: string; cohortId: string; now: Date; closed: boolean },
): Promise<CohortChangeResult> {
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.findFirst({ where: cohortInScope(scope, cohortId), select: { closedAt: true } });
    if (!cohort) return { ok: false, error: "not_found" } as const;
    if ((cohort.closedAt !== null) === closed) return { ok: true } as const;
    await tx.cohort.update({ where: { id: cohortId }, data: { closedAt: closed ? now : null } });
    await auditCohort(tx, actorId, closed ? COHORT_AUDIT.closed : COHORT_AUDIT.reopened, { cohortId });
    return { ok: true } as const;
  });
}

/** A closed cohort keeps its members and reports but accepts no one new. */
export function closeCohort(
  db: PrismaClient,
  args: { scope: OrganisationScope; actorId: string; cohortId: string; now: Date },
) {
  return setClosed(db, { ...args, closed: true });
}

export function reopenCohort(
  db: PrismaClient,
  args: { scope: OrganisationScope; actorId: string; cohortId: string; now: Date },
) {
  return setClosed(db, { ...args, closed: false });
}

// --- Reading cohorts ---------------------------------------------------------------------------

export interface CohortListRow {
  id: string;
  name: string;
  organisation: string;
  modules: ModuleTitle[];
  members: number;
  deadline: Date | null;
  /** The deadline has passed (see isCohortOverdue). */
  overdue: boolean;
  closed: boolean;
}

export async function listCohorts(
  db: PrismaClient,
  scope: OrganisationScope,
  { locale, now }: { locale: Locale; now: Date },
): Promise<CohortListRow[]> {
  const rows = await db.cohort.findMany({
    where: { organisationId: organisationIdFilter(scope) },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      deadline: true,
      closedAt: true,
      organisation: { select: { name: true } },
      modules: { orderBy: { position: "asc" }, select: { module: { select: MODULE_TITLE_SELECT } } },
      _count: { select: { members: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    organisation: row.organisation.name,
    modules: row.modules.map((m) => moduleTitle(m.module, locale)),
    members: row._count.members,
    deadline: row.deadline,
    overdue: isCohortOverdue(row.deadline, now),
    closed: row.closedAt !== null,
  }));
}
