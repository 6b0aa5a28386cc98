import { describe, expect, it } from "vitest";

import { formatMonthInput, monthOf, monthsBetween, nextMonth, parseMonthInput } from "./month";

describe("monthOf", () => {
  it("uses the Amsterdam calendar in winter and in summer time", () => {
    expect(monthOf(new Date("2026-01-31T22:59:59.999Z"))).toBe(202601);
    expect(monthOf(new Date("2026-01-31T23:00:00.000Z"))).toBe(202602);
    expect(monthOf(new Date("2026-03-31T21:59:59.999Z"))).toBe(202603);
    expect(monthOf(new Date("2026-03-31T22:00:00.000Z"))).toBe(202604);
    expect(monthOf(new Date("2026-10-31T22:30:00.000Z"))).toBe(202610);
    expect(monthOf(new Date("2026-12-31T23:30:00.000Z"))).toBe(202701);
    expect(monthOf(new Date("2026-07-15T12:00:00.000Z"))).toBe(202607);
  });
});

describe("month inputs", () => {
  it("reads and writes yyyy-mm", () => {
    expect(parseMonthInput("2026-03")).toBe(202603);
    expect(parseMonthInput(" 2026-12 ")).toBe(202612);
    expect(formatMonthInput(202603)).toBe("2026-03");
    expect(formatMonthInput(parseMonthInput("1999-11")!)).toBe("1999-11");
  });

  it("refuses anything that is not a month", () => {
    for (const bad of ["", "2026-13", "2026-00", "2026-3", "202603", "2026-03-01", "maart", "1969-12"]) {
      expect(parseMonthInput(bad), bad).toBeNull();
    }
  });

  it("counts months across a year end", () => {
    expect(nextMonth(202612)).toBe(202701);
    expect(monthsBetween(202511, 202602)).toEqual([202511, 202512, 202601, 202602]);
    expect(monthsBetween(202603, 202602)).toEqual([]);
  });
});
