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

/** A cohort is overdue once its deadline day has ended; a cohort without a deadline never is. */
export function isCohortOverdue(deadline: Date | null, now: Date): boolean {
  return deadline !== null && deadline < now;
}

/**
 * A cohort's deadline binds only the members who were already in the cohort when it passed:
 * someone who joins afterwards could never have met it, so their modules are not late.
 */
export function deadlineAppliesTo(deadline: Date | null, joinedAt: Date): boolean {
  return deadline !== null && joinedAt <= deadline;
}

/** "Te laat" for a learner's module: not completed, and a deadline that bound them has passed. */
export function isModuleOverdue({
  deadline,
  joinedAt,
  completed,
  now,
}: {
  deadline: Date | null;
  joinedAt: Date;
  completed: boolean;
  now: Date;
}): boolean {
  return !completed && deadlineAppliesTo(deadline, joinedAt) && isCohortOverdue(deadline, now);
}

/** Joining a cohort whose deadline has passed needs the learner's explicit confirmation first. */
export function joinNeedsDeadlineConfirmation(deadline: Date | null, now: Date): boolean {
  return isCohortOverdue(deadline, now);
}
