import type { PrismaClient } from "@prisma/client";

import { EVALUATION_RATINGS, type EvaluationRating } from "~/learning/evaluation.server";
import type { OrganisationScope } from "~/auth/scope.server";

import { MIN_GROUP_SIZE, rollupWhere } from "./report-query.server";
import type { ReportFilter } from "./filter";
import { spreadOf, type Spread } from "./study-load";

/**
 * The participant evaluations of cohort learners inside the viewer's scope and filter (the month
 * the evaluation was sent), each learner counted once per module. Skipped evaluations do not
 * count. Below MIN_GROUP_SIZE evaluations nothing but the count leaves the server; comments only
 * for viewers allowed to read them, without names, in an order unrelated to who wrote them.
 */

export interface RatingFigures {
  rating: EvaluationRating;
  answered: number;
  mean: number;
  /** Share of answers 4 or 5, 0..1 */
  agree: number;
}

export interface EvaluationReport {
  /** Evaluations behind the figures (answered, not skipped). */
  responses: number;
  suppressed: boolean;
  ratings: RatingFigures[];
  minutes: Spread | null;
  /** null when the viewer may not read comments or the group is too small. */
  comments: string[] | null;
}

interface EvaluationRow {
  relevance: number | null;
  objectivesMet: number | null;
  quality: number | null;
  independent: number | null;
  minutesSpent: number | null;
  comment: string | null;
}

export async function getEvaluationReport(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  { includeComments }: { includeComments: boolean },
): Promise<EvaluationReport> {
  const where = rollupWhere(scope, filter, { period: true });
  const rows = await db.$queryRaw<EvaluationRow[]>`
    SELECT max(r."relevance") AS "relevance", max(r."objectivesMet") AS "objectivesMet", max(r."quality") AS "quality",
       max(r."independent") AS "independent", max(r."minutesSpent") AS "minutesSpent", max(r."comment") AS "comment"
     FROM (
       SELECT e."userId", e."moduleId", e."relevance", e."objectivesMet", e."quality", e."independent", e."minutesSpent",
         e."comment", e."month", cm."cohortId", c."organisationId"
       FROM "ModuleEvaluation" e
       JOIN "CohortMember" cm ON cm."userId" = e."userId"
       JOIN "CohortModule" cmod ON cmod."cohortId" = cm."cohortId" AND cmod."moduleId" = e."moduleId"
       JOIN "Cohort" c ON c."id" = cm."cohortId"
       WHERE e."skipped" = FALSE
     ) r
     WHERE ${where}
     GROUP BY r."moduleId", r."userId"`;
  return summariseEvaluations(rows.map(toNumbers), { includeComments });
}

function toNumbers(row: EvaluationRow): EvaluationRow {
  const n = (value: number | bigint | null) => (value === null ? null : Number(value));
  return {
    relevance: n(row.relevance),
    objectivesMet: n(row.objectivesMet),
    quality: n(row.quality),
    independent: n(row.independent),
    minutesSpent: n(row.minutesSpent),
    comment: row.comment,
  };
}

/** The figures from the evaluations of one selection; exported for tests of the suppression rule. */
export function summariseEvaluations(
  rows: EvaluationRow[],
  { includeComments }: { includeComments: boolean },
): EvaluationReport {
  const responses = rows.length;
  if (responses < MIN_GROUP_SIZE) return { responses, suppressed: true, ratings: [], minutes: null, comments: null };
  const ratings = EVALUATION_RATINGS.map((rating): RatingFigures => {
    const values = rows.flatMap((row) => (row[rating] === null ? [] : [row[rating]]));
    const sum = values.reduce((total, value) => total + value, 0);
    return {
      rating,
      answered: values.length,
      mean: values.length === 0 ? 0 : sum / values.length,
      agree: values.length === 0 ? 0 : values.filter((value) => value >= 4).length / values.length,
    };
  });
  const comments = includeComments
    ? rows
        .flatMap((row) => (row.comment ? [row.comment] : []))
        // Alphabetical: neither the order of sending nor of joining says who wrote what.
        .sort((a, b) => a.localeCompare(b, "nl"))
    : null;
  return {
    responses,
    suppressed: false,
    ratings,
    minutes: spreadOf(rows.flatMap((row) => (row.minutesSpent === null ? [] : [row.minutesSpent]))),
    comments,
  };
}
