import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { writeAudit } from "~/db/audit.server";
import { jsonColumn } from "~/db/json-column";
import { appOrigin } from "~/config/app-origin.server";
import { userHasPermission } from "~/auth/permissions";
import { isRole } from "~/auth/user";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";
import { createTranslator, formatDate } from "~/i18n";
import { sendMail, type MailMessage } from "~/mail/mailer.server";

import { parseCode } from "./code";
import { learnerName, revokeReason } from "./forms";
import { CERTIFICATE_SNAPSHOT_SELECT } from "./issue.server";
import { certificateStatus, reminderDue, type CertificateStatus } from "./validity";
import { moduleTitleFor, parseAccreditations, type VerifiedAccreditation } from "./verify.server";

/**
 * What happens to a certificate after it is issued: an administrator revokes it or corrects the
 * learner's name (a re-issue under the same code), and the learner is reminded to re-certify
 * before it expires. Every change leaves a CertificateEvent; administrators' changes also an
 * AuditLog row.
 */

/** When a module has no certification row (any more), as `recertificationOpen` assumes. */
const DEFAULT_REMINDER_DAYS = 30;
const DAY_MS = 86_400_000;

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

// ---------------------------------------------------------------------------------------------
// Administrator's view

const EventDetails = z
  .object({
    reason: z.string(),
    previousName: z.string(),
    learnerName: z.string(),
    locale: z.string(),
  })
  .partial();

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

const eventDetailsColumn = jsonColumn(EventDetails, {});

/** Whose certificate this is (for the name correction on its page), or null. */
export async function certificateOwnerId(db: PrismaClient, code: string): Promise<string | null> {
  const canonical = parseCode(code);
  if (!canonical) return null;
  const certificate = await db.certificate.findUnique({ where: { code: canonical }, select: { userId: true } });
  return certificate?.userId ?? null;
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

// ---------------------------------------------------------------------------------------------
// Reminders

export interface ReminderOptions {
  now: Date;
  send: (message: MailMessage) => Promise<void>;
  /** One line per step, for the CLI's progress output. */
  log: (line: string) => void;
  /** Origin of the re-certification link; defaults to appOrigin(). */
  origin?: string;
}

export interface ReminderSummary {
  /** Certificates whose reminder was due in this run. */
  due: number;
  sent: number;
  failures: Array<{ code: string; error: string }>;
}

function reminderOrigin(explicit?: string): string {
  return explicit ? new URL(explicit).origin : appOrigin();
}

/**
 * Sends each reminder that is due: the module's renewal window has opened (its reminderDays
 * before expiry), the certificate is still valid and not revoked, no reminder went out yet, and
 * the learner has no newer certificate for the module. Modules without an assessment are left
 * out: there is nothing to re-certify with. A certificate is claimed before its mail is sent, so
 * two runs at once never send it twice; a failed send releases the claim for the next run.
 */
export async function sendDueReminders(db: PrismaClient, options: ReminderOptions): Promise<ReminderSummary> {
  const { now, send, log } = options;
  const origin = reminderOrigin(options.origin);
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
  log(`${due.length} certificate reminder(s) due`);

  const summary: ReminderSummary = { due: due.length, sent: 0, failures: [] };
  for (const [index, certificate] of due.entries()) {
    const step = `[${index + 1}/${due.length}] ${certificate.code}`;
    const claimed = await db.certificate.updateMany({
      where: { id: certificate.id, reminderSentAt: null, revokedAt: null },
      data: { reminderSentAt: now },
    });
    if (claimed.count !== 1) {
      log(`${step}: already handled elsewhere, skipped`);
      continue;
    }
    const locale: Locale = isLocale(certificate.user.locale) ? certificate.user.locale : DEFAULT_LOCALE;
    const mail = reminderMail(locale, {
      name: certificate.user.name,
      module: moduleTitleFor(certificate.moduleTitles, locale)?.title ?? certificate.moduleId,
      code: certificate.code,
      expiresAt: certificate.expiresAt ?? now,
      link: `${origin}/modules/${encodeURIComponent(certificate.moduleId)}/toets`,
    });
    try {
      await send({ to: certificate.user.email, ...mail });
    } catch (error) {
      await db.certificate.updateMany({
        where: { id: certificate.id, reminderSentAt: now },
        data: { reminderSentAt: null },
      });
      const message = error instanceof Error ? error.message : String(error);
      summary.failures.push({ code: certificate.code, error: message });
      log(`${step}: sending failed (${message}); will be retried on the next run`);
      continue;
    }
    await db.certificateEvent.create({
      data: { certificateId: certificate.id, action: "reminded", details: JSON.stringify({ locale }), createdAt: now },
    });
    summary.sent++;
    log(`${step}: reminder sent (${locale})`);
  }
  return summary;
}

export function reminderMail(
  locale: Locale,
  input: { name: string; module: string; code: string; expiresAt: Date; link: string },
): { subject: string; text: string } {
  const t = createTranslator(locale);
  const date = formatDate(locale, input.expiresAt);
  const text = [
    t("certificateReminder.greeting", { name: input.name }),
    "",
    t("certificateReminder.expires", { module: input.module, code: input.code, date }),
    t("certificateReminder.action"),
    "",
    input.link,
    "",
    t("certificateReminder.after"),
    "",
    t("certificateReminder.signature"),
    "",
  ].join("\n");
  return { subject: t("certificateReminder.subject", { module: input.module, date }), text };
}

const HOUR_MS = 3_600_000;
/** A restart should not postpone reminders by a whole interval, nor slow down start-up. */
const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Sends due reminders once a minute after start and then every hour, without keeping the
 * process alive; a failed run is logged and the next one tries again. CERTIFICATE_REMINDERS=off
 * turns it off (returns null). Call once when the server starts.
 */
export function startReminderSchedule(
  env: Record<string, string | undefined> = process.env,
): { stop: () => void } | null {
  if (env.CERTIFICATE_REMINDERS === "off") return null;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const { prisma, databaseReady } = await import("~/db/client.server");
      await databaseReady();
      const summary = await sendDueReminders(prisma, { now: new Date(), send: sendMail, log: () => undefined });
      if (summary.due > 0) console.info(`certificate reminders: ${summary.sent} of ${summary.due} sent`);
      for (const failure of summary.failures)
        console.error(`certificate reminder for ${failure.code} failed: ${failure.error}`);
    } catch (error) {
      console.error("certificate reminders: run failed", error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), FIRST_RUN_DELAY_MS);
  const interval = setInterval(() => void run(), HOUR_MS);
  first.unref();
  interval.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}
