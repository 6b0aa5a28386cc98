/**
 * SCORM time values. Durations are kept as whole centiseconds: both CMITimespan (SCORM 1.2 RTE 3.4,
 * "HHHH:MM:SS.SS") and timeinterval (second,10,2) (SCORM 2004 RTE 4.1.1, ISO 8601 duration) are precise
 * to 0.01 s, so integers add up exactly where floating-point seconds would drift.
 */

import type { ScormVersion } from "./types";

const CENTIS_PER_SECOND = 100;
const CENTIS_PER_MINUTE = 60 * CENTIS_PER_SECOND;
const CENTIS_PER_HOUR = 60 * CENTIS_PER_MINUTE;
const CENTIS_PER_DAY = 24 * CENTIS_PER_HOUR;
// ISO 8601 leaves the length of a year and a month open; SCORM content practically never uses them.
// These are the conventional nominal lengths.
const CENTIS_PER_MONTH = 30 * CENTIS_PER_DAY;
const CENTIS_PER_YEAR = 365 * CENTIS_PER_DAY;

/** The largest CMITimespan: four hour digits. */
const MAX_TIMESPAN_CENTIS = 9999 * CENTIS_PER_HOUR + 59 * CENTIS_PER_MINUTE + 5999;

// Hours: the RTE asks for 2 to 4 digits; a single digit ("0:05:00") is accepted because content emits it.
const TIMESPAN_PATTERN = /^(\d{1,4}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?$/;

/** SCORM 1.2 CMITimespan → centiseconds, or null when the text is not a CMITimespan. */
export function parseCmiTimespan(text: string): number | null {
  const match = TIMESPAN_PATTERN.exec(text);
  if (!match) return null;
  const [, hours, minutes, seconds, fraction = ""] = match;
  return (
    Number(hours) * CENTIS_PER_HOUR +
    Number(minutes) * CENTIS_PER_MINUTE +
    Number(seconds) * CENTIS_PER_SECOND +
    Number(fraction.padEnd(2, "0"))
  );
}

/** Centiseconds → SCORM 1.2 CMITimespan "HHHH:MM:SS.SS" (capped at the largest value the format holds). */
export function formatCmiTimespan(centis: number): string {
  const total = Math.min(Math.max(0, Math.round(centis)), MAX_TIMESPAN_CENTIS);
  const hours = Math.floor(total / CENTIS_PER_HOUR);
  const minutes = Math.floor((total % CENTIS_PER_HOUR) / CENTIS_PER_MINUTE);
  const seconds = Math.floor((total % CENTIS_PER_MINUTE) / CENTIS_PER_SECOND);
  const fraction = total % CENTIS_PER_SECOND;
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(fraction, 2)}`;
}

// P[nY][nM][nD][T[nH][nM][n[.n]S]]: integers except the seconds, which carry at most two decimals.
const DURATION_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,2}))?S)?)?$/;

/** SCORM 2004 timeinterval (ISO 8601 duration) → centiseconds, or null when the text is not one. */
export function parseIsoDuration(text: string): number | null {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return null;
  const [, years, months, days, hours, minutes, seconds, fraction] = match;
  const dateParts = [years, months, days];
  const timeParts = [hours, minutes, seconds];
  // "P" alone, or a "T" with nothing after it, is not a duration.
  if (![...dateParts, ...timeParts].some((part) => part !== undefined)) return null;
  if (text.includes("T") && !timeParts.some((part) => part !== undefined)) return null;
  return (
    Number(years ?? 0) * CENTIS_PER_YEAR +
    Number(months ?? 0) * CENTIS_PER_MONTH +
    Number(days ?? 0) * CENTIS_PER_DAY +
    Number(hours ?? 0) * CENTIS_PER_HOUR +
    Number(minutes ?? 0) * CENTIS_PER_MINUTE +
    Number(seconds ?? 0) * CENTIS_PER_SECOND +
    Number((fraction ?? "").padEnd(2, "0"))
  );
}

/** Centiseconds → ISO 8601 duration "PT#H#M#S" (zero parts omitted, "PT0S" for nothing). */
export function formatIsoDuration(centis: number): string {
  const total = Math.max(0, Math.round(centis));
  const hours = Math.floor(total / CENTIS_PER_HOUR);
  const minutes = Math.floor((total % CENTIS_PER_HOUR) / CENTIS_PER_MINUTE);
  const secondCentis = total % CENTIS_PER_MINUTE;
  const seconds = Math.floor(secondCentis / CENTIS_PER_SECOND);
  const fraction = secondCentis % CENTIS_PER_SECOND;
  let text = "PT";
  if (hours > 0) text += `${hours}H`;
  if (minutes > 0) text += `${minutes}M`;
  if (secondCentis > 0 || (hours === 0 && minutes === 0)) {
    text += fraction > 0 ? `${seconds}.${pad(fraction, 2).replace(/0$/, "")}S` : `${seconds}S`;
  }
  return text;
}

/** A version's duration (1.2 CMITimespan, 2004 timeinterval) → centiseconds, or null. */
export function parseDuration(version: ScormVersion, text: string): number | null {
  return version === "1.2" ? parseCmiTimespan(text) : parseIsoDuration(text);
}

export function formatDuration(version: ScormVersion, centis: number): string {
  return version === "1.2" ? formatCmiTimespan(centis) : formatIsoDuration(centis);
}

export function centisToSeconds(centis: number): number {
  return centis / CENTIS_PER_SECOND;
}

export function secondsToCentis(seconds: number): number {
  return Math.round(seconds * CENTIS_PER_SECOND);
}

/**
 * total_time + session_time, in the version's format (cmi.core.total_time / cmi.total_time). An empty or
 * invalid operand counts as zero: the LMS owns total_time and a missing session adds nothing.
 */
export function addSessionTime(version: ScormVersion, totalTime: string, sessionTime: string): string {
  const total = parseDuration(version, totalTime) ?? 0;
  const session = parseDuration(version, sessionTime) ?? 0;
  return formatDuration(version, total + session);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
