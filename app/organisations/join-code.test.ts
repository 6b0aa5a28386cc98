import { describe, expect, it } from "vitest";

import { deadlineFromDay, dayOf } from "./deadline";
import { JOIN_CODE_ALPHABET, formatJoinCode, joinCodeFromBytes, joinPath, normaliseJoinCode } from "./join-code";

describe("joinCodeFromBytes", () => {
  it("spends the 40 bits on 8 characters of the Crockford alphabet", () => {
    expect(joinCodeFromBytes(new Uint8Array([0, 0, 0, 0, 0]))).toBe("00000000");
    expect(joinCodeFromBytes(new Uint8Array([255, 255, 255, 255, 255]))).toBe("ZZZZZZZZ");
    // 0x0842108421 is 00001 repeated eight times.
    expect(joinCodeFromBytes(new Uint8Array([0x08, 0x42, 0x10, 0x84, 0x21]))).toBe("11111111");
    expect(joinCodeFromBytes(new Uint8Array([0xf8, 0, 0, 0, 0]))).toBe("Z0000000");
  });

  it("never uses the look-alike letters I, L, O or U", () => {
    expect(JOIN_CODE_ALPHABET).toHaveLength(32);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it("refuses the wrong number of bytes", () => {
    expect(() => joinCodeFromBytes(new Uint8Array(4))).toThrow(RangeError);
  });
});

describe("normaliseJoinCode", () => {
  it("accepts the code as people type it: any case, dashes, spaces, I/L for 1 and O for 0", () => {
    expect(normaliseJoinCode("K7QM-2XPD")).toBe("K7QM2XPD");
    expect(normaliseJoinCode(" k7qm 2xpd ")).toBe("K7QM2XPD");
    expect(normaliseJoinCode("ab1o-il0z")).toBe("AB10110Z");
    expect(normaliseJoinCode("--AB--CD--EF--GH--")).toBe("ABCDEFGH");
  });

  it("returns null for anything that cannot be a code", () => {
    for (const input of [
      "",
      "K7QM2XP",
      "K7QM2XPDE",
      "K7QM_2XPD",
      "UUUU-UUUU",
      "VOORBEELDBANK",
      "é7QM2XPD",
      "x".repeat(100),
    ]) {
      expect(normaliseJoinCode(input), input).toBeNull();
    }
  });

  it("formats and links the stored form", () => {
    expect(formatJoinCode("K7QM2XPD")).toBe("K7QM-2XPD");
    expect(joinPath("K7QM2XPD")).toBe("/deelnemen/K7QM2XPD");
  });
});

describe("deadlineFromDay", () => {
  it("is the last moment of the day in Amsterdam, in winter and in summer time", () => {
    expect(deadlineFromDay("2026-03-15")?.toISOString()).toBe("2026-03-15T22:59:59.999Z");
    expect(deadlineFromDay("2026-07-01")?.toISOString()).toBe("2026-07-01T21:59:59.999Z");
    // The night the clocks go forward.
    expect(deadlineFromDay("2026-03-29")?.toISOString()).toBe("2026-03-29T21:59:59.999Z");
    expect(dayOf(deadlineFromDay("2026-10-25")!)).toBe("2026-10-25");
  });

  it("takes the day as a trainer types it: dd-mm-jjjj, d-m-jjjj or jjjj-mm-dd", () => {
    const iso = deadlineFromDay("2026-03-05")?.toISOString();
    expect(iso).toBe("2026-03-05T22:59:59.999Z");
    for (const typed of ["05-03-2026", "5-3-2026", "2026-3-5", " 05-03-2026 "]) {
      expect(deadlineFromDay(typed)?.toISOString(), typed).toBe(iso);
    }
  });

  it("refuses days that do not exist", () => {
    for (const input of ["2026-02-30", "30-02-2026", "2026-13-01", "26-03-01", "1999-12-31", "31-12-1999", "morgen"]) {
      expect(deadlineFromDay(input), input).toBeNull();
    }
  });
});
