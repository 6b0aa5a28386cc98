import { randomBytes } from "node:crypto";

import { Prisma, type PrismaClient } from "@prisma/client";

import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";
import type { LearningEvents } from "~/domain/learning-events";
import type { MessageKey } from "~/i18n";
import { pickLocale } from "~/learning/catalogue.server";

import { deadlineFromDay, isCohortOverdue, isModuleOverdue, joinNeedsDeadlineConfirmation } from "./deadline";
import { JOIN_CODE_BYTES, joinCodeFromBytes, normaliseJoinCode } from "./join-code";
import type { CohortInput } from "./schemas";
import { organisationIdFilter, scopeIncludes, type OrganisationScope } from "~/auth/scope.server";

/**
 * Cohorts: a group of one organisation's learners following selected modules. Trainers manage
 * the cohorts of the organisations in their scope; any cohort outside it is reported as not found,
 * so its id is never confirmed. Learners join with the cohort's code.
 */

export const COHORT_AUDIT = {
  created: "cohort.created",
  closed: "cohort.closed",
  reopened: "cohort.reopened",
  learnerRemoved: "cohort.learner_removed",
  joined: "cohort.joined",
} as const;

function audit(db: Prisma.TransactionClient, actorId: string, action: string, details: Record<string, unknown>) {
  return db.auditLog.create({ data: { userId: actorId, action, details: JSON.stringify(details) } });
}

export function newJoinCode(): string {
  return joinCodeFromBytes(randomBytes(JOIN_CODE_BYTES));
}

function isJoinCodeCollision(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const target = (error.meta as { target?: unknown } | undefined)?.target;
  // The driver adapter does not always name the index; joinCode is the only unique column written.
  return target === undefined || JSON.stringify(target).includes("joinCode");
}

interface ModuleTitleRow {
  id: string;
  locales: { locale: string; title: string }[];
}

export interface ModuleTitle {
  id: string;
  title: string;
  locale: Locale;
}

function moduleTitle(module: ModuleTitleRow, locale: Locale): ModuleTitle {
  const chosen = pickLocale(module.locales, locale);
  return {
    id: module.id,
    title: chosen?.title ?? module.id,
    locale: isLocale(chosen?.locale) ? chosen.locale : DEFAULT_LOCALE,
  };
}

const MODULE_TITLE_SELECT = { id: true, locales: { select: { locale: true, title: true } } } as const;

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
        await audit(tx, actorId, COHORT_AUDIT.created, {
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

function cohortInScope(scope: OrganisationScope, id: string): Prisma.CohortWhereInput {
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
    await audit(tx, actorId, closed ? COHORT_AUDIT.closed : COHORT_AUDIT.reopened, { cohortId });
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

/**
 * Takes a learner out of a cohort. Their own progress and certificates stay theirs; only the
 * membership goes, and the cohort's report figures are rebuilt without them.
 */
export async function removeLearner(
  db: PrismaClient,
  {
    scope,
    actorId,
    cohortId,
    userId,
    events,
    now,
  }: { scope: OrganisationScope; actorId: string; cohortId: string; userId: string; events: LearningEvents; now: Date },
): Promise<{ ok: true } | { ok: false; error: "not_found" | "not_member" }> {
  const { value: refused } = await events.record(db, now, async (tx) => {
    const cohort = await tx.cohort.findFirst({ where: cohortInScope(scope, cohortId), select: { id: true } });
    if (!cohort) return { value: "not_found" as const, event: null };
    const { count } = await tx.cohortMember.deleteMany({ where: { cohortId, userId } });
    if (count === 0) return { value: "not_member" as const, event: null };
    await audit(tx, actorId, COHORT_AUDIT.learnerRemoved, { cohortId, userId });
    return { value: null, event: { type: "cohortLeft", userId, cohortId } as const };
  });
  return refused ? { ok: false, error: refused } : { ok: true };
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

export type ModuleStatus = "not_started" | "started" | "completed";

export interface CohortLearnerRow {
  userId: string;
  name: string;
  joinedAt: Date;
  modules: { moduleId: string; status: ModuleStatus; bestPercent: number | null }[];
}

export interface CohortDetail {
  id: string;
  name: string;
  organisation: { id: string; name: string; sector: string };
  joinCode: string;
  deadline: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  modules: ModuleTitle[];
  learners: CohortLearnerRow[];
}

/**
 * A cohort with its learners' names and their status per module (from the report facts), or
 * null when it does not exist or lies outside the viewer's scope.
 */
export async function getCohortDetail(
  db: PrismaClient,
  scope: OrganisationScope,
  id: string,
  { locale }: { locale: Locale },
): Promise<CohortDetail | null> {
  const cohort = await db.cohort.findFirst({
    where: cohortInScope(scope, id),
    select: {
      id: true,
      name: true,
      joinCode: true,
      deadline: true,
      closedAt: true,
      createdAt: true,
      organisation: { select: { id: true, name: true, sector: true } },
      modules: { orderBy: { position: "asc" }, select: { module: { select: MODULE_TITLE_SELECT } } },
      members: {
        orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
        select: { userId: true, joinedAt: true, user: { select: { name: true } } },
      },
    },
  });
  if (!cohort) return null;
  const facts = await db.reportFact.findMany({
    where: { cohortId: cohort.id },
    select: { userId: true, moduleId: true, startedAt: true, completedAt: true, bestPercent: true },
  });
  const factOf = new Map(facts.map((f) => [`${f.userId}/${f.moduleId}`, f]));
  const modules = cohort.modules.map((m) => moduleTitle(m.module, locale));
  return {
    id: cohort.id,
    name: cohort.name,
    organisation: cohort.organisation,
    joinCode: cohort.joinCode,
    deadline: cohort.deadline,
    closedAt: cohort.closedAt,
    createdAt: cohort.createdAt,
    modules,
    learners: cohort.members.map((member) => ({
      userId: member.userId,
      name: member.user.name,
      joinedAt: member.joinedAt,
      modules: modules.map((module) => {
        const fact = factOf.get(`${member.userId}/${module.id}`);
        const status: ModuleStatus = fact?.completedAt ? "completed" : fact?.startedAt ? "started" : "not_started";
        return { moduleId: module.id, status, bestPercent: fact?.bestPercent ?? null };
      }),
    })),
  };
}

// --- Joining -----------------------------------------------------------------------------------

/**
 * What a code typed at sign-up or on the join page stands for: a cohort (its code, tolerant of
 * case, dashes and look-alikes) or, for codes handed out before cohorts existed, an
 * organisation's own join code (compared case-insensitively).
 */
export type JoinTarget =
  | { kind: "cohort"; cohortId: string; joinCode: string; organisationId: string; closed: boolean }
  | { kind: "organisation"; organisationId: string };

export async function resolveJoinCode(
  db: PrismaClient | Prisma.TransactionClient,
  input: string,
): Promise<JoinTarget | null> {
  const code = normaliseJoinCode(input);
  if (code) {
    const cohort = await db.cohort.findUnique({
      where: { joinCode: code },
      select: { id: true, joinCode: true, organisationId: true, closedAt: true },
    });
    if (cohort)
      return {
        kind: "cohort",
        cohortId: cohort.id,
        joinCode: cohort.joinCode,
        organisationId: cohort.organisationId,
        closed: cohort.closedAt !== null,
      };
  }
  const legacy = input.trim();
  if (!legacy || legacy.length > 64) return null;
  // SQLite compares case-sensitively and Prisma has no insensitive mode for it; NOCASE folds ASCII,
  // which is what organisation codes are made of.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Organisation" WHERE "joinCode" = ${legacy} COLLATE NOCASE LIMIT 1`;
  return rows[0] ? { kind: "organisation", organisationId: rows[0].id } : null;
}

export interface JoinPageCohort {
  id: string;
  name: string;
  joinCode: string;
  organisation: string;
  deadline: Date | null;
  closed: boolean;
  modules: ModuleTitle[];
}

/** The cohort a join link names, for the join page (no member names: anyone with the code sees it). */
export async function findCohortByCode(
  db: PrismaClient,
  input: string,
  { locale }: { locale: Locale },
): Promise<JoinPageCohort | null> {
  const code = normaliseJoinCode(input);
  if (!code) return null;
  const cohort = await db.cohort.findUnique({
    where: { joinCode: code },
    select: {
      id: true,
      name: true,
      joinCode: true,
      deadline: true,
      closedAt: true,
      organisation: { select: { name: true } },
      modules: { orderBy: { position: "asc" }, select: { module: { select: MODULE_TITLE_SELECT } } },
    },
  });
  if (!cohort) return null;
  return {
    id: cohort.id,
    name: cohort.name,
    joinCode: cohort.joinCode,
    organisation: cohort.organisation.name,
    deadline: cohort.deadline,
    closed: cohort.closedAt !== null,
    modules: cohort.modules.map((m) => moduleTitle(m.module, locale)),
  };
}

export type JoinResult =
  | { ok: true; alreadyMember: boolean }
  | { ok: false; error: "not_found" | "closed" | "deadline_passed" };

/**
 * Makes the learner a member of the cohort and of its organisation. Joining twice changes
 * nothing; a closed cohort accepts nobody new. The join page passes `confirmedPastDeadline`: a
 * cohort whose deadline has passed is joined only after the learner confirmed they saw that (the
 * deadline then does not bind them, see deadlineAppliesTo). Sign-up with a code leaves it out.
 */
export async function joinCohort(
  db: PrismaClient,
  {
    userId,
    cohortId,
    events,
    now,
    confirmedPastDeadline,
  }: { userId: string; cohortId: string; events: LearningEvents; now: Date; confirmedPastDeadline?: boolean },
): Promise<JoinResult> {
  const { value } = await events.record(db, now, async (tx) => {
    const unchanged = (result: JoinResult) => ({ value: result, event: null });
    const cohort = await tx.cohort.findUnique({
      where: { id: cohortId },
      select: { organisationId: true, closedAt: true, deadline: true },
    });
    if (!cohort) return unchanged({ ok: false, error: "not_found" });
    const member = await tx.cohortMember.findUnique({
      where: { cohortId_userId: { cohortId, userId } },
      select: { userId: true },
    });
    if (member) return unchanged({ ok: true, alreadyMember: true });
    if (cohort.closedAt) return unchanged({ ok: false, error: "closed" });
    if (confirmedPastDeadline === false && joinNeedsDeadlineConfirmation(cohort.deadline, now))
      return unchanged({ ok: false, error: "deadline_passed" });
    await tx.cohortMember.create({ data: { cohortId, userId, joinedAt: now } });
    await tx.user.update({ where: { id: userId }, data: { organisationId: cohort.organisationId } });
    await audit(tx, userId, COHORT_AUDIT.joined, { cohortId, organisationId: cohort.organisationId });
    return {
      value: { ok: true, alreadyMember: false } as JoinResult,
      event: { type: "cohortJoined", userId, cohortId } as const,
    };
  });
  return value;
}

// --- A learner's own cohorts ("Mijn leren") -----------------------------------------------------

export interface MyCohortModule extends ModuleTitle {
  status: ModuleStatus;
  overdue: boolean;
}

export interface MyCohort {
  id: string;
  name: string;
  organisation: string;
  deadline: Date | null;
  modules: MyCohortModule[];
}

/** The learner's cohorts with their modules and the learner's status in each, read from the learning tables. */
export async function listMyCohorts(
  db: PrismaClient,
  { userId, locale, now }: { userId: string; locale: Locale; now: Date },
): Promise<MyCohort[]> {
  const memberships = await db.cohortMember.findMany({
    where: { userId },
    orderBy: [{ joinedAt: "desc" }, { cohortId: "asc" }],
    select: {
      joinedAt: true,
      cohort: {
        select: {
          id: true,
          name: true,
          deadline: true,
          organisation: { select: { name: true } },
          modules: { orderBy: { position: "asc" }, select: { module: { select: MODULE_TITLE_SELECT } } },
        },
      },
    },
  });
  if (memberships.length === 0) return [];
  const moduleIds = [...new Set(memberships.flatMap((m) => m.cohort.modules.map((cm) => cm.module.id)))];
  const [enrollments, completions] = await Promise.all([
    db.enrollment.findMany({ where: { userId, moduleId: { in: moduleIds } }, select: { moduleId: true } }),
    db.moduleCompletion.findMany({ where: { userId, moduleId: { in: moduleIds } }, select: { moduleId: true } }),
  ]);
  const started = new Set(enrollments.map((e) => e.moduleId));
  const completed = new Set(completions.map((c) => c.moduleId));
  return memberships.map(({ cohort, joinedAt }) => ({
    id: cohort.id,
    name: cohort.name,
    organisation: cohort.organisation.name,
    deadline: cohort.deadline,
    modules: cohort.modules.map(({ module }) => {
      const status: ModuleStatus = completed.has(module.id)
        ? "completed"
        : started.has(module.id)
          ? "started"
          : "not_started";
      return {
        ...moduleTitle(module, locale),
        status,
        overdue: isModuleOverdue({ deadline: cohort.deadline, joinedAt, completed: status === "completed", now }),
      };
    }),
  }));
}
