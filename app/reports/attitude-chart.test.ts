import { describe, expect, it } from "vitest";

import { attitudeChartPoints, towardsDesired } from "./attitude-chart";

describe("attitude chart", () => {
  it("mirrors reversed statements so that a desired change always moves right", () => {
    expect(towardsDesired(4, false)).toBe(4);
    expect(towardsDesired(4, true)).toBe(2);
    expect(towardsDesired(1.5, true)).toBe(4.5);
  });

  it("draws a drop in agreement with a stigmatising statement as a move to the right", () => {
    const [point] = attitudeChartPoints([
      { itemId: "schuld", text: "Zelf schuld", reverse: true, suppressed: false, before: 3.6, after: 2.2 },
    ]);
    expect(point!.after).toBeGreaterThan(point!.before);
    expect(point).toMatchObject({ before: 6 - 3.6, after: 6 - 2.2 });
  });

  it("leaves suppressed statements out", () => {
    expect(
      attitudeChartPoints([{ itemId: "a", text: "A", reverse: false, suppressed: true, before: null, after: null }]),
    ).toEqual([]);
  });
});
