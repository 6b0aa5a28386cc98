import type { PrismaClient } from "@prisma/client";

import { userHasPermission } from "~/auth/permissions";
import { isRole } from "~/auth/user";
import { writeAudit } from "~/db/audit.server";

import { parseCode } from "./code";
import { learnerName, revokeReason } from "./forms";

/**
 * An administrator's changes to a certificate after it is issued: revoking it, or correcting the
 * learner's name (a re-issue under the same code). Every change leaves a CertificateEvent and an
 * AuditLog row. What an administrator sees is in admin-detail.server; reminders to re-certify in
 * reminders.server.
 */

async function mayManageCertificates(db: PrismaClient, actorId: string): Promise<boolean> {
  const actor = await db.user.findUnique({ where: { id: actorId }, select: { role: true } });
  return actor !== null && isRole(actor.role) && userHasPermission({ role: actor.role }, "manage:certificates:any");
}

// ---------------------------------------------------------------------------------------------
// Revocation

export type RevokeResult =
  | { ok: true }
  | { ok: false; error: "forbidden" | "invalid_reason" | "not_found" }
  | { ok: false; error: "already_revoked"; revokedAt: Date };

/**
 * Revokes a certificate for good, with the reason the verification page shows. A second
 * revocation is refused (the first reason and date stay), also when two arrive at once.
 */
export async function revokeCertificate(
  db: PrismaClient,
  { code, reason, actorId, now }: { code: string; reason: string; actorId: string; now: Date },
): Promise<RevokeResult> {
  const checkedReason = revokeReason.safeParse(reason);
  if (!checkedReason.success) return { ok: false, error: "invalid_reason" };
  if (!(await mayManageCertificates(db, actorId))) return { ok: false, error: "forbidden" };
  const canonical = parseCode(code);
  if (!canonical) return { ok: false, error: "not_found" };

  return db.$transaction(async (tx) => {
    const certificate = await tx.certificate.findUnique({
      where: { code: canonical },
      select: { id: true, revokedAt: true },
    });
    if (!certificate) return { ok: false, error: "not_found" } as const;
    const revoked = await tx.certificate.updateMany({
      where: { id: certificate.id, revokedAt: null },
      data: { revokedAt: now, revokedReason: checkedReason.data },
    });
    if (revoked.count !== 1)
      return { ok: false, error: "already_revoked", revokedAt: certificate.revokedAt ?? now } as const;
    const details = JSON.stringify({ reason: checkedReason.data });
    await tx.certificateEvent.create({
      data: { certificateId: certificate.id, action: "revoked", details, actorId, createdAt: now },
    });
    await writeAudit(tx, {
      actorId,
      action: "certificate.revoked",
      details: { code: canonical, reason: checkedReason.data },
      at: now,
    });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Name correction

export type ReissueResult =
  | { ok: true; nameChanged: boolean; reissued: string[] }
  | { ok: false; error: "forbidden" | "invalid_name" | "not_found" };

/**
 * Corrects a learner's name and re-issues each of their certificates that is not revoked and
 * still carries another name: same code, version + 1, and a "reissued" event with both names.
 * Running it again with the same name changes nothing.
 */
export async function correctNameAndReissue(
  db: PrismaClient,
  { userId, newName, actorId, now }: { userId: string; newName: string; actorId: string; now: Date },
): Promise<ReissueResult> {
  const checkedName = learnerName.safeParse(newName);
  if (!checkedName.success) return { ok: false, error: "invalid_name" };
  if (!(await mayManageCertificates(db, actorId))) return { ok: false, error: "forbidden" };
  const name = checkedName.data;

  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true } });
    if (!user) return { ok: false, error: "not_found" } as const;
    const nameChanged = user.name !== name;
    if (nameChanged) await tx.user.update({ where: { id: userId }, data: { name } });

    const outdated = await tx.certificate.findMany({
      where: { userId, revokedAt: null, learnerName: { not: name } },
      orderBy: { completedAt: "asc" },
      select: { id: true, code: true, learnerName: true, version: true },
    });
    for (const certificate of outdated) {
      const version = certificate.version + 1;
      await tx.certificate.update({ where: { id: certificate.id }, data: { learnerName: name, version } });
      await tx.certificateEvent.create({
        data: {
          certificateId: certificate.id,
          action: "reissued",
          details: JSON.stringify({ previousName: certificate.learnerName, learnerName: name, version }),
          actorId,
          createdAt: now,
        },
      });
    }
    const reissued = outdated.map((certificate) => certificate.code);
    if (nameChanged || reissued.length > 0) {
      await writeAudit(tx, {
        actorId,
        action: "user.name_corrected",
        details: { userId, from: user.name, to: name, reissued },
        at: now,
      });
    }
    return { ok: true, nameChanged, reissued } as const;
  });
}
