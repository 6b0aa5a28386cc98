import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { addSessionTime, formatCmiTimespan, formatIsoDuration, parseCmiTimespan, parseIsoDuration } from "./time";

const MAX_TIMESPAN = parseCmiTimespan("9999:59:59.99")!;

describe("SCORM 1.2 CMITimespan", () => {
  it.each([
    ["00:00:00", 0],
    ["0000:00:00.00", 0],
    ["01:02:03", 372300],
    ["0001:02:03.5", 372350],
    ["12:00:00.05", 4320005],
    ["9999:59:59.99", 3599999999],
    ["0:05:00", 30000],
  ])("parses %s", (text, centis) => {
    expect(parseCmiTimespan(text)).toBe(centis);
  });

  it.each([
    "",
    "1:2:3",
    "00:60:00",
    "00:00:60",
    "00:00:00.123",
    "10000:00:00",
    "PT1H",
    "-01:00:00",
    "00:00",
    "aa:bb:cc",
  ])("refuses %j", (text) => {
    expect(parseCmiTimespan(text)).toBeNull();
  });

  it("formats as HHHH:MM:SS.SS", () => {
    expect(formatCmiTimespan(0)).toBe("0000:00:00.00");
    expect(formatCmiTimespan(372350)).toBe("0001:02:03.50");
    expect(formatCmiTimespan(MAX_TIMESPAN + 500)).toBe("9999:59:59.99");
  });

  it("round-trips every value the format holds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_TIMESPAN }), (centis) => {
        expect(parseCmiTimespan(formatCmiTimespan(centis))).toBe(centis);
      }),
    );
  });

  it("normalises every valid text to an equal value", () => {
    const timespan = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.option(fc.integer({ min: 0, max: 99 })),
      )
      .map(
        ([h, m, s, c]) =>
          `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${c === null ? "" : `.${String(c).padStart(2, "0")}`}`,
      );
    fc.assert(
      fc.property(timespan, (text) => {
        const centis = parseCmiTimespan(text);
        expect(centis).not.toBeNull();
        expect(parseCmiTimespan(formatCmiTimespan(centis!))).toBe(centis);
      }),
    );
  });
});

describe("SCORM 2004 timeinterval (ISO 8601 duration)", () => {
  it.each([
    ["PT0S", 0],
    ["PT1H", 360000],
    ["PT1H30M", 540000],
    ["PT10M5.5S", 60550],
    ["PT0.25S", 25],
    ["P1D", 8640000],
    ["P1DT1S", 8640100],
    ["P0Y0M0DT0H0M0S", 0],
    ["PT90M", 540000],
    ["P1Y", 365 * 8640000],
    ["P1M", 30 * 8640000],
  ])("parses %s", (text, centis) => {
    expect(parseIsoDuration(text)).toBe(centis);
  });

  it.each(["", "P", "PT", "P1DT", "PT1.5H", "PT1.123S", "1H", "PT-1S", "P1W", "pt1h", "PT1S ", "00:00:01"])(
    "refuses %j",
    (text) => {
      expect(parseIsoDuration(text)).toBeNull();
    },
  );

  it("formats with the zero parts left out", () => {
    expect(formatIsoDuration(0)).toBe("PT0S");
    expect(formatIsoDuration(360000)).toBe("PT1H");
    expect(formatIsoDuration(60550)).toBe("PT10M5.5S");
    expect(formatIsoDuration(25)).toBe("PT0.25S");
    expect(formatIsoDuration(8640100)).toBe("PT24H1S");
  });

  it("round-trips every number of centiseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 * 360000 }), (centis) => {
        expect(parseIsoDuration(formatIsoDuration(centis))).toBe(centis);
      }),
    );
  });

  it("reads every generated duration as the sum of its parts", () => {
    const part = fc.option(fc.integer({ min: 0, max: 500 }));
    fc.assert(
      fc.property(part, part, part, part, fc.option(fc.integer({ min: 0, max: 99 })), (d, h, m, s, c) => {
        const seconds =
          s === null && c === null ? "" : `${s ?? 0}${c === null ? "" : `.${String(c).padStart(2, "0")}`}S`;
        const time = `${h === null ? "" : `${h}H`}${m === null ? "" : `${m}M`}${seconds}`;
        const text = `P${d === null ? "" : `${d}D`}${time === "" ? "" : `T${time}`}`;
        const expected = (d ?? 0) * 8640000 + (h ?? 0) * 360000 + (m ?? 0) * 6000 + (s ?? 0) * 100 + (c ?? 0);
        expect(parseIsoDuration(text)).toBe(text === "P" ? null : expected);
      }),
    );
  });
});

describe("adding session time to total time", () => {
  it("adds SCORM 1.2 timespans", () => {
    expect(addSessionTime("1.2", "0000:00:00.00", "00:10:05.5")).toBe("0000:10:05.50");
    expect(addSessionTime("1.2", "0001:59:59.99", "00:00:00.01")).toBe("0002:00:00.00");
    expect(addSessionTime("1.2", "0001:00:00", "")).toBe("0001:00:00.00");
  });

  it("adds SCORM 2004 durations", () => {
    expect(addSessionTime("2004", "PT1H", "PT10M")).toBe("PT1H10M");
    expect(addSessionTime("2004", "PT59M59.99S", "PT0.01S")).toBe("PT1H");
    expect(addSessionTime("2004", "", "PT5S")).toBe("PT5S");
    expect(addSessionTime("2004", "P1D", "PT1H")).toBe("PT25H");
  });

  it("is exact for any sequence of sessions (no floating-point drift)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 360000 }), { maxLength: 40 }), (sessions) => {
        let total2004 = "PT0S";
        let total12 = "0000:00:00.00";
        for (const centis of sessions) {
          total2004 = addSessionTime("2004", total2004, formatIsoDuration(centis));
          total12 = addSessionTime("1.2", total12, formatCmiTimespan(centis));
        }
        const sum = sessions.reduce((a, b) => a + b, 0);
        expect(parseIsoDuration(total2004)).toBe(sum);
        expect(parseCmiTimespan(total12)).toBe(sum);
      }),
    );
  });
});
