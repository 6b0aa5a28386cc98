import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { calendarDayField, formatCalendarDayInput, parseCalendarDay } from "./calendar-day";

/** Days from 1900 to 2999 as UTC midnights, with their parts. */
const days = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => ({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    iso: date.toISOString().slice(0, 10),
  }));
const two = (value: number) => String(value).padStart(2, "0");

describe("parseCalendarDay", () => {
  it("reads ISO days and Dutch days (dd-mm-jjjj, d-m-jjjj)", () => {
    expect(parseCalendarDay("2026-12-07")).toBe("2026-12-07");
    expect(parseCalendarDay("07-12-2026")).toBe("2026-12-07");
    expect(parseCalendarDay("7-12-2026")).toBe("2026-12-07");
    expect(parseCalendarDay("7-3-2027")).toBe("2027-03-07");
    expect(parseCalendarDay(" 31-03-2027 ")).toBe("2027-03-31");
    expect(parseCalendarDay("7/3/2027")).toBe("2027-03-07");
    expect(parseCalendarDay("07.03.2027")).toBe("2027-03-07");
  });

  it("puts the day before the month, the Dutch way", () => {
    expect(parseCalendarDay("03-07-2027")).toBe("2027-07-03");
    expect(parseCalendarDay("12-01-2027")).toBe("2027-01-12");
  });

  it("knows leap years", () => {
    expect(parseCalendarDay("29-02-2028")).toBe("2028-02-29");
    expect(parseCalendarDay("29-02-2027")).toBeNull();
    expect(parseCalendarDay("29-02-2100")).toBeNull();
    expect(parseCalendarDay("2000-02-29")).toBe("2000-02-29");
  });

  it("refuses days that do not exist and text that is not a day", () => {
    for (const text of [
      "",
      "31-04-2027",
      "32-01-2027",
      "00-01-2027",
      "01-13-2027",
      "01-00-2027",
      "2027-02-30",
      "2027-13-01",
      "12-2027",
      "1-1-27",
      "01-01-20271",
      "7-3/2027",
      "7 maart 2027",
      "2027/03/07",
      "morgen",
      "2027-03-07T10:00",
      "٠٧-٠٣-٢٠٢٧",
    ]) {
      expect(parseCalendarDay(text), text).toBeNull();
    }
  });

  it("reads every real day in every accepted way as the same ISO day", () => {
    fc.assert(
      fc.property(days, fc.constantFrom("-", "/", "."), fc.boolean(), ({ year, month, day, iso }, sep, padded) => {
        const d = padded ? two(day) : String(day);
        const m = padded ? two(month) : String(month);
        expect(parseCalendarDay(iso)).toBe(iso);
        expect(parseCalendarDay(`${d}${sep}${m}${sep}${year}`)).toBe(iso);
      }),
    );
  });

  it("round-trips what a form shows", () => {
    fc.assert(
      fc.property(days, ({ iso }) => {
        expect(formatCalendarDayInput(iso)).toMatch(/^\d{2}-\d{2}-\d{4}$/);
        expect(parseCalendarDay(formatCalendarDayInput(iso))).toBe(iso);
      }),
    );
  });

  it("returns either null or a day that exists for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (text) => {
        const day = parseCalendarDay(text);
        if (day === null) return;
        expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(day);
      }),
    );
  });

  it("refuses a day past the end of its month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
        expect(parseCalendarDay(`${daysInMonth}-${month}-${year}`)).not.toBeNull();
        expect(parseCalendarDay(`${daysInMonth + 1}-${month}-${year}`)).toBeNull();
      }),
    );
  });
});

describe("calendarDayField", () => {
  const field = calendarDayField("some.key");

  it("turns any accepted form into the ISO day", () => {
    expect(field.parse("7-3-2027")).toBe("2027-03-07");
    expect(field.parse("2027-03-07")).toBe("2027-03-07");
  });

  it("fails with its message for a day that does not exist, text, or no value", () => {
    for (const input of ["31-02-2027", "volgende week", "x".repeat(100), undefined, 20270307]) {
      const result = field.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("some.key");
    }
  });
});
