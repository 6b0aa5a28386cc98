import type { PrismaClient } from "@prisma/client";

import { appOrigin } from "~/config/app-origin.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";
import type { MailMessage } from "~/mail/mailer.server";

import { reminderMail } from "./reminder-mail";
import { findDueReminders } from "./reminder-rules.server";
import { moduleTitleFor } from "./verify.server";

/**
 * Sending the re-certification reminders that reminder-rules.server finds due, each in the
 * learner's language. The schedule that runs this hourly is reminder-scheduler.server.
 */

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
 * Sends each reminder that is due (see findDueReminders). A certificate is claimed before its
 * mail is sent, so two runs at once never send it twice; a failed send releases the claim for the
 * next run.
 */
export async function sendDueReminders(db: PrismaClient, options: ReminderOptions): Promise<ReminderSummary> {
  const { now, send, log } = options;
  const origin = reminderOrigin(options.origin);
  const due = await findDueReminders(db, now);
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
