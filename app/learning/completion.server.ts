import type { Prisma, PrismaClient } from "@prisma/client";

import { issueCertificate } from "../certificates/issue.server";
import { refreshLearnerReports } from "../reports/refresh.server";
import { scormModuleResult } from "../scorm/completion.server";

type Db = PrismaClient | Prisma.TransactionClient;

export interface CompletionFact {
  completedAt: Date;
  contentHash: string;
  percent: number | null;
}

/**
 * The completion rule: every current lesson is done, and the final assessment is passed unless
 * the module has none. When it holds for the first time, the completion is stored as a fact
 * (time, content version, passed attempt), the enrollment is marked completed and the
 * certificate is issued. A SCORM module has SCOs instead of lessons: every SCO of its table of
 * contents must be done (app/scorm/completion.server.ts).
 * Returns the fact when the module is (now or already) complete, else null.
 */
export async function completeModuleIfDone(
  db: Db,
  { userId, moduleId, now }: { userId: string; moduleId: string; now: Date }
): Promise<CompletionFact | null> {
  const existing = await db.moduleCompletion.findUnique({
    where: { userId_moduleId: { userId, moduleId } },
    select: { completedAt: true, contentHash: true, percent: true },
  });
  if (existing) return existing;

  const module = await db.module.findUnique({
    where: { id: moduleId },
    select: {
      contentHash: true,
      hasAssessment: true,
      kind: true,
      lessons: {
        where: { archived: false },
        select: { progress: { where: { userId, completedAt: { not: null } }, select: { userId: true } } },
      },
    },
  });
  if (module?.kind === "scorm") {
    const result = await scormModuleResult(db, { userId, moduleId });
    if (!result.done) return null;
    return recordCompletion(db, { userId, moduleId, now, contentHash: module.contentHash, attemptId: null, percent: result.percent });
  }
  if (!module || module.lessons.length === 0) return null;
  if (!module.lessons.every((lesson) => lesson.progress.length > 0)) return null;

  let attempt: { id: string; percent: number | null } | null = null;
  if (module.hasAssessment) {
    attempt = await db.assessmentAttempt.findFirst({
      where: { userId, moduleId, status: "submitted", passed: true },
      orderBy: { submittedAt: "asc" },
      select: { id: true, percent: true },
    });
    if (!attempt) return null;
  }

  return recordCompletion(db, {
    userId,
    moduleId,
    now,
    contentHash: module.contentHash,
    attemptId: attempt?.id ?? null,
    percent: attempt?.percent ?? null,
  });
}

/** Stores the completion fact, marks the enrollment completed and issues the certificate. */
async function recordCompletion(
  db: Db,
  { userId, moduleId, now, contentHash, attemptId, percent }:
    { userId: string; moduleId: string; now: Date; contentHash: string; attemptId: string | null; percent: number | null }
): Promise<CompletionFact> {
  const fact = { completedAt: now, contentHash, percent };
  await db.moduleCompletion.create({ data: { userId, moduleId, attemptId, ...fact } });
  await db.enrollment.updateMany({
    where: { userId, moduleId },
    data: { status: "completed", completedAt: now, contentHash },
  });
  await issueCertificate(db, { userId, moduleId, attemptId, completedAt: now, now });
  await refreshLearnerReports(db, { userId, moduleId, now });
  return fact;
}
