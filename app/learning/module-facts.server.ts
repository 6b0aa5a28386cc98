import { Prisma } from "@prisma/client";

import type { AttemptSummary } from "~/assessment/attempts.server";
import type { Db } from "~/db/types";

/**
 * What a learner's finished (or submitted) module still needs to show, read in one SQL statement:
 * the assessment attempts, whether every current lesson is done, the certificates, the module's
 * re-certification window, the "after" survey and the evaluation, and the modules to suggest next.
 * Through Prisma's query API these were fourteen statements from seven functions (attempts,
 * lessons done, re-certification, survey, evaluation, certificates, next module), each planned by
 * Prisma's query compiler on every request (docs/decisions/016-learner-pages-in-few-statements.md).
 *
 * The branches of a UNION ALL share one column list; `kind` says which columns a row fills. The
 * SQL is plain (double-quoted identifiers, no dialect functions) so that it runs on SQLite and
 * PostgreSQL alike; the first branch casts its NULLs, because PostgreSQL types a UNION pairwise
 * from the left and would otherwise take an all-NULL column for text. Columns whose first branch
 * is NULL carry no declared type on SQLite, so dates and counts are converted here rather than
 * trusted to arrive as Date or number.
 */

export interface FactAttempt extends AttemptSummary {
  /** Questions drawn, and those with an answer saved. */
  items: number;
  answered: number;
}

export interface FactCertificate {
  code: string;
  completedAt: Date;
  issuedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface NextModuleCandidate {
  id: string;
  minutes: number;
  sectors: string;
  locales: { locale: string; title: string }[];
}

export interface LearnerModuleFacts {
  /** Attempts at the module's assessment, by number. */
  attempts: FactAttempt[];
  /** The module has current lessons and the learner completed each of them. */
  allLessonsDone: boolean;
  /** Newest first (completed, then issued), revoked ones included. */
  certificates: FactCertificate[];
  /** Days before expiry that re-certification opens; null when the module has no settings. */
  reminderDays: number | null;
  /** The module (not archived) asks an "after" survey with items, the learner completed it and has not answered. */
  surveyAfterPending: boolean;
  /** The learner completed the module (not archived) and has not evaluated it. */
  evaluationPending: boolean;
  /** The learner's sector as stored (null when unknown or no such user). */
  sector: string | null;
  /** Registers the module is accredited for. */
  accreditedRegisters: string[];
  /** Registers the learner has a registration number in. */
  registeredRegisters: string[];
  /** Other modules the learner has not completed, not archived, in catalogue order. */
  nextCandidates: NextModuleCandidate[];
}

interface Row {
  kind: "attempt" | "certificate" | "accredited" | "registered" | "facts" | "next";
  id: string | null;
  num: number | bigint | null;
  status: string | null;
  t1: unknown;
  t2: unknown;
  t3: unknown;
  t4: unknown;
  x: number | null;
  flag: boolean | number | null;
  s1: string | null;
  s2: string | null;
  s3: string | null;
  n1: number | bigint | null;
  n2: number | bigint | null;
  n3: number | bigint | null;
  n4: number | bigint | null;
  n5: number | bigint | null;
  n6: number | bigint | null;
  n7: number | bigint | null;
}

/** A date column as it arrives: a Date, an ISO string, or (SQLite, untyped column) milliseconds. */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "string") return new Date(/^\d+$/.test(value) ? Number(value) : value);
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  throw new Error(`not a date: ${String(value)}`);
}

const count = (value: number | bigint | null) => (value === null ? 0 : Number(value));

export async function readLearnerModuleFacts(
  db: Db,
  { userId, moduleId }: { userId: string; moduleId: string },
): Promise<LearnerModuleFacts> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT 'attempt' AS "kind", a."id" AS "id", a."number" AS "num", a."status" AS "status",
           a."startedAt" AS "t1", a."submittedAt" AS "t2",
           CAST(NULL AS TIMESTAMP) AS "t3", CAST(NULL AS TIMESTAMP) AS "t4",
           a."percent" AS "x", a."passed" AS "flag",
           CAST(NULL AS TEXT) AS "s1", CAST(NULL AS TEXT) AS "s2", CAST(NULL AS TEXT) AS "s3",
           (SELECT COUNT(*) FROM "AttemptItem" i WHERE i."attemptId" = a."id") AS "n1",
           (SELECT COUNT(*) FROM "AttemptItem" i WHERE i."attemptId" = a."id" AND i."selected" IS NOT NULL) AS "n2",
           CAST(NULL AS BIGINT) AS "n3",
           CAST(NULL AS BIGINT) AS "n4", CAST(NULL AS BIGINT) AS "n5", CAST(NULL AS BIGINT) AS "n6",
           CAST(NULL AS BIGINT) AS "n7"
    FROM "AssessmentAttempt" a
    WHERE a."userId" = ${userId} AND a."moduleId" = ${moduleId}
    UNION ALL
    SELECT 'certificate', c."code", NULL, NULL, c."completedAt", c."issuedAt", c."expiresAt", c."revokedAt",
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "Certificate" c
    WHERE c."userId" = ${userId} AND c."moduleId" = ${moduleId}
    UNION ALL
    SELECT 'accredited', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           acc."register", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "Accreditation" acc
    WHERE acc."moduleId" = ${moduleId}
    UNION ALL
    SELECT 'registered', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           rn."register", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "RegistrationNumber" rn
    WHERE rn."userId" = ${userId}
    UNION ALL
    SELECT 'next', m."id", m."minutes", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           m."sectors", ml."locale", ml."title", m."position", NULL, NULL, NULL, NULL, NULL, NULL
    FROM "Module" m
    LEFT JOIN "ModuleLocale" ml ON ml."moduleId" = m."id"
    WHERE m."archived" = false AND m."id" <> ${moduleId}
      AND NOT EXISTS (SELECT 1 FROM "ModuleCompletion" mc WHERE mc."moduleId" = m."id" AND mc."userId" = ${userId})
    UNION ALL
    SELECT 'facts', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           (SELECT u."sector" FROM "User" u WHERE u."id" = ${userId}),
           (SELECT m."surveyKey" FROM "Module" m WHERE m."id" = ${moduleId} AND m."archived" = false),
           (SELECT e."postSurvey" FROM "Enrollment" e WHERE e."userId" = ${userId} AND e."moduleId" = ${moduleId}),
           (SELECT COUNT(*) FROM "Lesson" l WHERE l."moduleId" = ${moduleId} AND l."archived" = false),
           (SELECT COUNT(*) FROM "Lesson" l
              JOIN "LessonProgress" p ON p."lessonId" = l."id" AND p."userId" = ${userId}
              WHERE l."moduleId" = ${moduleId} AND l."archived" = false AND p."completedAt" IS NOT NULL),
           (SELECT COUNT(*) FROM "SurveyItem" si
              JOIN "Module" m ON m."surveyKey" = si."surveyKey"
              WHERE m."id" = ${moduleId} AND si."archived" = false),
           (SELECT COUNT(*) FROM "ModuleCompletion" mc WHERE mc."userId" = ${userId} AND mc."moduleId" = ${moduleId}),
           (SELECT COUNT(*) FROM "ModuleEvaluation" me WHERE me."userId" = ${userId} AND me."moduleId" = ${moduleId}),
           (SELECT cs."reminderDays" FROM "ModuleCertification" cs WHERE cs."moduleId" = ${moduleId}),
           (SELECT COUNT(*) FROM "Module" m WHERE m."id" = ${moduleId} AND m."archived" = false)`);

  const attempts: FactAttempt[] = [];
  const certificates: FactCertificate[] = [];
  const accreditedRegisters: string[] = [];
  const registeredRegisters: string[] = [];
  const candidates = new Map<string, NextModuleCandidate & { position: number }>();
  let facts: Row | undefined;
  for (const row of rows) {
    if (row.kind === "attempt") {
      attempts.push({
        id: row.id ?? "",
        number: count(row.num),
        status: row.status === "submitted" ? "submitted" : "in_progress",
        startedAt: toDate(row.t1) ?? new Date(0),
        submittedAt: toDate(row.t2),
        percent: row.x === null ? null : Number(row.x),
        passed: row.flag === null ? null : Boolean(row.flag),
        items: count(row.n1),
        answered: count(row.n2),
      });
    } else if (row.kind === "accredited") {
      if (row.s1 !== null) accreditedRegisters.push(row.s1);
    } else if (row.kind === "registered") {
      if (row.s1 !== null) registeredRegisters.push(row.s1);
    } else if (row.kind === "certificate") {
      certificates.push({
        code: row.id ?? "",
        completedAt: toDate(row.t1) ?? new Date(0),
        issuedAt: toDate(row.t2) ?? new Date(0),
        expiresAt: toDate(row.t3),
        revokedAt: toDate(row.t4),
      });
    } else if (row.kind === "next") {
      const id = row.id ?? "";
      let candidate = candidates.get(id);
      if (!candidate) {
        candidate = { id, minutes: count(row.num), sectors: row.s1 ?? "", locales: [], position: count(row.n1) };
        candidates.set(id, candidate);
      }
      if (row.s2 !== null && row.s3 !== null) candidate.locales.push({ locale: row.s2, title: row.s3 });
    } else facts = row;
  }
  attempts.sort((a, b) => a.number - b.number);
  certificates.sort(
    (a, b) => b.completedAt.getTime() - a.completedAt.getTime() || b.issuedAt.getTime() - a.issuedAt.getTime(),
  );
  const lessons = count(facts?.n1 ?? null);
  const moduleOpen = count(facts?.n7 ?? null) > 0;
  const completed = count(facts?.n4 ?? null) > 0;
  return {
    attempts,
    allLessonsDone: lessons > 0 && count(facts?.n2 ?? null) === lessons,
    certificates,
    accreditedRegisters,
    registeredRegisters,
    reminderDays: facts?.n6 === null || facts?.n6 === undefined ? null : Number(facts.n6),
    // An answered or skipped survey leaves a status in the enrolment.
    surveyAfterPending: moduleOpen && Boolean(facts?.s2) && !facts?.s3 && completed && count(facts?.n3 ?? null) > 0,
    evaluationPending: moduleOpen && completed && count(facts?.n5 ?? null) === 0,
    sector: facts?.s1 ?? null,
    nextCandidates: [...candidates.values()]
      .sort((a, b) => a.position - b.position)
      .map(({ position: _position, ...candidate }) => candidate),
  };
}
