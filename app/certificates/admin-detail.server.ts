import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { jsonColumn } from "~/db/json-column";
import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";

import { parseCode } from "./code";
import { CERTIFICATE_SNAPSHOT_SELECT } from "./issue.server";
import { certificateStatus, type CertificateStatus } from "./validity";
import { moduleTitleFor, parseAccreditations, type VerifiedAccreditation } from "./verify.server";

/** One certificate as an administrator sees it, with the history of what happened to it. */

const EventDetails = z
  .object({
    reason: z.string(),
    previousName: z.string(),
    learnerName: z.string(),
    locale: z.string(),
  })
  .partial();
const eventDetailsColumn = jsonColumn(EventDetails, {});

export interface CertificateHistoryEntry {
  id: number;
  action: string;
  createdAt: Date;
  /** null: done by the system (issuing, reminders); "deleted" when the account no longer exists. */
  actor: { name: string } | "deleted" | null;
  details: z.infer<typeof EventDetails>;
}

export interface CertificateAdminDetail {
  code: string;
  status: CertificateStatus;
  version: number;
  learnerName: string;
  learner: { id: string; name: string; email: string };
  moduleId: string;
  moduleTitle: string;
  moduleTitleLocale: Locale;
  contentHash: string;
  completedAt: Date;
  issuedAt: Date;
  studyMinutes: number;
  accreditations: VerifiedAccreditation[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  reminderSentAt: Date | null;
  history: CertificateHistoryEntry[];
}

/** Everything an administrator sees about one certificate, with its history oldest first. */
export async function getCertificateAdminDetail(
  db: PrismaClient,
  { code, locale, now }: { code: string; locale: Locale; now: Date },
): Promise<CertificateAdminDetail | null> {
  const canonical = parseCode(code);
  if (!canonical) return null;
  const row = await db.certificate.findUnique({
    where: { code: canonical },
    select: {
      ...CERTIFICATE_SNAPSHOT_SELECT,
      moduleId: true,
      revokedReason: true,
      reminderSentAt: true,
      user: { select: { id: true, name: true, email: true } },
      events: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, action: true, createdAt: true, actorId: true, details: true },
      },
    },
  });
  if (!row) return null;
  const actorIds = [...new Set(row.events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const actorNames = new Map(actors.map((actor) => [actor.id, actor.name]));
  const title = moduleTitleFor(row.moduleTitles, locale);
  return {
    code: row.code,
    status: certificateStatus(row, now),
    version: row.version,
    learnerName: row.learnerName,
    learner: row.user,
    moduleId: row.moduleId,
    moduleTitle: title?.title ?? row.moduleId,
    moduleTitleLocale: title?.locale ?? DEFAULT_LOCALE,
    contentHash: row.contentHash,
    completedAt: row.completedAt,
    issuedAt: row.issuedAt,
    studyMinutes: row.studyMinutes,
    accreditations: parseAccreditations(row.accreditations),
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    reminderSentAt: row.reminderSentAt,
    history: row.events.map((event) => {
      const name = event.actorId ? actorNames.get(event.actorId) : undefined;
      return {
        id: event.id,
        action: event.action,
        createdAt: event.createdAt,
        actor: event.actorId ? (name === undefined ? "deleted" : { name }) : null,
        details: eventDetailsColumn.parse(event.details),
      };
    }),
  };
}

/** Whose certificate this is (for the name correction on its page), or null. */
export async function certificateOwnerId(db: PrismaClient, code: string): Promise<string | null> {
  const canonical = parseCode(code);
  if (!canonical) return null;
  const certificate = await db.certificate.findUnique({ where: { code: canonical }, select: { userId: true } });
  return certificate?.userId ?? null;
}
