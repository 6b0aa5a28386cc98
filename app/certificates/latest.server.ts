import type { PrismaClient } from "@prisma/client";

import { certificateStatus } from "./validity";

export interface CurrentCertificate {
  code: string;
  status: "valid" | "expired";
}

/**
 * The certificate a learner would show for each module: the newest one that is not revoked
 * (a re-certification replaces the earlier one). Modules without such a certificate are absent.
 */
export async function currentCertificatesByModule(
  db: PrismaClient,
  { userId, moduleIds, now }: { userId: string; moduleIds?: readonly string[]; now: Date },
): Promise<Map<string, CurrentCertificate>> {
  const rows = await db.certificate.findMany({
    where: { userId, moduleId: moduleIds ? { in: [...moduleIds] } : undefined },
    orderBy: [{ completedAt: "desc" }, { issuedAt: "desc" }],
    select: { code: true, moduleId: true, expiresAt: true, revokedAt: true },
  });
  const current = new Map<string, CurrentCertificate>();
  for (const row of rows) {
    if (current.has(row.moduleId)) continue;
    const shown = currentCertificate([row], now);
    if (shown) current.set(row.moduleId, shown);
  }
  return current;
}

/**
 * The certificate a learner would show among one module's certificates, given newest first
 * (completed, then issued): the first that is not revoked; null when there is none.
 */
export function currentCertificate(
  newestFirst: readonly { code: string; expiresAt: Date | null; revokedAt: Date | null }[],
  now: Date,
): CurrentCertificate | null {
  for (const row of newestFirst) {
    const status = certificateStatus(row, now);
    if (status !== "revoked") return { code: row.code, status };
  }
  return null;
}

/** Expiry of the learner's latest certificate for a module, for the re-certification notice. */
export async function latestCertificateExpiry(
  db: PrismaClient,
  { userId, moduleId }: { userId: string; moduleId: string },
): Promise<Date | null> {
  const latest = await db.certificate.findFirst({
    where: { userId, moduleId },
    orderBy: { completedAt: "desc" },
    select: { expiresAt: true },
  });
  return latest?.expiresAt ?? null;
}
