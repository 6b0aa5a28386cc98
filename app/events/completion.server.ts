import type { Tx } from "~/domain/learning-events";
import { scormModuleResult } from "~/scorm/completion.server";

export interface CompletionFact {
  completedAt: Date;
  contentHash: string;
  percent: number | null;
  /** The passed attempt the completion rests on; null for a module without an assessment. */
  attemptId: string | null;
}

export interface CompletionCheck {
  /** The stored fact when the module is (now or already) complete, else null. */
  fact: CompletionFact | null;
  /** True only when this check wrote the fact. */
  isNew: boolean;
}

const NOT_COMPLETE: CompletionCheck = { fact: null, isNew: false };

/**
 * The completion rule: every current lesson is done, and the final assessment is passed unless
 * the module has none. A SCORM module has SCOs instead of lessons: every SCO of its table of
 * contents must be done (app/scorm/completion.server.ts). When the rule holds for the first time,
 * the completion is stored as a fact (time, content version, passed attempt) and the enrollment is
 * marked completed. It spans learning, assessment and SCORM, so it lives with the event service,
 * the one caller, which issues the certificate for a new fact.
 */
export async function completeModuleIfDone(
  tx: Tx,
  { userId, moduleId, now }: { userId: string; moduleId: string; now: Date },
): Promise<CompletionCheck> {
  const existing = await tx.moduleCompletion.findUnique({
    where: { userId_moduleId: { userId, moduleId } },
    select: { completedAt: true, contentHash: true, percent: true, attemptId: true },
  });
  if (existing) return { fact: existing, isNew: false };

  const module = await tx.module.findUnique({
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
    const result = await scormModuleResult(tx, { userId, moduleId });
    if (!result.done) return NOT_COMPLETE;
    return recordCompletion(tx, {
      userId,
      moduleId,
      completedAt: now,
      contentHash: module.contentHash,
      attemptId: null,
      percent: result.percent,
    });
  }
  if (!module || module.lessons.length === 0) return NOT_COMPLETE;
  if (!module.lessons.every((lesson) => lesson.progress.length > 0)) return NOT_COMPLETE;

  let attempt: { id: string; percent: number | null } | null = null;
  if (module.hasAssessment) {
    attempt = await tx.assessmentAttempt.findFirst({
      where: { userId, moduleId, status: "submitted", passed: true },
      orderBy: { submittedAt: "asc" },
      select: { id: true, percent: true },
    });
    if (!attempt) return NOT_COMPLETE;
  }

  return recordCompletion(tx, {
    userId,
    moduleId,
    completedAt: now,
    contentHash: module.contentHash,
    attemptId: attempt?.id ?? null,
    percent: attempt?.percent ?? null,
  });
}

/** Stores the completion fact and marks the enrollment completed. */
async function recordCompletion(
  tx: Tx,
  { userId, moduleId, ...fact }: { userId: string; moduleId: string } & CompletionFact,
): Promise<CompletionCheck> {
  await tx.moduleCompletion.create({ data: { userId, moduleId, ...fact } });
  await tx.enrollment.updateMany({
    where: { userId, moduleId },
    data: { status: "completed", completedAt: fact.completedAt, contentHash: fact.contentHash },
  });
  return { fact, isNew: true };
}
