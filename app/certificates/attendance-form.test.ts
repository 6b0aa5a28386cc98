import { describe, expect, it } from "vitest";

import { AttendanceSelectionSchema, defaultAttendancePeriod, periodBounds } from "./attendance-form";

const valid = { module: "04-zorg", register: "vvn", from: "2026-03-01", to: "2026-03-31" };

function fieldErrors(input: Record<string, unknown>) {
  const parsed = AttendanceSelectionSchema.safeParse(input);
  return parsed.success ? {} : parsed.error.flatten().fieldErrors;
}

describe("AttendanceSelectionSchema", () => {
  it("accepts a module, a register and a period of whole Amsterdam days", () => {
    expect(AttendanceSelectionSchema.parse(valid)).toEqual(valid);
    expect(AttendanceSelectionSchema.parse({ ...valid, to: valid.from })).toMatchObject({ to: valid.from });
  });

  it("takes days as dd-mm-jjjj and d-m-jjjj too, and hands them on as jjjj-mm-dd", () => {
    expect(AttendanceSelectionSchema.parse({ ...valid, from: "01-03-2026", to: "31-3-2026" })).toEqual(valid);
  });

  it("refuses days that do not exist, malformed days and a period that runs backwards", () => {
    expect(fieldErrors({ ...valid, from: "2026-02-30" })).toEqual({ from: ["attendance.error.date"] });
    expect(fieldErrors({ ...valid, to: "31-04-2026" })).toEqual({ to: ["attendance.error.date"] });
    expect(fieldErrors({ ...valid, to: "31/03/26" })).toEqual({ to: ["attendance.error.date"] });
    expect(fieldErrors({ ...valid, to: "" })).toEqual({ to: ["attendance.error.date"] });
    expect(fieldErrors({ ...valid, from: "2026-04-01" })).toEqual({ to: ["attendance.error.period"] });
  });

  it("refuses an unknown register and a missing module", () => {
    expect(fieldErrors({ ...valid, register: "big-ish" })).toEqual({ register: ["attendance.error.register"] });
    expect(fieldErrors({ ...valid, module: " " })).toEqual({ module: ["attendance.error.module"] });
  });
});

describe("periodBounds", () => {
  it("runs from the first day's midnight to the midnight after the last day, in Amsterdam time", () => {
    // 29 March 2026 is the day clocks go forward: the period still ends at the next midnight.
    expect(periodBounds({ from: "2026-03-29", to: "2026-03-29" })).toEqual({
      from: new Date("2026-03-28T23:00:00.000Z"),
      to: new Date("2026-03-29T22:00:00.000Z"),
    });
  });
});

describe("defaultAttendancePeriod", () => {
  it("starts on the first day of last month and ends today in Amsterdam", () => {
    // 23:30 UTC on 31 January is already 1 February in Amsterdam.
    expect(defaultAttendancePeriod(new Date("2026-01-31T23:30:00Z"))).toEqual({ from: "2026-01-01", to: "2026-02-01" });
  });
});
