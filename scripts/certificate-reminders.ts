/**
 * Sends the certificate reminders that are due now: `tsx scripts/certificate-reminders.ts`.
 * Prints a line per certificate and a summary; exits 1 when a mail could not be sent (that
 * certificate is tried again on the next run). The server does the same every hour unless
 * CERTIFICATE_REMINDERS=off; both can run at once without sending a reminder twice.
 */
import { sendDueReminders } from "../app/certificates/reminders.server";
import { databaseReady, prisma } from "../app/db/client.server";
import { sendMail } from "../app/mail/mailer.server";

async function main(): Promise<number> {
  await databaseReady();
  const now = new Date();
  console.log(`Certificate reminders due at ${now.toISOString()}`);
  const summary = await sendDueReminders(prisma, { now, send: sendMail, log: (line) => console.log(line) });
  console.log(`${summary.sent} sent, ${summary.failures.length} failed, of ${summary.due} due`);
  return summary.failures.length > 0 ? 1 : 0;
}

main()
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  )
  .finally(() => prisma.$disconnect());
