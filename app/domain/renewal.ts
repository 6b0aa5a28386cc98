/**
 * When a certificate may be renewed. Shared by the assessment (a passed learner may sit it again
 * once renewal opens) and the certificates (the reminder goes out at that moment).
 */

/** The reminder period of a module without its own certification settings. */
export const DEFAULT_REMINDER_DAYS = 30;

/** From this moment the learner may re-certify and gets a reminder (null: never, no expiry). */
export function renewalOpensAt(expiresAt: Date | null, reminderDays: number): Date | null {
  return expiresAt ? new Date(expiresAt.getTime() - reminderDays * 86_400_000) : null;
}
