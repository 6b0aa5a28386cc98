/**
 * Report months: yyyymm integers on the Europe/Amsterdam calendar, so a completion at 00:30 on
 * 1 April in Amsterdam counts in April although it is still March in UTC.
 */

import { AMSTERDAM_TIME_ZONE } from "~/utils/amsterdam";

export type Month = number;

const monthFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: AMSTERDAM_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
});

export function monthOf(date: Date): Month {
  let year = 0;
  let month = 0;
  for (const part of monthFormatter.formatToParts(date)) {
    if (part.type === "year") year = Number(part.value);
    if (part.type === "month") month = Number(part.value);
  }
  return year * 100 + month;
}

const MONTH_INPUT = /^(\d{4})-(\d{2})$/;

/** "2026-03" (the value of an <input type="month">) → 202603; null for anything else. */
export function parseMonthInput(value: string): Month | null {
  const match = MONTH_INPUT.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1970 || month < 1 || month > 12) return null;
  return year * 100 + month;
}

export function formatMonthInput(month: Month): string {
  return `${String(Math.floor(month / 100)).padStart(4, "0")}-${String(month % 100).padStart(2, "0")}`;
}

/** The month after `month` (202612 → 202701). */
export function nextMonth(month: Month): Month {
  return month % 100 === 12 ? (Math.floor(month / 100) + 1) * 100 + 1 : month + 1;
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) months.push(month);
  return months;
}
