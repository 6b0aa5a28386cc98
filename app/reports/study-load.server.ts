import { Prisma, type PrismaClient } from "@prisma/client";

import { dialectOf } from "~/db/dialect.server";
import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import type { OrganisationScope } from "~/auth/scope.server";

import { rollupWhere } from "./report-query.server";
import type { ReportFilter } from "./filter";
import { spreadOf, type Spread } from "./study-load";

/**
 * Study load per module against what the module states: measured active reading time
 * (heartbeats, app/learning/activity.server.ts) and the minutes learners reported when they
 * submitted the assessment that completed the module. Only completed learners count.
 */

export interface StudyLoadRow {
  moduleId: string;
  title: string;
  statedMinutes: number;
  /** Learners with a value; the spread is null below five. */
  measured: { n: number; spread: Spread | null };
  reported: { n: number; spread: Spread | null };
}

interface LearnerValues {
  moduleId: string;
  activeSeconds: number | bigint | null;
  reportedMinutes: number | bigint | null;
}

function summarise(
  modules: Array<{ id: string; minutes: number; title: string }>,
  values: LearnerValues[],
): StudyLoadRow[] {
  return modules.flatMap((module) => {
    const own = values.filter((value) => value.moduleId === module.id);
    if (own.length === 0) return [];
    const measured = own.flatMap((value) => (value.activeSeconds === null ? [] : [Number(value.activeSeconds) / 60]));
    const reported = own.flatMap((value) => (value.reportedMinutes === null ? [] : [Number(value.reportedMinutes)]));
    return [
      {
        moduleId: module.id,
        title: module.title,
        statedMinutes: module.minutes,
        measured: { n: measured.length, spread: spreadOf(measured) },
        reported: { n: reported.length, spread: spreadOf(reported) },
      },
    ];
  });
}

async function modulesWithTitles(db: PrismaClient, ids: string[] | null, locale: Locale) {
  const modules = await db.module.findMany({
    where: ids === null ? {} : { id: { in: ids } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      minutes: true,
      locales: { where: { locale: { in: [locale, DEFAULT_LOCALE] } }, select: { locale: true, title: true } },
    },
  });
  return modules.map((module) => ({
    id: module.id,
    minutes: module.minutes,
    title: (module.locales.find((row) => row.locale === locale) ?? module.locales[0])?.title ?? module.id,
  }));
}

/**
 * The dashboard's view: cohort learners inside the viewer's scope and filter (completion month
 * for the period), each learner counted once per module even when they are in two cohorts.
 */
export async function getStudyLoad(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  opts: { locale: Locale },
): Promise<StudyLoadRow[]> {
  const where = rollupWhere(scope, filter, { period: true });
  const values = await db.$queryRaw<LearnerValues[]>`
    SELECT r."moduleId" AS "moduleId", max(r."activeSeconds") AS "activeSeconds", max(r."reportedMinutes") AS "reportedMinutes"
     FROM (
       SELECT f."userId", f."cohortId", f."moduleId", f."activeSeconds", f."reportedMinutes", c."organisationId",
         ${dialectOf(db).amsterdamMonth(Prisma.sql`f."completedAt"`)} AS "month"
       FROM "ReportFact" f JOIN "Cohort" c ON c."id" = f."cohortId"
       WHERE f."completedAt" IS NOT NULL
     ) r
     WHERE ${where}
     GROUP BY r."moduleId", r."userId"`;
  const ids = [...new Set(values.map((value) => value.moduleId))];
  return summarise(await modulesWithTitles(db, ids, opts.locale), values);
}

/** The accreditation page's view: every learner who completed the module, in a cohort or not. */
export async function getModuleStudyLoad(
  db: PrismaClient,
  { moduleId, locale }: { moduleId: string; locale: Locale },
): Promise<StudyLoadRow | null> {
  const values = await db.$queryRaw<LearnerValues[]>`
    SELECT mc."moduleId" AS "moduleId",
       CASE WHEN m."kind" <> 'scorm' THEN (SELECT coalesce(sum(lp."activeSeconds"), 0) FROM "LessonProgress" lp
        JOIN "Lesson" l ON l."id" = lp."lessonId" WHERE lp."userId" = mc."userId" AND l."moduleId" = mc."moduleId") END AS "activeSeconds",
       (SELECT a."reportedMinutes" FROM "AssessmentAttempt" a WHERE a."id" = mc."attemptId") AS "reportedMinutes"
     FROM "ModuleCompletion" mc JOIN "Module" m ON m."id" = mc."moduleId" WHERE mc."moduleId" = ${moduleId}`;
  const modules = await modulesWithTitles(db, [moduleId], locale);
  if (modules.length === 0) return null;
  const [row] = summarise(modules, values);
  const module = modules[0]!;
  return (
    row ?? {
      moduleId,
      title: module.title,
      statedMinutes: module.minutes,
      measured: { n: 0, spread: null },
      reported: { n: 0, spread: null },
    }
  );
}
