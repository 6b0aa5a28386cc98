import type { PrismaClient } from "@prisma/client";

import type { RecurringJob } from "~/jobs/worker.server";
import { sendMail } from "~/mail/mailer.server";

import { sendDueReminders } from "./reminders.server";

export const CERTIFICATE_REMINDER_QUEUE = "certificate-reminders";
const HOUR_MS = 3_600_000;

/**
 * Reminders are a recurring job in the job table: once an hour, whichever process claims the
 * hour's job sends them (never one run per process). CERTIFICATE_REMINDERS=off leaves it out.
 */
export function certificateReminderRecurrence(
  env: Record<string, string | undefined> = process.env,
): RecurringJob | null {
  if (env.CERTIFICATE_REMINDERS === "off") return null;
  return { queue: CERTIFICATE_REMINDER_QUEUE, everyMs: HOUR_MS };
}

/**
 * One run of the hourly job. Each certificate is claimed before its mail goes out
 * (sendDueReminders), so even two runs at once send nothing twice. A mail that failed makes the job
 * fail, and its retry sends just the ones that are still due.
 */
export async function runCertificateReminders(
  db: PrismaClient,
  { now = new Date(), send = sendMail }: { now?: Date; send?: typeof sendMail } = {},
): Promise<void> {
  const summary = await sendDueReminders(db, { now, send, log: () => undefined });
  if (summary.due > 0) console.info(`certificate reminders: ${summary.sent} of ${summary.due} sent`);
  if (summary.failures.length === 0) return;
  const codes = summary.failures.map((failure) => `${failure.code} (${failure.error})`).join(", ");
  throw new Error(`certificate reminders failed for ${codes}`);
}
