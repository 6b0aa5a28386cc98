/**
 * Calendar days in the Netherlands (Europe/Amsterdam), for periods, deadlines and file names.
 * Isomorphic: only Intl.
 */

export const AMSTERDAM_TIME_ZONE = "Europe/Amsterdam";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const wallClock = new Intl.DateTimeFormat("en-US", {
  timeZone: AMSTERDAM_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

// en-CA formats as YYYY-MM-DD.
const isoDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: AMSTERDAM_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Milliseconds Amsterdam is ahead of UTC at `instant` (3,600,000 in winter, 7,200,000 in summer). */
function amsterdamOffset(instant: number): number {
  const parts = wallClock.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return local - Math.floor(instant / 1000) * 1000;
}

/** The UTC midnight of a `YYYY-MM-DD` day that exists, else null. */
function utcMidnightOf(isoDate: string): number | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const check = new Date(utcMidnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utcMidnight;
}

function startOfDay(utcMidnight: number): Date {
  // Clocks change at 02:00 or 03:00 local time, never around midnight: the offset at the guess
  // is the offset at midnight; asking twice makes that true even at a day's edge.
  const guess = utcMidnight - amsterdamOffset(utcMidnight);
  return new Date(utcMidnight - amsterdamOffset(guess));
}

/** Midnight in Amsterdam at the start of a `YYYY-MM-DD` day, or null for a day that does not exist. */
export function amsterdamDayStart(isoDate: string): Date | null {
  const utcMidnight = utcMidnightOf(isoDate);
  return utcMidnight === null ? null : startOfDay(utcMidnight);
}

/** The last millisecond of a `YYYY-MM-DD` day in Amsterdam, or null for a day that does not exist. */
export function amsterdamDayEnd(isoDate: string): Date | null {
  const utcMidnight = utcMidnightOf(isoDate);
  if (utcMidnight === null) return null;
  const nextMidnight = new Date(utcMidnight);
  nextMidnight.setUTCDate(nextMidnight.getUTCDate() + 1);
  return new Date(startOfDay(nextMidnight.getTime()).getTime() - 1);
}

/** The `YYYY-MM-DD` day it is in Amsterdam at `date`. */
export function amsterdamIsoDate(date: Date): string {
  return isoDay.format(date);
}
