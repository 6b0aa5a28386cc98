import { z } from "zod";

/**
 * Calendar days as people type them into the forms. The interface writes days the Dutch way
 * (dd-mm-jjjj) and browsers' date pickers send ISO (jjjj-mm-dd); both are accepted, as are a
 * day and month of one digit (7-3-2027) and a slash or dot between the parts (7/3/2027,
 * 7.3.2027), because that is how dates are written in the Netherlands. A day always comes before
 * its month unless the year leads, so "03-07-2027" is 3 July. Isomorphic: forms validate in the
 * browser with the same rule.
 */

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DUTCH_DAY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;

const pad = (value: number, length: number) => String(value).padStart(length, "0");

/** "yyyy-mm-dd" when year, month and day make a day that exists, else null. */
function isoDayOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // setUTCFullYear, unlike Date.UTC, does not move years 0-99 into the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A typed day as "yyyy-mm-dd", or null when it is not a day that exists in one of the accepted forms. */
export function parseCalendarDay(input: string): string | null {
  const text = input.trim();
  const iso = ISO_DAY.exec(text);
  if (iso) return isoDayOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dutch = DUTCH_DAY.exec(text);
  if (dutch) return isoDayOf(Number(dutch[4]), Number(dutch[3]), Number(dutch[1]));
  return null;
}

/** "2027-03-07" → "07-03-2027": how a form shows a day it fills in. */
export function formatCalendarDayInput(isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return `${day}-${month}-${year}`;
}

/** A form field holding one day: it parses to "yyyy-mm-dd" or fails with `message` (an i18n key). */
export function calendarDayField(message: string) {
  return z
    .string({ required_error: message, invalid_type_error: message })
    .max(40, message)
    .transform((value, context) => {
      const day = parseCalendarDay(value);
      if (day === null) {
        context.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return day;
    });
}
