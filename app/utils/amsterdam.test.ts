import { describe, expect, it } from "vitest";

import { amsterdamDayEnd, amsterdamDayStart, amsterdamIsoDate } from "./amsterdam";

describe("calendar days in Amsterdam", () => {
  it("starts a day at local midnight, in winter and summer time and on the days clocks change", () => {
    expect(amsterdamDayStart("2025-01-15")?.toISOString()).toBe("2025-01-14T23:00:00.000Z");
    expect(amsterdamDayStart("2025-07-01")?.toISOString()).toBe("2025-06-30T22:00:00.000Z");
    expect(amsterdamDayStart("2025-03-30")?.toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(amsterdamDayStart("2025-03-31")?.toISOString()).toBe("2025-03-30T22:00:00.000Z");
    expect(amsterdamDayStart("2025-10-26")?.toISOString()).toBe("2025-10-25T22:00:00.000Z");
    expect(amsterdamDayStart("2025-10-27")?.toISOString()).toBe("2025-10-26T23:00:00.000Z");
  });

  it("ends a day at its last local millisecond, also when the clocks change that night", () => {
    expect(amsterdamDayEnd("2026-03-15")?.toISOString()).toBe("2026-03-15T22:59:59.999Z");
    expect(amsterdamDayEnd("2026-07-01")?.toISOString()).toBe("2026-07-01T21:59:59.999Z");
    expect(amsterdamDayEnd("2026-03-29")?.toISOString()).toBe("2026-03-29T21:59:59.999Z");
    expect(amsterdamDayEnd("2026-10-25")?.toISOString()).toBe("2026-10-25T22:59:59.999Z");
    expect(amsterdamDayEnd("2026-12-31")?.toISOString()).toBe("2026-12-31T22:59:59.999Z");
  });

  it("names the local day of a moment", () => {
    expect(amsterdamIsoDate(new Date("2026-03-31T22:30:00Z"))).toBe("2026-04-01");
    expect(amsterdamIsoDate(new Date("2026-01-01T22:59:59Z"))).toBe("2026-01-01");
  });

  it("refuses days that do not exist", () => {
    for (const day of ["2025-02-29", "2025-13-01", "1-4-2025", "2025-04-31", "morgen"]) {
      expect(amsterdamDayStart(day), day).toBeNull();
      expect(amsterdamDayEnd(day), day).toBeNull();
    }
  });
});
