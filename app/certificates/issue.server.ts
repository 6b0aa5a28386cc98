import { randomBytes } from "node:crypto";

import type { Prisma } from "@prisma/client";

import { isUniqueViolation } from "~/db/errors";
import type { Db } from "~/db/types";

import { generateCode } from "./code";
import { expiryDate } from "./validity";

export interface AccreditationSnapshot {
  register: string;
  accreditationId: string;
  points: number;
}

export interface IssueInput {
  userId: string;
  moduleId: string;
  /** The passed attempt the certificate rests on; null for a module without an assessment. */
  attemptId: string | null;
  completedAt: Date;
  now: Date;
  /** Tests pass a deterministic source. */
  random?: (size: number) => Uint8Array;
}

const CODE_TRIES = 3;

/** The fields in which a certificate states what it certifies (its snapshot), for reading it back whole. */
export const CERTIFICATE_SNAPSHOT_SELECT = {
  code: true,
  version: true,
  learnerName: true,
  moduleTitles: true,
  contentHash: true,
  completedAt: true,
  issuedAt: true,
  studyMinutes: true,
  accreditations: true,
  expiresAt: true,
  revokedAt: true,
} as const satisfies Prisma.CertificateSelect;

/**
 * Issues the certificate for a completion (or a passed re-certification attempt). Idempotent: an
 * attempt gets one certificate, and so does a module without an assessment. Everything the
 * certificate states is copied, so later edits to names, titles or accreditation change nothing.
 */
export async function issueCertificate(db: Db, input: IssueInput): Promise<{ id: string; code: string } | null> {
  const { userId, moduleId, attemptId, completedAt, now } = input;
  const existing = await db.certificate.findFirst({
    where: attemptId ? { attemptId } : { userId, moduleId, attemptId: null },
    select: { id: true, code: true },
  });
  if (existing) return existing;

  const [user, module] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { name: true } }),
    db.module.findUnique({
      where: { id: moduleId },
      select: {
        minutes: true,
        contentHash: true,
        locales: { select: { locale: true, title: true } },
        certification: { select: { validityMonths: true } },
        accreditations: {
          orderBy: { register: "asc" },
          select: { register: true, accreditationId: true, points: true },
        },
      },
    }),
  ]);
  if (!user || !module) return null;

  const titles = Object.fromEntries(module.locales.map((locale) => [locale.locale, locale.title]));
  const accreditations: AccreditationSnapshot[] = module.accreditations;
  const random = input.random ?? ((size: number) => new Uint8Array(randomBytes(size)));
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await db.certificate.create({
        data: {
          code: generateCode(random),
          userId,
          moduleId,
          attemptId,
          learnerName: user.name,
          moduleTitles: JSON.stringify(titles),
          contentHash: module.contentHash,
          completedAt,
          studyMinutes: module.minutes,
          accreditations: JSON.stringify(accreditations),
          issuedAt: now,
          expiresAt: expiryDate(completedAt, module.certification?.validityMonths ?? null),
          events: { create: { action: "issued", createdAt: now, details: JSON.stringify({ learnerName: user.name }) } },
        },
        select: { id: true, code: true },
      });
      return created;
    } catch (error) {
      // 80 random bits make a collision a curiosity, but a unique index is the final word.
      const collision = isUniqueViolation(error);
      if (!collision || attempt >= CODE_TRIES) throw error;
    }
  }
}
