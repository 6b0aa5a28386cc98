import type { Prisma, PrismaClient } from "@prisma/client";

import { DEFAULT_REMINDER_DAYS, renewalOpensAt } from "~/domain/renewal";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Whether the learner may take the assessment again to renew their certificate: their latest
 * certificate for the module expires, and the reminder period before that has begun.
 */
export async function recertificationOpen(
  db: Db,
  { userId, moduleId, now }: { userId: string; moduleId: string; now: Date },
): Promise<boolean> {
  const latest = await db.certificate.findFirst({
    where: { userId, moduleId },
    orderBy: { completedAt: "desc" },
    select: {
      expiresAt: true,
      revokedAt: true,
      module: { select: { certification: { select: { reminderDays: true } } } },
    },
  });
  return renewalOpen(latest, latest?.module.certification?.reminderDays ?? null, now);
}

/** The same rule on rows already read: the latest certificate (by completion) and the module's reminder days. */
export function renewalOpen(
  latest: { expiresAt: Date | null; revokedAt: Date | null } | null | undefined,
  reminderDays: number | null,
  now: Date,
): boolean {
  if (!latest || latest.revokedAt) return false;
  const opens = renewalOpensAt(latest.expiresAt, reminderDays ?? DEFAULT_REMINDER_DAYS);
  return opens !== null && opens <= now;
}
