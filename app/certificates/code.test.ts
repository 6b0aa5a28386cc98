import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { CODE_LENGTH, generateCode, parseCode } from "./code";

const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const secureRandom = (size: number) => new Uint8Array(randomBytes(size));
/** The same bytes every time: generateCode must be a pure function of them. */
const fixed = (bytes: number[]) => () => Uint8Array.from(bytes);

describe("generateCode", () => {
  it("gives 16 Crockford symbols in four groups of four, without I, L, O or U", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode(secureRandom);
      expect(code).toMatch(FORMAT);
      expect(code.replace(/-/g, "")).toHaveLength(CODE_LENGTH);
    }
  });

  it("uses 80 random bits: 10 bytes, 5 bits per symbol, most significant first", () => {
    expect(generateCode(fixed([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe("0000-0000-0000-0000");
    expect(generateCode(fixed(Array(10).fill(255)))).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    // 0x08 = 00001|000: the first symbol is 1, the rest 0.
    expect(generateCode(fixed([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe("1000-0000-0000-0000");
    // The last byte's low five bits are the last symbol: 0x1f → Z.
    expect(generateCode(fixed([0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1f]))).toBe("0000-0000-0000-000Z");
  });

  it("asks for exactly 10 bytes", () => {
    const sizes: number[] = [];
    generateCode((size) => {
      sizes.push(size);
      return new Uint8Array(size);
    });
    expect(sizes).toEqual([10]);
  });

  it("does not repeat itself over many codes", () => {
    const codes = new Set(Array.from({ length: 20_000 }, () => generateCode(secureRandom)));
    expect(codes.size).toBe(20_000);
  });

  it("spreads symbols over the whole alphabet", () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateCode(secureRandom).replace(/-/g, "")).join(""));
    expect(seen.size).toBe(32);
  });

  it("gives codes that parse back to themselves", () => {
    for (let i = 0; i < 100; i++) {
      const code = generateCode(secureRandom);
      expect(parseCode(code)).toBe(code);
    }
  });
});

describe("parseCode", () => {
  const CODE = "K7QM-2XPD-9HTR-WB41";

  it("accepts the canonical form", () => {
    expect(parseCode(CODE)).toBe(CODE);
  });

  it("ignores case, spaces and dashes", () => {
    expect(parseCode("k7qm-2xpd-9htr-wb41")).toBe(CODE);
    expect(parseCode("K7QM2XPD9HTRWB41")).toBe(CODE);
    expect(parseCode("  k7qm 2xpd\t9htr  wb41 ")).toBe(CODE);
    expect(parseCode("K7-QM-2X-PD-9H-TR-WB-41")).toBe(CODE);
    expect(parseCode("K7QM--2XPD--9HTR--WB41")).toBe(CODE);
  });

  it("reads O as zero and I or L as one, in either case", () => {
    expect(parseCode("OOOO-0000-0000-0000")).toBe("0000-0000-0000-0000");
    expect(parseCode("oooo-0000-0000-0000")).toBe("0000-0000-0000-0000");
    expect(parseCode("K7QM-2XPD-9HTR-WB4I")).toBe(CODE);
    expect(parseCode("K7QM-2XPD-9HTR-WB4L")).toBe(CODE);
    expect(parseCode("k7qm-2xpd-9htr-wb4l")).toBe(CODE);
    expect(parseCode("k7qm-2xpd-9htr-wb4i")).toBe(CODE);
  });

  it("rejects the wrong length", () => {
    expect(parseCode("")).toBeNull();
    expect(parseCode("K7QM-2XPD-9HTR-WB4")).toBeNull();
    expect(parseCode("K7QM-2XPD-9HTR-WB412")).toBeNull();
    expect(parseCode("----")).toBeNull();
  });

  it("rejects U and anything outside the alphabet", () => {
    expect(parseCode("K7QM-2XPD-9HTR-WB4U")).toBeNull();
    expect(parseCode("K7QM-2XPD-9HTR-WB4*")).toBeNull();
    expect(parseCode("K7QM-2XPD-9HTR-WB4É")).toBeNull();
    expect(parseCode("K7QM_2XPD_9HTR_WB41")).toBeNull();
    expect(parseCode("K7QM.2XPD.9HTR.WB41")).toBeNull();
    expect(parseCode("../../etc/passwd0000")).toBeNull();
  });

  it("rejects very long input without working through it", () => {
    expect(parseCode(`${CODE}${" ".repeat(100)}`)).toBeNull();
    expect(parseCode("-".repeat(10_000) + CODE)).toBeNull();
  });
});
