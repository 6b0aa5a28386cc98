import { describe, expect, it } from "vitest";

import { median, parseDurations } from "./durations";

describe("median", () => {
  it("agrees with sorting for odd and even counts, duplicates included", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 30));
      const sorted = [...values].sort((a, b) => a - b);
      const middle = sorted.length >> 1;
      const expected = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
      expect(median(parseDurations(values.join(",")))).toBe(expected);
    }
    expect(Array.from(parseDurations("5,120,0,9999"))).toEqual([5, 120, 0, 9999]);
    expect(parseDurations("").length).toBe(0);
  });
});
