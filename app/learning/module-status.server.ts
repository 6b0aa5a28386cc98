import type { PrismaClient } from "@prisma/client";

import type { OpenAttemptProgress } from "./module-status";

/**
 * The learner's unsubmitted assessment attempt per module, with how many of its questions
 * already have a saved answer ("3 van 6 beantwoord").
 */
export async function openAttemptProgress(
  db: PrismaClient,
  { userId, moduleIds }: { userId: string; moduleIds: readonly string[] },
): Promise<Map<string, OpenAttemptProgress>> {
  if (moduleIds.length === 0) return new Map();
  const attempts = await db.assessmentAttempt.findMany({
    where: { userId, moduleId: { in: [...moduleIds] }, status: "in_progress" },
    orderBy: { number: "asc" },
    select: { id: true, moduleId: true, items: { select: { selected: true } } },
  });
  return new Map(
    attempts.map((attempt) => [
      attempt.moduleId,
      {
        attemptId: attempt.id,
        answered: attempt.items.filter((item) => item.selected !== null).length,
        total: attempt.items.length,
      },
    ]),
  );
}
