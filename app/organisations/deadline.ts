/**
 * A cohort deadline is a calendar day in the Netherlands: learners have the whole day, so it is
 * stored as the last millisecond of that day in Europe/Amsterdam. Isomorphic.
 */

import { parseCalendarDay } from "~/domain/calendar-day";
import { amsterdamDayEnd, amsterdamIsoDate } from "~/utils/amsterdam";

/**
 * "2026-03-31" or "31-03-2026" → 2026-03-31T23:59:59.999 Amsterdam time; null for anything that is
 * not a real day.
 */
export function deadlineFromDay(typed: string): Date | null {
  const day = parseCalendarDay(typed);
  if (!day) return null;
  const year = Number(day.slice(0, 4));
  if (year < 2000 || year > 2999) return null;
  return amsterdamDayEnd(day);
}

/** The Amsterdam calendar day of a moment, as "YYYY-MM-DD". */
export function dayOf(date: Date): string {
  return amsterdamIsoDate(date);
}
