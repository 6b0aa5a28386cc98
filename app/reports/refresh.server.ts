import { Prisma, type PrismaClient } from "@prisma/client";

import { dialectOf, type SqlDialect } from "~/db/dialect.server";
import type { Db } from "~/db/types";

import { BUMP_SQL, bumpReportGeneration } from "./report-cache.server";

/**
 * Keeps the report tables derived from the learning tables. ReportFact holds one row per cohort
 * member and cohort module; ReportRollup, ItemRollup and AttitudeRollup are rebuilt for a whole
 * (cohort, module) pair at a time from the facts and the raw answers, never adjusted by deltas,
 * so a refresh yields exactly what a full rebuild would. The incremental path and the full
 * rebuild run the same SQL, only over a different selection of pairs.
 */

/** Which (cohort, module) pairs a statement works on. */
type PairSelection = { kind: "pair"; cohortId: string; moduleId: string } | { kind: "cohorts"; cohortIds: string[] };

function selectionWhere(selection: PairSelection, cohortColumn: Prisma.Sql, moduleColumn: Prisma.Sql): Prisma.Sql {
  if (selection.kind === "pair") {
    return Prisma.sql`${cohortColumn} = ${selection.cohortId} AND ${moduleColumn} = ${selection.moduleId}`;
  }
  return Prisma.sql`${cohortColumn} IN (${Prisma.join(selection.cohortIds)})`;
}

const FACT_COLUMN_NAMES = [
  "cohortId",
  "userId",
  "moduleId",
  "joinedAt",
  "startedAt",
  "completedAt",
  "passedAt",
  "bestPercent",
  "attempts",
  "minutesToComplete",
  "activeSeconds",
  "reportedMinutes",
] as const;
const FACT_COLUMNS = Prisma.raw(FACT_COLUMN_NAMES.map((name) => `"${name}"`).join(", "));

/**
 * A learner's progress in each module of each of their cohorts, as ReportFact columns. Members
 * drive the join (the dialect's ordered join fixes the order in SQLite) so a single learner is
 * found through the CohortMember(userId) index; each attempt figure is a lookup on
 * (userId, moduleId, number).
 */
function factSelect(d: SqlDialect, where: Prisma.Sql): Prisma.Sql {
  const submitted = Prisma.sql`FROM "AssessmentAttempt" a WHERE a."userId" = cm."userId" AND a."moduleId" = cmod."moduleId" AND a."status" = 'submitted'`;
  return Prisma.sql`
    SELECT cm."cohortId" AS "cohortId", cm."userId" AS "userId", cmod."moduleId" AS "moduleId",
      ${d.instant(Prisma.sql`cm."joinedAt"`)} AS "joinedAt",
      ${d.instant(Prisma.sql`e."startedAt"`)} AS "startedAt",
      ${d.instant(Prisma.sql`mc."completedAt"`)} AS "completedAt",
      CASE WHEN m."hasAssessment" THEN (SELECT min(${d.instant(Prisma.sql`a."submittedAt"`)}) ${submitted} AND a."passed" = TRUE)
      ELSE ${d.instant(Prisma.sql`mc."completedAt"`)} END AS "passedAt",
      -- A SCORM package reports its own score: the one the module was completed with.
      CASE WHEN m."kind" = 'scorm' THEN mc."percent" ELSE (SELECT max(a."percent") ${submitted}) END AS "bestPercent",
      (SELECT count(*) ${submitted}) AS "attempts",
      CASE WHEN e."startedAt" IS NOT NULL AND mc."completedAt" IS NOT NULL
        THEN ${d.minutesBetween(Prisma.sql`e."startedAt"`, Prisma.sql`mc."completedAt"`)}
      END AS "minutesToComplete",
      -- Study load of a completed learner: measured reading time over the module's lessons, and
      -- the time reported with the attempt that completed it (a SCORM package has no lessons of ours).
      CASE WHEN mc."completedAt" IS NOT NULL AND m."kind" <> 'scorm' THEN (SELECT coalesce(sum(lp."activeSeconds"), 0)
        FROM "LessonProgress" lp JOIN "Lesson" l ON l."id" = lp."lessonId" WHERE lp."userId" = cm."userId" AND l."moduleId" = cmod."moduleId")
      END AS "activeSeconds",
      (SELECT a."reportedMinutes" FROM "AssessmentAttempt" a WHERE a."id" = mc."attemptId") AS "reportedMinutes"
    FROM "CohortMember" cm
    ${d.orderedJoin} "CohortModule" cmod ON cmod."cohortId" = cm."cohortId"
    ${d.orderedJoin} "Module" m ON m."id" = cmod."moduleId"
    LEFT JOIN "Enrollment" e ON e."userId" = cm."userId" AND e."moduleId" = cmod."moduleId"
    LEFT JOIN "ModuleCompletion" mc ON mc."userId" = cm."userId" AND mc."moduleId" = cmod."moduleId"
    WHERE ${where}`;
}

async function writeFacts(db: Db, selection: PairSelection): Promise<void> {
  const d = dialectOf(db);
  await db.$executeRaw`DELETE FROM "ReportFact" WHERE ${selectionWhere(selection, Prisma.sql`"cohortId"`, Prisma.sql`"moduleId"`)}`;
  const source = selectionWhere(selection, Prisma.sql`cm."cohortId"`, Prisma.sql`cmod."moduleId"`);
  await db.$executeRaw`INSERT INTO "ReportFact" (${FACT_COLUMNS}) ${factSelect(d, source)}`;
}

/** 1 when the condition holds, else 0: PostgreSQL sums no booleans. */
const oneIf = (condition: Prisma.Sql) => Prisma.sql`CASE WHEN ${condition} THEN 1 ELSE 0 END`;

/**
 * Funnel counts by join month and event counts by event month, from the pair's facts: one row
 * per month in which a learner joined, started, completed or passed.
 */
async function writeReportRollups(db: Db, selection: PairSelection): Promise<void> {
  const d = dialectOf(db);
  await db.$executeRaw`DELETE FROM "ReportRollup" WHERE ${selectionWhere(selection, Prisma.sql`"cohortId"`, Prisma.sql`"moduleId"`)}`;
  const facts = selectionWhere(selection, Prisma.sql`f."cohortId"`, Prisma.sql`f."moduleId"`);
  const events = (column: string, kind: number) => {
    const at = Prisma.raw(`f."${column}"`);
    return Prisma.sql`
    SELECT f."cohortId", f."moduleId", ${d.amsterdamMonth(at)} AS "month", ${Prisma.raw(String(kind))} AS "kind",
      0 AS "started", 0 AS "completed", 0 AS "passed", NULL AS "bestPercent", NULL AS "minutes"
    FROM "ReportFact" f WHERE ${facts} AND ${at} IS NOT NULL`;
  };
  await db.$executeRaw`INSERT INTO "ReportRollup" ("cohortId", "moduleId", "month", "organisationId", "enrolled", "started",
       "completed", "passed", "scored", "scoreSum", "durations", "startedInMonth", "completedInMonth", "passedInMonth")
     SELECT ev."cohortId", ev."moduleId", ev."month", c."organisationId",
       sum(${oneIf(Prisma.sql`ev."kind" = 0`)}), sum(ev."started"), sum(ev."completed"), sum(ev."passed"),
       count(ev."bestPercent"), coalesce(sum(ev."bestPercent"), 0),
       coalesce(${d.joinText(Prisma.sql`ev."minutes"`, ",", Prisma.sql`ev."minutes"`)}, ''),
       sum(${oneIf(Prisma.sql`ev."kind" = 1`)}), sum(${oneIf(Prisma.sql`ev."kind" = 2`)}), sum(${oneIf(Prisma.sql`ev."kind" = 3`)})
     FROM (
       SELECT f."cohortId", f."moduleId", ${d.amsterdamMonth(Prisma.sql`f."joinedAt"`)} AS "month", 0 AS "kind",
         ${oneIf(Prisma.sql`f."startedAt" IS NOT NULL`)} AS "started", ${oneIf(Prisma.sql`f."completedAt" IS NOT NULL`)} AS "completed",
         ${oneIf(Prisma.sql`f."passedAt" IS NOT NULL`)} AS "passed",
         f."bestPercent" AS "bestPercent", CASE WHEN f."completedAt" IS NOT NULL THEN f."minutesToComplete" END AS "minutes"
       FROM "ReportFact" f WHERE ${facts}
       UNION ALL ${events("startedAt", 1)}
       UNION ALL ${events("completedAt", 2)}
       UNION ALL ${events("passedAt", 3)}
     ) ev
     JOIN "Cohort" c ON c."id" = ev."cohortId"
     GROUP BY ev."cohortId", ev."moduleId", ev."month", c."organisationId"`;
}

/**
 * Every item of every submitted attempt of the pair's members, per question and join month:
 * times sat (a blank answer counts, scoring 0), fully correct, score sum, and how often each
 * authored option was chosen (an array as long as the question's options).
 */
async function writeItemRollups(db: Db, selection: PairSelection): Promise<void> {
  const d = dialectOf(db);
  await db.$executeRaw`DELETE FROM "ItemRollup" WHERE ${selectionWhere(selection, Prisma.sql`"cohortId"`, Prisma.sql`"moduleId"`)}`;
  const source = selectionWhere(selection, Prisma.sql`cm."cohortId"`, Prisma.sql`cmod."moduleId"`);
  await db.$executeRaw`WITH RECURSIVE
     items AS MATERIALIZED (
       SELECT cm."cohortId" AS "cohortId", cmod."moduleId" AS "moduleId", ${d.amsterdamMonth(Prisma.sql`cm."joinedAt"`)} AS "month",
         ai."questionId" AS "questionId", ai."score" AS "score", ai."selected" AS "selected"
       FROM "CohortMember" cm
       ${d.orderedJoin} "CohortModule" cmod ON cmod."cohortId" = cm."cohortId"
       ${d.orderedJoin} "AssessmentAttempt" a ON a."userId" = cm."userId" AND a."moduleId" = cmod."moduleId"
       ${d.orderedJoin} "AttemptItem" ai ON ai."attemptId" = a."id"
       WHERE ${source} AND a."status" = 'submitted'
     ),
     totals AS (
       SELECT "cohortId", "questionId", "month", "moduleId", count(*) AS "answered",
         sum(${oneIf(Prisma.sql`"score" >= 1`)}) AS "correct", coalesce(sum("score"), 0) AS "scoreSum"
       FROM items GROUP BY "cohortId", "questionId", "month", "moduleId"
     ),
     chosen AS (
       SELECT i."cohortId" AS "cohortId", i."questionId" AS "questionId", i."month" AS "month",
         CAST(j."value" AS INTEGER) AS "option", count(*) AS "times"
       FROM items i ${d.orderedJoin} ${d.jsonArrayElements(Prisma.sql`i."selected"`, "j")} ON TRUE
       WHERE i."selected" IS NOT NULL
       GROUP BY i."cohortId", i."questionId", i."month", CAST(j."value" AS INTEGER)
     ),
     widest AS (
       SELECT "cohortId", "questionId", "month", max("option") + 1 AS "width" FROM chosen GROUP BY "cohortId", "questionId", "month"
     ),
     sized AS (
       SELECT t.*, ${d.greatest(Prisma.sql`coalesce(${d.jsonArrayLength(Prisma.sql`q."data"`, "options")}, 0)`, Prisma.sql`coalesce(w."width", 0)`)} AS "width"
       FROM totals t
       LEFT JOIN "Question" q ON q."id" = t."questionId"
       LEFT JOIN widest w ON w."cohortId" = t."cohortId" AND w."questionId" = t."questionId" AND w."month" = t."month"
     ),
     seq(i) AS (
       SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < (SELECT max("width") FROM sized)
     ),
     counts AS (
       SELECT s."cohortId" AS "cohortId", s."questionId" AS "questionId", s."month" AS "month",
         '[' || ${d.joinText(Prisma.sql`coalesce(ch."times", 0)`, ",", Prisma.sql`seq.i`)} || ']' AS "optionCounts"
       FROM sized s
       JOIN seq ON seq.i < s."width"
       LEFT JOIN chosen ch ON ch."cohortId" = s."cohortId" AND ch."questionId" = s."questionId" AND ch."month" = s."month" AND ch."option" = seq.i
       GROUP BY s."cohortId", s."questionId", s."month"
     )
     INSERT INTO "ItemRollup" ("cohortId", "questionId", "month", "moduleId", "organisationId", "answered", "correct", "scoreSum", "optionCounts")
     SELECT s."cohortId", s."questionId", s."month", s."moduleId", c."organisationId", s."answered", s."correct", s."scoreSum",
       coalesce(k."optionCounts", '[]')
     FROM sized s
     JOIN "Cohort" c ON c."id" = s."cohortId"
     LEFT JOIN counts k ON k."cohortId" = s."cohortId" AND k."questionId" = s."questionId" AND k."month" = s."month"`;
}

/** Before/after pairs per survey item and join month, summed on the scale as answered. */
async function writeAttitudeRollups(db: Db, selection: PairSelection): Promise<void> {
  const d = dialectOf(db);
  await db.$executeRaw`DELETE FROM "AttitudeRollup" WHERE ${selectionWhere(selection, Prisma.sql`"cohortId"`, Prisma.sql`"moduleId"`)}`;
  const source = selectionWhere(selection, Prisma.sql`cm."cohortId"`, Prisma.sql`cmod."moduleId"`);
  const month = d.amsterdamMonth(Prisma.sql`cm."joinedAt"`);
  await db.$executeRaw`INSERT INTO "AttitudeRollup" ("cohortId", "moduleId", "itemId", "month", "organisationId", "pairs", "beforeSum", "afterSum")
     SELECT cm."cohortId", cmod."moduleId", aa."itemId", ${month} AS "month", c."organisationId",
       count(*), sum(aa."before"), sum(aa."after")
     FROM "CohortMember" cm
     ${d.orderedJoin} "CohortModule" cmod ON cmod."cohortId" = cm."cohortId"
     ${d.orderedJoin} "AttitudeAnswer" aa ON aa."userId" = cm."userId" AND aa."moduleId" = cmod."moduleId"
     JOIN "Cohort" c ON c."id" = cm."cohortId"
     WHERE ${source} AND aa."before" IS NOT NULL AND aa."after" IS NOT NULL
     GROUP BY cm."cohortId", cmod."moduleId", aa."itemId", ${month}, c."organisationId"`;
}

async function rebuildSelection(db: Db, selection: PairSelection): Promise<void> {
  await writeFacts(db, selection);
  await writeReportRollups(db, selection);
  await writeItemRollups(db, selection);
  await writeAttitudeRollups(db, selection);
  await bumpReportGeneration(db);
}

/** Runs `work` in a transaction, or inside the caller's when it already passes one. */
async function inTransaction(
  db: Db,
  work: (tx: Prisma.TransactionClient) => Promise<void>,
  timeout = 10_000,
): Promise<void> {
  if ("$transaction" in db) {
    await db.$transaction(work, { timeout, maxWait: timeout });
  } else {
    await work(db);
  }
}

interface PairChange {
  cohortId: string;
  moduleId: string;
  changed: number | bigint | boolean;
}

/**
 * After a learning event of a learner (lesson opened or completed, attempt submitted, survey
 * answered, completion) or after they join a cohort. One indexed query finds the learner's
 * cohort modules with their fact as it is and as it should be; a learner in no cohort with the
 * module costs nothing more. A changed fact rebuilds the pair's funnel and item rollups; the
 * attitude rollup is rebuilt always, since survey answers leave the fact as it was.
 */
export async function refreshLearnerReports(
  db: Db,
  args: { userId: string; moduleId?: string; now: Date },
): Promise<void> {
  const d = dialectOf(db);
  const where =
    args.moduleId === undefined
      ? Prisma.sql`cm."userId" = ${args.userId}`
      : Prisma.sql`cm."userId" = ${args.userId} AND cmod."moduleId" = ${args.moduleId}`;
  const differs = (column: string) => Prisma.raw(`n."${column}" IS DISTINCT FROM f."${column}"`);
  const pairs = await db.$queryRaw<PairChange[]>`
    SELECT n."cohortId" AS "cohortId", n."moduleId" AS "moduleId",
      (f."cohortId" IS NULL OR ${Prisma.join(
        ["joinedAt", "startedAt", "completedAt", "passedAt", "bestPercent", "attempts", "minutesToComplete"].map(
          differs,
        ),
        " OR ",
      )}) AS "changed"
    FROM (${factSelect(d, where)}) n
    LEFT JOIN "ReportFact" f ON f."cohortId" = n."cohortId" AND f."moduleId" = n."moduleId" AND f."userId" = n."userId"`;
  if (pairs.length === 0) return;
  await inTransaction(db, async (tx) => {
    // Two learners of one cohort finishing at once on two instances: each rebuilds the cohort's
    // rollups from the facts, so the second must wait for the first to commit its fact
    // (docs/decisions/015-portable-reports.md).
    await d.lockForTransaction(
      tx,
      pairs.map((pair) => reportLockKey(pair.cohortId)),
    );
    for (const pair of pairs) {
      const selection: PairSelection = { kind: "pair", cohortId: pair.cohortId, moduleId: pair.moduleId };
      if (Number(pair.changed) !== 0) {
        await tx.$executeRaw`INSERT INTO "ReportFact" (${FACT_COLUMNS})
          ${factSelect(d, Prisma.sql`cm."cohortId" = ${pair.cohortId} AND cm."userId" = ${args.userId} AND cmod."moduleId" = ${pair.moduleId}`)}
          ON CONFLICT ("cohortId", "moduleId", "userId") DO UPDATE SET ${Prisma.raw(
            FACT_COLUMN_NAMES.map((name) => `"${name}" = excluded."${name}"`).join(", "),
          )}`;
        await writeReportRollups(tx, selection);
        await writeItemRollups(tx, selection);
      }
      await writeAttitudeRollups(tx, selection);
    }
    await bumpReportGeneration(tx);
  });
}

/** The lock a transaction holds while it rewrites a cohort's report rows. */
function reportLockKey(cohortId: string): string {
  return `reports:cohort:${cohortId}`;
}

/**
 * After membership or cohort-module changes, or a member's account deletion: the cohorts' report
 * rows from scratch, atomically (inside the caller's transaction when given one).
 */
export async function rebuildCohortReports(db: Db, args: { cohortIds: string[]; now: Date }): Promise<void> {
  if (args.cohortIds.length === 0) return;
  await inTransaction(db, async (tx) => {
    await dialectOf(tx).lockForTransaction(tx, args.cohortIds.map(reportLockKey));
    await rebuildSelection(tx, { kind: "cohorts", cohortIds: args.cohortIds });
  });
}

/** Cohorts per transaction in a full rebuild: each batch is written whole or not at all. */
const REBUILD_BATCH = 25;
const REBUILD_BATCH_TIMEOUT_MS = 120_000;

const REPORT_TABLES = ["ReportFact", "ReportRollup", "ItemRollup", "AttitudeRollup"] as const;

/**
 * Everything from scratch (seed:load, `npm run reports:rebuild`), set-based per batch of
 * cohorts. Rows of deleted cohorts go first; `onProgress` gets the cohorts done so far.
 */
export async function rebuildAllReports(
  db: PrismaClient,
  args: { now: Date; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  await db.$transaction([
    ...REPORT_TABLES.map((table) =>
      db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "cohortId" NOT IN (SELECT "id" FROM "Cohort")`),
    ),
    db.$executeRawUnsafe(BUMP_SQL),
  ]);
  const cohorts = await db.cohort.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const total = cohorts.length;
  args.onProgress?.(0, total);
  for (let start = 0; start < total; start += REBUILD_BATCH) {
    const cohortIds = cohorts.slice(start, start + REBUILD_BATCH).map((cohort) => cohort.id);
    await inTransaction(
      db,
      async (tx) => {
        await dialectOf(tx).lockForTransaction(tx, cohortIds.map(reportLockKey));
        await rebuildSelection(tx, { kind: "cohorts", cohortIds });
      },
      REBUILD_BATCH_TIMEOUT_MS,
    );
    args.onProgress?.(Math.min(total, start + REBUILD_BATCH), total);
  }
}
