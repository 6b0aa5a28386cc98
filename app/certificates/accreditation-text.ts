import type { Translate } from "~/i18n";

/** Certificate settings in words, for the admin pages (both run in the browser too). */

export function validityText(t: Translate, months: number | null): string {
  if (months === null) return t("accreditation.noExpiry");
  return t(months === 1 ? "accreditation.monthsOne" : "accreditation.months", { months });
}

export function reminderText(t: Translate, days: number): string {
  return t(days === 1 ? "accreditation.daysOne" : "accreditation.days", { days });
}
