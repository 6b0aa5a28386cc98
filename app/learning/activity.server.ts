import type { PrismaClient } from "@prisma/client";

import { lessonId as toLessonId } from "~/content/sync.server";

/**
 * Measured active reading time per lesson. The lesson page sends a heartbeat every
 * HEARTBEAT_SECONDS (activity.ts) while it is visible and the learner used mouse, keyboard, touch or scroll
 * recently; the server adds the time since the previous heartbeat (or since the lesson was
 * opened), but never more than MAX_GAP_SECONDS at once. So the browser can only say "still
 * here": the clock is the server's, and a tab left open overnight counts for nothing.
 */
export const MAX_GAP_SECONDS = 60;

export function activeTimeUpdate(
  lastActiveAt: Date | null,
  now: Date,
): { lastActiveAt: Date; activeSeconds?: { increment: number } } {
  if (!lastActiveAt) return { lastActiveAt: now };
  const gap = Math.floor((now.getTime() - lastActiveAt.getTime()) / 1000);
  if (gap <= 0 || gap > MAX_GAP_SECONDS) return { lastActiveAt: now };
  return { lastActiveAt: now, activeSeconds: { increment: gap } };
}

/**
 * Returns the lesson's total active seconds, or null when the learner never opened it. `openedAt`
 * is when the page sending the heartbeat was served: a reload writes nothing (progress.server), so
 * the clock restarts from there. A made-up value can only shorten the credited time, never lengthen it.
 */
export async function recordActivity(
  db: PrismaClient,
  {
    userId,
    moduleSlug,
    lessonSlug,
    openedAt = null,
    now = new Date(),
  }: { userId: string; moduleSlug: string; lessonSlug: string; openedAt?: Date | null; now?: Date },
): Promise<number | null> {
  const lessonId = toLessonId(moduleSlug, lessonSlug);
  const progress = await db.lessonProgress.findUnique({
    where: { userId_lessonId: { userId, lessonId } },
    select: { lastActiveAt: true },
  });
  if (!progress) return null;
  const updated = await db.lessonProgress.update({
    where: { userId_lessonId: { userId, lessonId } },
    data: { ...activeTimeUpdate(latest(progress.lastActiveAt, openedAt, now), now), lastSeenAt: now },
    select: { activeSeconds: true },
  });
  return updated.activeSeconds;
}

/** The later of the stored clock start and the page's opening, ignoring an opening in the future. */
function latest(lastActiveAt: Date | null, openedAt: Date | null, now: Date): Date | null {
  if (!openedAt || openedAt > now) return lastActiveAt;
  return !lastActiveAt || openedAt > lastActiveAt ? openedAt : lastActiveAt;
}
