import { Prisma, type PrismaClient } from "@prisma/client";

import type { Locale } from "~/domain/constants";
import type { LearningEvents } from "~/domain/learning-events";
import type { OrganisationScope } from "~/auth/scope.server";
import { dialectOf } from "~/db/dialect.server";

import { auditCohort, COHORT_AUDIT, cohortInScope } from "./cohorts.server";
import { joinNeedsDeadlineConfirmation } from "./deadline";
import { normaliseJoinCode } from "./join-code";
import { MODULE_TITLE_SELECT, moduleTitle, type ModuleTitle } from "./module-titles.server";

/**
 * Who is in a cohort: joining with its code (and what a code stands for), and a trainer taking a
 * learner out. Both record a learning event, so the cohort's reports follow.
 */

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
    await auditCohort(tx, actorId, COHORT_AUDIT.learnerRemoved, { cohortId, userId });
    return { value: null, event: { type: "cohortLeft", userId, cohortId } as const };
  });
  return refused ? { ok: false, error: refused } : { ok: true };
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
  // SQLite compares case-sensitively and Prisma has no insensitive mode for it; organisation codes
  // are ASCII, which both dialects fold.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Organisation" WHERE ${dialectOf(db).equalsIgnoringCase(Prisma.sql`"joinCode"`, legacy)} LIMIT 1`;
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
  { ok: true; alreadyMember: boolean } | { ok: false; error: "not_found" | "closed" | "deadline_passed" };

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
    await auditCohort(tx, userId, COHORT_AUDIT.joined, { cohortId, organisationId: cohort.organisationId });
    return {
      value: { ok: true, alreadyMember: false } as JoinResult,
      event: { type: "cohortJoined", userId, cohortId } as const,
    };
  });
  return value;
}
