import type { PrismaClient } from "@prisma/client";

import type { Locale } from "~/domain/constants";
import type { OrganisationScope } from "~/auth/scope.server";

import { cohortInScope } from "./cohorts.server";
import { isModuleOverdue } from "./deadline";
import { MODULE_TITLE_SELECT, moduleTitle, type ModuleTitle } from "./module-titles.server";

/**
 * Where learners stand in a cohort's modules: per learner for the trainer's cohort page (from
 * the report facts), and per cohort for the learner's own "Mijn leren" (from the learning tables).
 */

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
