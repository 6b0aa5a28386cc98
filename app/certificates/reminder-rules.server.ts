import type { PrismaClient } from "@prisma/client";

import { reminderDue } from "./validity";

/** When a module has no certification row (any more), as `recertificationOpen` assumes. */
const DEFAULT_REMINDER_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Which certificates are due a re-certification reminder: the module's renewal window has
 * opened (its reminderDays before expiry), the certificate is still valid and not revoked, no
 * reminder went out yet, and the learner has no newer certificate for the module. Modules
 * without an assessment are left out: there is nothing to re-certify with.
 */
export async function findDueReminders(db: PrismaClient, now: Date) {
  const longest = await db.moduleCertification.aggregate({ _max: { reminderDays: true } });
  const horizon = new Date(now.getTime() + Math.max(longest._max.reminderDays ?? 0, DEFAULT_REMINDER_DAYS) * DAY_MS);
  const candidates = await db.certificate.findMany({
    where: {
      revokedAt: null,
      reminderSentAt: null,
      expiresAt: { gt: now, lte: horizon },
      module: { archived: false, hasAssessment: true },
    },
    orderBy: { expiresAt: "asc" },
    select: {
      id: true,
      code: true,
      userId: true,
      moduleId: true,
      moduleTitles: true,
      completedAt: true,
      expiresAt: true,
      revokedAt: true,
      reminderSentAt: true,
      user: { select: { name: true, email: true, locale: true } },
      module: { select: { certification: { select: { reminderDays: true } } } },
    },
  });

  const due: typeof candidates = [];
  for (const certificate of candidates) {
    if (!reminderDue(certificate, certificate.module.certification?.reminderDays ?? DEFAULT_REMINDER_DAYS, now))
      continue;
    const newer = await db.certificate.count({
      where: {
        userId: certificate.userId,
        moduleId: certificate.moduleId,
        completedAt: { gt: certificate.completedAt },
      },
    });
    if (newer === 0) due.push(certificate);
  }
  return due;
}
