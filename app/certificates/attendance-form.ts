import { z } from "zod";

import { calendarDayField } from "~/domain/calendar-day";
import { REGISTERS } from "~/domain/registers";
import { amsterdamDayStart, amsterdamIsoDate } from "~/utils/amsterdam";

/**
 * The attendance export's selection form, shared by the browser (conform), the route and the
 * export functions, so the period rule lives in one place. Messages are i18n keys.
 */

/** Calendar days in Amsterdam, both included. */
export interface AttendancePeriod {
  from: string;
  to: string;
}

/** [from, to) as instants, or null when a day is not a date or the period runs backwards. */
export function periodBounds(period: AttendancePeriod): { from: Date; to: Date } | null {
  const from = amsterdamDayStart(period.from);
  const lastDay = amsterdamDayStart(period.to);
  if (!from || !lastDay || lastDay < from) return null;
  // The day after the last one; 36 hours on from its midnight is always inside it, DST or not.
  const to = amsterdamDayStart(amsterdamIsoDate(new Date(lastDay.getTime() + 36 * 3_600_000)));
  return to ? { from, to } : null;
}

/** From the first day of last month up to today: the usual "what is still to report". */
export function defaultAttendancePeriod(now: Date): AttendancePeriod {
  const [year, month] = amsterdamIsoDate(now).split("-").map(Number) as [number, number];
  const previous = new Date(Date.UTC(year, month - 2, 1));
  return { from: previous.toISOString().slice(0, 10), to: amsterdamIsoDate(now) };
}

/** A day as typed (dd-mm-jjjj or jjjj-mm-dd), parsed to "jjjj-mm-dd". */
const isoDay = calendarDayField("attendance.error.date");

export const AttendanceSelectionSchema = z
  .object({
    module: z
      .string({ required_error: "attendance.error.module" })
      .trim()
      .min(1, "attendance.error.module")
      .max(200, "attendance.error.module"),
    register: z.enum(REGISTERS, { errorMap: () => ({ message: "attendance.error.register" }) }),
    from: isoDay,
    to: isoDay,
  })
  .superRefine((selection, context) => {
    // A day that is not a date has its own message; only two real days can run backwards.
    const bothDays = amsterdamDayStart(selection.from) && amsterdamDayStart(selection.to);
    if (bothDays && !periodBounds(selection)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "attendance.error.period" });
    }
  });
