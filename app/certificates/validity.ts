/** Certificate lifecycle rules: expiry, status and when the re-certification reminder is due. */

import { renewalOpensAt } from "~/domain/renewal";

export type CertificateStatus = "valid" | "expired" | "revoked";

/**
 * `months` calendar months after `from`; a day that does not exist in the target month becomes
 * that month's last day (31 January + 1 month = 28/29 February).
 */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  target.setUTCHours(from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds());
  return target;
}

export function expiryDate(completedAt: Date, validityMonths: number | null): Date | null {
  return validityMonths === null ? null : addMonths(completedAt, validityMonths);
}

export function certificateStatus(
  certificate: { expiresAt: Date | null; revokedAt: Date | null },
  now: Date,
): CertificateStatus {
  if (certificate.revokedAt && certificate.revokedAt <= now) return "revoked";
  if (certificate.expiresAt && certificate.expiresAt <= now) return "expired";
  return "valid";
}

export function reminderDue(
  certificate: { expiresAt: Date | null; revokedAt: Date | null; reminderSentAt: Date | null },
  reminderDays: number,
  now: Date,
): boolean {
  const opens = renewalOpensAt(certificate.expiresAt, reminderDays);
  return (
    opens !== null &&
    !certificate.revokedAt &&
    !certificate.reminderSentAt &&
    opens <= now &&
    certificateStatus(certificate, now) === "valid"
  );
}
