import type { PrismaClient } from "@prisma/client";

import { contentStamp } from "~/content/module-content.server";

/**
 * A learner's state in one module, read in a single SQL statement: the module's current content
 * hash (the version stamp of the in-memory content, see ~/content/module-content.server), the
 * module's own columns, the enrolment, the completion fact, progress on the module's lessons and
 * the answers to one lesson's knowledge checks.
 * Through Prisma's query builder this took six statements (one per relation); as one prepared
 * statement it is one round trip and no query planning in Prisma (docs/decisions/014-hot-read-path.md).
 * The SQL is plain: double-quoted identifiers and LEFT JOINs read the same on SQLite and PostgreSQL.
 */

export interface LearnerModuleState {
  contentHash: string;
  /** "markdown" or "scorm" (an imported package). */
  kind: string;
  minutes: number;
  sectors: string;
  hasAssessment: boolean;
  /** The content's version stamp (null: not cached, see contentStamp). */
  contentStamp: string | null;
  surveyKey: string | null;
  enrollment: {
    status: string;
    startedAt: Date;
    completedAt: Date | null;
    lastLessonId: string | null;
    lastActivityAt: Date;
    preSurvey: string | null;
  } | null;
  /** The stored completion fact (percent: score of the passed assessment, if any). */
  completion: { completedAt: Date; percent: number | null } | null;
  /** Progress rows on the module's lessons (archived lessons included), by lesson id. */
  progress: Map<string, { completedAt: Date | null }>;
  /** The learner's answers to the checks of `checksOfLessonId`, by question id. */
  checkAnswers: Map<string, { selected: string; correct: boolean }>;
}

interface Row {
  contentHash: string;
  syncedAt: Date;
  kind: string;
  minutes: number;
  sectors: string;
  hasAssessment: boolean;
  status: string | null;
  startedAt: Date | null;
  enrollmentCompletedAt: Date | null;
  moduleCompletedAt: Date | null;
  modulePercent: number | null;
  surveyKey: string | null;
  enrollmentId: string | null;
  lastLessonId: string | null;
  lastActivityAt: Date | null;
  preSurvey: string | null;
  progressLessonId: string | null;
  completedAt: Date | null;
  answerQuestionId: string | null;
  answerSelected: string | null;
  answerCorrect: boolean | null;
}

/** Null when the module does not exist or is archived. */
export async function readLearnerModuleState(
  db: PrismaClient,
  {
    moduleId,
    userId,
    checksOfLessonId = null,
  }: {
    moduleId: string;
    /** null: an anonymous visitor, who has no state (every learner column reads null). */
    userId: string | null;
    checksOfLessonId?: string | null;
  },
): Promise<LearnerModuleState | null> {
  // Progress and answers multiply into rows (a dozen lessons times a few checks at most).
  const rows = await db.$queryRaw<Row[]>`
    SELECT m."contentHash" AS "contentHash", m."syncedAt" AS "syncedAt", m.kind AS kind,
           m.minutes AS minutes, m.sectors AS sectors, m."hasAssessment" AS "hasAssessment",
           e.status AS status, e."startedAt" AS "startedAt", e."completedAt" AS "enrollmentCompletedAt",
           mc."completedAt" AS "moduleCompletedAt", mc.percent AS "modulePercent", m."surveyKey" AS "surveyKey",
           e.id AS "enrollmentId", e."lastLessonId" AS "lastLessonId", e."lastActivityAt" AS "lastActivityAt",
           e."preSurvey" AS "preSurvey",
           p."lessonId" AS "progressLessonId", p."completedAt" AS "completedAt",
           c."questionId" AS "answerQuestionId", c.selected AS "answerSelected", c.correct AS "answerCorrect"
    FROM "Module" m
    LEFT JOIN "Enrollment" e ON e."moduleId" = m.id AND e."userId" = ${userId}
    LEFT JOIN "ModuleCompletion" mc ON mc."moduleId" = m.id AND mc."userId" = ${userId}
    LEFT JOIN "LessonProgress" p ON p."userId" = ${userId}
      AND p."lessonId" IN (SELECT l.id FROM "Lesson" l WHERE l."moduleId" = m.id)
    LEFT JOIN "CheckAnswer" c ON c."userId" = ${userId}
      AND c."questionId" IN (SELECT q.id FROM "Question" q WHERE q."lessonId" = ${checksOfLessonId} AND q.kind = 'check')
    WHERE m.id = ${moduleId} AND m.archived = false`;
  const first = rows[0];
  if (!first) return null;
  const progress = new Map<string, { completedAt: Date | null }>();
  const checkAnswers = new Map<string, { selected: string; correct: boolean }>();
  for (const row of rows) {
    if (row.progressLessonId) progress.set(row.progressLessonId, { completedAt: row.completedAt });
    if (row.answerQuestionId && row.answerSelected !== null) {
      checkAnswers.set(row.answerQuestionId, { selected: row.answerSelected, correct: Boolean(row.answerCorrect) });
    }
  }
  return {
    contentHash: first.contentHash,
    kind: first.kind,
    contentStamp: contentStamp(first),
    surveyKey: first.surveyKey,
    minutes: first.minutes,
    sectors: first.sectors,
    hasAssessment: first.hasAssessment,
    enrollment:
      first.enrollmentId && first.lastActivityAt && first.startedAt && first.status
        ? {
            status: first.status,
            startedAt: first.startedAt,
            completedAt: first.enrollmentCompletedAt,
            lastLessonId: first.lastLessonId,
            lastActivityAt: first.lastActivityAt,
            preSurvey: first.preSurvey,
          }
        : null,
    completion: first.moduleCompletedAt
      ? {
          completedAt: first.moduleCompletedAt,
          percent: first.modulePercent === null ? null : Number(first.modulePercent),
        }
      : null,
    progress,
    checkAnswers,
  };
}
