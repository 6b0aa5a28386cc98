import { describe, expect, it } from "vitest";

import { BIG_LENGTH, isRegister, normaliseRegistrationNumber, REGISTER_INFO, REGISTERS } from "./registers";

const bigRegisters = REGISTERS.filter((r) => REGISTER_INFO[r].kind === "big");
const ownRegisters = REGISTERS.filter((r) => REGISTER_INFO[r].kind === "own");

describe("registers", () => {
  it("knows both kinds of register, and only its own codes", () => {
    expect(bigRegisters.length).toBeGreaterThan(0);
    expect(ownRegisters.length).toBeGreaterThan(0);
    expect(isRegister("vvn")).toBe(true);
    expect(isRegister("VVN")).toBe(false);
    expect(isRegister("big")).toBe(false);
    expect(isRegister(undefined)).toBe(false);
  });
});

describe.each(bigRegisters)("BIG numbers at %s", (register) => {
  it("pads a short number to 11 digits with leading zeros", () => {
    expect(normaliseRegistrationNumber(register, "19012345678")).toEqual({ ok: true, number: "19012345678" });
    expect(normaliseRegistrationNumber(register, "123456789")).toEqual({ ok: true, number: "00123456789" });
    expect(normaliseRegistrationNumber(register, "7")).toEqual({ ok: true, number: "00000000007" });
    const padded = normaliseRegistrationNumber(register, "49");
    expect(padded.ok && padded.number).toHaveLength(BIG_LENGTH);
  });

  it("drops spaces, dots, dashes and a BIG prefix, and keeps the leading zeros typed", () => {
    expect(normaliseRegistrationNumber(register, " 1901 2345 678 ")).toEqual({ ok: true, number: "19012345678" });
    expect(normaliseRegistrationNumber(register, "190.123.456-78")).toEqual({ ok: true, number: "19012345678" });
    expect(normaliseRegistrationNumber(register, "BIG 123456789")).toEqual({ ok: true, number: "00123456789" });
    expect(normaliseRegistrationNumber(register, "big-00123456789")).toEqual({ ok: true, number: "00123456789" });
  });

  it("accepts more than 11 digits only when the extra ones are leading zeros", () => {
    expect(normaliseRegistrationNumber(register, "0019012345678")).toEqual({ ok: true, number: "19012345678" });
    expect(normaliseRegistrationNumber(register, "190123456789")).toEqual({ ok: false, error: "too_long" });
  });

  it("refuses what is not a number", () => {
    expect(normaliseRegistrationNumber(register, "")).toEqual({ ok: false, error: "empty" });
    expect(normaliseRegistrationNumber(register, "  -. ")).toEqual({ ok: false, error: "empty" });
    expect(normaliseRegistrationNumber(register, "1901234567A")).toEqual({ ok: false, error: "not_digits" });
    expect(normaliseRegistrationNumber(register, "+31 6 1234")).toEqual({ ok: false, error: "not_digits" });
  });

  it("refuses a number of only zeros, which padding would otherwise turn into 00000000000", () => {
    expect(normaliseRegistrationNumber(register, "0")).toEqual({ ok: false, error: "zero" });
    expect(normaliseRegistrationNumber(register, "000 000")).toEqual({ ok: false, error: "zero" });
  });
});

describe.each(ownRegisters)("own registration numbers at %s", (register) => {
  it("keeps the number as typed, without padding", () => {
    expect(normaliseRegistrationNumber(register, "1234")).toEqual({ ok: true, number: "1234" });
    expect(normaliseRegistrationNumber(register, "0012345")).toEqual({ ok: true, number: "0012345" });
    expect(normaliseRegistrationNumber(register, "123 456.789-012")).toEqual({ ok: true, number: "123456789012" });
  });

  it("takes 4 to 12 digits", () => {
    expect(normaliseRegistrationNumber(register, "123")).toEqual({ ok: false, error: "too_short" });
    expect(normaliseRegistrationNumber(register, "1234567890123")).toEqual({ ok: false, error: "too_long" });
    expect(normaliseRegistrationNumber(register, "")).toEqual({ ok: false, error: "empty" });
    expect(normaliseRegistrationNumber(register, "R-12345")).toEqual({ ok: false, error: "not_digits" });
  });
});
