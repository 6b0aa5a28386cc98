import type { Prisma, PrismaClient } from "@prisma/client";

import type { Db } from "~/db/types";

import { BUMP_SQL, bumpReportGeneration } from "./report-cache.server";
import { sqlAmsterdamMonth, sqlIsoInstant, sqlJulianDay } from "./sql.server";

/**
 * Keeps the report tables derived from the learning tables. ReportFact holds one row per cohort
 * member and cohort module; ReportRollup, ItemRollup and AttitudeRollup are rebuilt for a whole
 * (cohort, module) pair at a time from the facts and the raw answers, never adjusted by deltas,
 * so a refresh yields exactly what a full rebuild would. The incremental path and the full
 * rebuild run the same SQL, only over a different selection of pairs.
 */

/** Which (cohort, module) pairs a statement works on. */
type PairSelection = { kind: "pair"; cohortId: string; moduleId: string } | { kind: "cohorts"; cohortIds: string[] };

interface Fragment {
  sql: string;
  params: unknown[];
}

function selectionWhere(selection: PairSelection, cohortColumn: string, moduleColumn: string): Fragment {
  if (selection.kind === "pair") {
    return { sql: `${cohortColumn} = ? AND ${moduleColumn} = ?`, params: [selection.cohortId, selection.moduleId] };
  }
  return { sql: `${cohortColumn} IN (${selection.cohortIds.map(() => "?").join(", ")})`, params: selection.cohortIds };
}

const FACT_COLUMNS =
  "cohortId, userId, moduleId, joinedAt, startedAt, completedAt, passedAt, bestPercent, attempts, minutesToComplete, activeSeconds, reportedMinutes";

/**
 * A learner's progress in each module of each of their cohorts, as ReportFact columns. Members
 * drive the join (CROSS JOIN fixes the order in SQLite) so a single learner is found through the
 * CohortMember(userId) index; each attempt figure is a lookup on (userId, moduleId, number).
 */
function factSelect(where: string): string {
  const submitted =
    "FROM AssessmentAttempt a WHERE a.userId = cm.userId AND a.moduleId = cmod.moduleId AND a.status = 'submitted'";
  return `
    SELECT cm.cohortId AS cohortId, cm.userId AS userId, cmod.moduleId AS moduleId,
      ${sqlIsoInstant("cm.joinedAt")} AS joinedAt,
      ${sqlIsoInstant("e.startedAt")} AS startedAt,
      ${sqlIsoInstant("mc.completedAt")} AS completedAt,
      CASE WHEN m.hasAssessment THEN (SELECT min(${sqlIsoInstant("a.submittedAt")}) ${submitted} AND a.passed = 1)
      ELSE ${sqlIsoInstant("mc.completedAt")} END AS passedAt,
      -- A SCORM package reports its own score: the one the module was completed with.
      CASE WHEN m.kind = 'scorm' THEN mc.percent ELSE (SELECT max(a.percent) ${submitted}) END AS bestPercent,
      (SELECT count(*) ${submitted}) AS attempts,
      CASE WHEN e.startedAt IS NOT NULL AND mc.completedAt IS NOT NULL
        THEN max(0, CAST(round((${sqlJulianDay("mc.completedAt")} - ${sqlJulianDay("e.startedAt")}) * 1440) AS INTEGER))
      END AS minutesToComplete,
      -- Study load of a completed learner: measured reading time over the module's lessons, and
      -- the time reported with the attempt that completed it (a SCORM package has no lessons of ours).
      CASE WHEN mc.completedAt IS NOT NULL AND m.kind <> 'scorm' THEN (SELECT coalesce(sum(lp.activeSeconds), 0)
        FROM LessonProgress lp JOIN Lesson l ON l.id = lp.lessonId WHERE lp.userId = cm.userId AND l.moduleId = cmod.moduleId)
      END AS activeSeconds,
      (SELECT a.reportedMinutes FROM AssessmentAttempt a WHERE a.id = mc.attemptId) AS reportedMinutes
    FROM CohortMember cm
    CROSS JOIN CohortModule cmod ON cmod.cohortId = cm.cohortId
    CROSS JOIN Module m ON m.id = cmod.moduleId
    LEFT JOIN Enrollment e ON e.userId = cm.userId AND e.moduleId = cmod.moduleId
    LEFT JOIN ModuleCompletion mc ON mc.userId = cm.userId AND mc.moduleId = cmod.moduleId
    WHERE ${where}`;
}

async function writeFacts(db: Db, selection: PairSelection): Promise<void> {
  const target = selectionWhere(selection, "cohortId", "moduleId");
  await db.$executeRawUnsafe(`DELETE FROM ReportFact WHERE ${target.sql}`, ...target.params);
  const source = selectionWhere(selection, "cm.cohortId", "cmod.moduleId");
  await db.$executeRawUnsafe(`INSERT INTO ReportFact (${FACT_COLUMNS}) ${factSelect(source.sql)}`, ...source.params);
}

/**
 * Funnel counts by join month and event counts by event month, from the pair's facts: one row
 * per month in which a learner joined, started, completed or passed.
 */
async function writeReportRollups(db: Db, selection: PairSelection): Promise<void> {
  const target = selectionWhere(selection, "cohortId", "moduleId");
  await db.$executeRawUnsafe(`DELETE FROM ReportRollup WHERE ${target.sql}`, ...target.params);
  const facts = selectionWhere(selection, "f.cohortId", "f.moduleId");
  const events = (column: string, kind: number) => `
    SELECT f.cohortId, f.moduleId, ${sqlAmsterdamMonth(`f.${column}`)} AS month, ${kind} AS kind,
      0 AS started, 0 AS completed, 0 AS passed, NULL AS bestPercent, NULL AS minutes
    FROM ReportFact f WHERE ${facts.sql} AND f.${column} IS NOT NULL`;
  await db.$executeRawUnsafe(
    `INSERT INTO ReportRollup (cohortId, moduleId, month, organisationId, enrolled, started, completed, passed, scored,
       scoreSum, durations, startedInMonth, completedInMonth, passedInMonth)
     SELECT ev.cohortId, ev.moduleId, ev.month, c.organisationId,
       sum(ev.kind = 0), sum(ev.started), sum(ev.completed), sum(ev.passed), count(ev.bestPercent), total(ev.bestPercent),
       coalesce(group_concat(ev.minutes, ',' ORDER BY ev.minutes), ''),
       sum(ev.kind = 1), sum(ev.kind = 2), sum(ev.kind = 3)
     FROM (
       SELECT f.cohortId, f.moduleId, ${sqlAmsterdamMonth("f.joinedAt")} AS month, 0 AS kind,
         f.startedAt IS NOT NULL AS started, f.completedAt IS NOT NULL AS completed, f.passedAt IS NOT NULL AS passed,
         f.bestPercent AS bestPercent, CASE WHEN f.completedAt IS NOT NULL THEN f.minutesToComplete END AS minutes
       FROM ReportFact f WHERE ${facts.sql}
       UNION ALL ${events("startedAt", 1)}
       UNION ALL ${events("completedAt", 2)}
       UNION ALL ${events("passedAt", 3)}
     ) ev
     JOIN Cohort c ON c.id = ev.cohortId
     GROUP BY ev.cohortId, ev.moduleId, ev.month`,
    ...facts.params,
    ...facts.params,
    ...facts.params,
    ...facts.params,
  );
}

/**
 * Every item of every submitted attempt of the pair's members, per question and join month:
 * times sat (a blank answer counts, scoring 0), fully correct, score sum, and how often each
 * authored option was chosen (an array as long as the question's options).
 */
async function writeItemRollups(db: Db, selection: PairSelection): Promise<void> {
  const target = selectionWhere(selection, "cohortId", "moduleId");
  await db.$executeRawUnsafe(`DELETE FROM ItemRollup WHERE ${target.sql}`, ...target.params);
  const source = selectionWhere(selection, "cm.cohortId", "cmod.moduleId");
  await db.$executeRawUnsafe(
    `WITH RECURSIVE
     items AS MATERIALIZED (
       SELECT cm.cohortId AS cohortId, cmod.moduleId AS moduleId, ${sqlAmsterdamMonth("cm.joinedAt")} AS month,
         ai.questionId AS questionId, ai.score AS score, ai.selected AS selected
       FROM CohortMember cm
       CROSS JOIN CohortModule cmod ON cmod.cohortId = cm.cohortId
       CROSS JOIN AssessmentAttempt a ON a.userId = cm.userId AND a.moduleId = cmod.moduleId
       CROSS JOIN AttemptItem ai ON ai.attemptId = a.id
       WHERE ${source.sql} AND a.status = 'submitted'
     ),
     totals AS (
       SELECT cohortId, questionId, month, moduleId, count(*) AS answered, sum(score >= 1) AS correct, total(score) AS scoreSum
       FROM items GROUP BY cohortId, questionId, month
     ),
     chosen AS (
       SELECT i.cohortId AS cohortId, i.questionId AS questionId, i.month AS month, CAST(j.value AS INTEGER) AS option, count(*) AS times
       FROM items i CROSS JOIN json_each(i.selected) j
       WHERE i.selected IS NOT NULL
       GROUP BY i.cohortId, i.questionId, i.month, CAST(j.value AS INTEGER)
     ),
     widest AS (
       SELECT cohortId, questionId, month, max(option) + 1 AS width FROM chosen GROUP BY cohortId, questionId, month
     ),
     sized AS (
       SELECT t.*, max(coalesce(json_array_length(q.data, '$.options'), 0), coalesce(w.width, 0)) AS width
       FROM totals t
       LEFT JOIN Question q ON q.id = t.questionId
       LEFT JOIN widest w ON w.cohortId = t.cohortId AND w.questionId = t.questionId AND w.month = t.month
     ),
     seq(i) AS (
       SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < (SELECT max(width) FROM sized)
     ),
     counts AS (
       SELECT s.cohortId AS cohortId, s.questionId AS questionId, s.month AS month,
         json_group_array(coalesce(ch.times, 0) ORDER BY seq.i) AS optionCounts
       FROM sized s
       JOIN seq ON seq.i < s.width
       LEFT JOIN chosen ch ON ch.cohortId = s.cohortId AND ch.questionId = s.questionId AND ch.month = s.month AND ch.option = seq.i
       GROUP BY s.cohortId, s.questionId, s.month
     )
     INSERT INTO ItemRollup (cohortId, questionId, month, moduleId, organisationId, answered, correct, scoreSum, optionCounts)
     SELECT s.cohortId, s.questionId, s.month, s.moduleId, c.organisationId, s.answered, s.correct, s.scoreSum,
       coalesce(k.optionCounts, '[]')
     FROM sized s
     JOIN Cohort c ON c.id = s.cohortId
     LEFT JOIN counts k ON k.cohortId = s.cohortId AND k.questionId = s.questionId AND k.month = s.month`,
    ...source.params,
  );
}

/** Before/after pairs per survey item and join month, summed on the scale as answered. */
async function writeAttitudeRollups(db: Db, selection: PairSelection): Promise<void> {
  const target = selectionWhere(selection, "cohortId", "moduleId");
  await db.$executeRawUnsafe(`DELETE FROM AttitudeRollup WHERE ${target.sql}`, ...target.params);
  const source = selectionWhere(selection, "cm.cohortId", "cmod.moduleId");
  await db.$executeRawUnsafe(
    `INSERT INTO AttitudeRollup (cohortId, moduleId, itemId, month, organisationId, pairs, beforeSum, afterSum)
     SELECT cm.cohortId, cmod.moduleId, aa.itemId, ${sqlAmsterdamMonth("cm.joinedAt")} AS month, c.organisationId,
       count(*), sum(aa.before), sum(aa.after)
     FROM CohortMember cm
     CROSS JOIN CohortModule cmod ON cmod.cohortId = cm.cohortId
     CROSS JOIN AttitudeAnswer aa ON aa.userId = cm.userId AND aa.moduleId = cmod.moduleId
     JOIN Cohort c ON c.id = cm.cohortId
     WHERE ${source.sql} AND aa.before IS NOT NULL AND aa.after IS NOT NULL
     GROUP BY cm.cohortId, cmod.moduleId, aa.itemId, month`,
    ...source.params,
  );
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
  const where = args.moduleId === undefined ? "cm.userId = ?" : "cm.userId = ? AND cmod.moduleId = ?";
  const params = args.moduleId === undefined ? [args.userId] : [args.userId, args.moduleId];
  const pairs = await db.$queryRawUnsafe<PairChange[]>(
    `SELECT n.cohortId AS cohortId, n.moduleId AS moduleId,
       (f.cohortId IS NULL OR n.joinedAt IS NOT f.joinedAt OR n.startedAt IS NOT f.startedAt OR n.completedAt IS NOT f.completedAt
        OR n.passedAt IS NOT f.passedAt OR n.bestPercent IS NOT f.bestPercent OR n.attempts IS NOT f.attempts
        OR n.minutesToComplete IS NOT f.minutesToComplete) AS changed
     FROM (${factSelect(where)}) n
     LEFT JOIN ReportFact f ON f.cohortId = n.cohortId AND f.moduleId = n.moduleId AND f.userId = n.userId`,
    ...params,
  );
  if (pairs.length === 0) return;
  await inTransaction(db, async (tx) => {
    for (const pair of pairs) {
      const selection: PairSelection = { kind: "pair", cohortId: pair.cohortId, moduleId: pair.moduleId };
      if (Number(pair.changed) !== 0) {
        await tx.$executeRawUnsafe(
          `INSERT OR REPLACE INTO ReportFact (${FACT_COLUMNS}) ${factSelect("cm.cohortId = ? AND cm.userId = ? AND cmod.moduleId = ?")}`,
          pair.cohortId,
          args.userId,
          pair.moduleId,
        );
        await writeReportRollups(tx, selection);
        await writeItemRollups(tx, selection);
      }
      await writeAttitudeRollups(tx, selection);
    }
    await bumpReportGeneration(tx);
  });
}

/**
 * After membership or cohort-module changes, or a member's account deletion: the cohorts' report
 * rows from scratch, atomically (inside the caller's transaction when given one).
 */
export async function rebuildCohortReports(db: Db, args: { cohortIds: string[]; now: Date }): Promise<void> {
  if (args.cohortIds.length === 0) return;
  await inTransaction(db, (tx) => rebuildSelection(tx, { kind: "cohorts", cohortIds: args.cohortIds }));
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
      db.$executeRawUnsafe(`DELETE FROM ${table} WHERE cohortId NOT IN (SELECT id FROM Cohort)`),
    ),
    db.$executeRawUnsafe(BUMP_SQL),
  ]);
  const cohorts = await db.cohort.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const total = cohorts.length;
  args.onProgress?.(0, total);
  for (let start = 0; start < total; start += REBUILD_BATCH) {
    const cohortIds = cohorts.slice(start, start + REBUILD_BATCH).map((cohort) => cohort.id);
    await inTransaction(db, (tx) => rebuildSelection(tx, { kind: "cohorts", cohortIds }), REBUILD_BATCH_TIMEOUT_MS);
    args.onProgress?.(Math.min(total, start + REBUILD_BATCH), total);
  }
}
