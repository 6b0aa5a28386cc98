import { sendMail } from "~/mail/mailer.server";

import { sendDueReminders } from "./reminders.server";

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
