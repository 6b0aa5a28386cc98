/**
 * A cohort deadline is a calendar day in the Netherlands: learners have the whole day, so it is
 * stored as the last millisecond of that day in Europe/Amsterdam. Isomorphic.
 */

const TIME_ZONE = "Europe/Amsterdam";
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function amsterdamParts(date: Date) {
  const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** "2026-03-31" → 2026-03-31T23:59:59.999 Amsterdam time; null for anything that is not a real day. */
export function deadlineFromDay(day: string): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const asUtc = Date.UTC(year, month - 1, date, 23, 59, 59, 999);
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date || year < 2000 || year > 2999) return null;
  // The Amsterdam wall clock at that UTC instant tells the offset (no DST change happens near midnight).
  const local = amsterdamParts(new Date(asUtc));
  const localAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, 999);
  return new Date(asUtc - (localAsUtc - asUtc));
}

/** The Amsterdam calendar day of a moment, as "YYYY-MM-DD". */
export function dayOf(date: Date): string {
  const p = amsterdamParts(date);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}
