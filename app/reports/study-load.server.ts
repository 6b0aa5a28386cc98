import { Prisma, type PrismaClient } from "@prisma/client";

import { dialectOf } from "~/db/dialect.server";
import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import type { OrganisationScope } from "~/auth/scope.server";

import { rollupWhere } from "./report-query.server";
import type { ReportFilter } from "./filter";
import { STUDY_LOAD_MIN_GROUP, spreadOf, type Spread } from "./study-load";

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
/** One value at a rank of a module's sorted values (0-based), with how many values there are. */
interface RankedValue {
  moduleId: string;
  measure: "measured" | "reported" | "learners";
  rank: number | bigint | null;
  n: number | bigint | null;
  value: number | bigint | null;
}

/**
 * Median and quartiles from the values at the ranks the interpolation needs (spreadOf's method,
 * type 7): floor((n - 1) p) and the rank after it, for p = 1/4, 1/2 and 3/4.
 */
function spreadFromRanks(n: number, values: Map<number, number>, scale: number): Spread | null {
  if (n < STUDY_LOAD_MIN_GROUP) return null;
  const quantile = (p: number) => {
    const position = (n - 1) * p;
    const below = Math.floor(position);
    const low = values.get(below) ?? 0;
    const high = position > below ? (values.get(below + 1) ?? low) : low;
    return (low + (high - low) * (position - below)) / scale;
  };
  return { n, median: quantile(0.5), q1: quantile(0.25), q3: quantile(0.75) };
}

/**
 * The dashboard's view: cohort learners inside the viewer's scope and filter (completion month
 * for the period), each learner counted once per module even when they are in two cohorts.
 * The database ranks the values and returns only the few each quartile needs: at full size a
 * module has tens of thousands of learners, and sending every value to the process cost seconds.
 */
export async function getStudyLoad(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  opts: { locale: Locale },
): Promise<StudyLoadRow[]> {
  const where = rollupWhere(scope, filter, { period: true });
  // (n - 1) / 4 and friends are integer divisions (floor) on SQLite and PostgreSQL alike.
  const rows = await db.$queryRaw<RankedValue[]>`
    WITH learner AS (
       SELECT r."moduleId" AS "moduleId", max(r."activeSeconds") AS "activeSeconds", max(r."reportedMinutes") AS "reportedMinutes"
       FROM (
         SELECT f."userId", f."cohortId", f."moduleId", f."activeSeconds", f."reportedMinutes", c."organisationId",
           ${dialectOf(db).amsterdamMonth(Prisma.sql`f."completedAt"`)} AS "month"
         FROM "ReportFact" f JOIN "Cohort" c ON c."id" = f."cohortId"
         WHERE f."completedAt" IS NOT NULL
       ) r
       WHERE ${where}
       GROUP BY r."moduleId", r."userId"
     ),
     ranked AS (
       SELECT "moduleId", 'measured' AS "measure", "activeSeconds" AS "value",
         row_number() OVER (PARTITION BY "moduleId" ORDER BY "activeSeconds") - 1 AS "rank",
         count(*) OVER (PARTITION BY "moduleId") AS "n"
       FROM learner WHERE "activeSeconds" IS NOT NULL
       UNION ALL
       SELECT "moduleId", 'reported' AS "measure", "reportedMinutes" AS "value",
         row_number() OVER (PARTITION BY "moduleId" ORDER BY "reportedMinutes") - 1 AS "rank",
         count(*) OVER (PARTITION BY "moduleId") AS "n"
       FROM learner WHERE "reportedMinutes" IS NOT NULL
     )
     SELECT q."moduleId" AS "moduleId", q."measure" AS "measure", q."rank" AS "rank", q."n" AS "n", q."value" AS "value"
     FROM ranked q
     WHERE q."rank" IN ((q."n" - 1) / 4, (q."n" - 1) / 4 + 1, (q."n" - 1) / 2, (q."n" - 1) / 2 + 1,
       (3 * (q."n" - 1)) / 4, (3 * (q."n" - 1)) / 4 + 1)
     UNION ALL
     SELECT DISTINCT l."moduleId" AS "moduleId", 'learners' AS "measure",
       CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) FROM learner l`;
  const perModule = new Map<string, Record<"measured" | "reported", { n: number; values: Map<number, number> }>>();
  const ofModule = (moduleId: string) => {
    let figures = perModule.get(moduleId);
    if (!figures) {
      figures = { measured: { n: 0, values: new Map() }, reported: { n: 0, values: new Map() } };
      perModule.set(moduleId, figures);
    }
    return figures;
  };
  for (const row of rows) {
    const figures = ofModule(row.moduleId);
    if (row.measure === "learners") continue;
    const measure = figures[row.measure];
    measure.n = Number(row.n);
    measure.values.set(Number(row.rank), Number(row.value));
  }
  const modules = await modulesWithTitles(db, [...perModule.keys()], opts.locale);
  return modules.flatMap((module) => {
    const figures = perModule.get(module.id);
    if (!figures) return [];
    return [
      {
        moduleId: module.id,
        title: module.title,
        statedMinutes: module.minutes,
        // Measured seconds are shown in minutes.
        measured: { n: figures.measured.n, spread: spreadFromRanks(figures.measured.n, figures.measured.values, 60) },
        reported: { n: figures.reported.n, spread: spreadFromRanks(figures.reported.n, figures.reported.values, 1) },
      },
    ];
  });
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
