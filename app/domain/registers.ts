/**
 * Professional registers that accept attendance through PE-online, and how each identifies a
 * professional. Registers that work with BIG numbers get them as 11 digits (shorter numbers are
 * padded with leading zeros); the others use their own registration number.
 */

export const REGISTERS = ["vvn", "registerplein", "skj", "kngf", "gaia"] as const;
export type Register = (typeof REGISTERS)[number];

export type NumberKind = "big" | "own";

interface RegisterInfo {
  /** Name as the register calls itself (same in both languages). */
  name: string;
  kind: NumberKind;
}

export const REGISTER_INFO: Record<Register, RegisterInfo> = {
  vvn: { name: "Kwaliteitsregister V&VN", kind: "big" },
  registerplein: { name: "Registerplein", kind: "own" },
  skj: { name: "Stichting Kwaliteitsregister Jeugd (SKJ)", kind: "own" },
  kngf: { name: "KNGF / Keurmerk Fysiotherapie", kind: "big" },
  gaia: { name: "GAIA (KNMG/ABAN)", kind: "big" },
};

export const BIG_LENGTH = 11;
/** Own registration numbers: digits only, as PE-online matches them. */
const OWN_NUMBER = /^\d{4,12}$/;

export function isRegister(value: unknown): value is Register {
  return typeof value === "string" && (REGISTERS as readonly string[]).includes(value);
}

export type NumberCheck =
  { ok: true; number: string } | { ok: false; error: "empty" | "not_digits" | "too_long" | "too_short" | "zero" };

/**
 * Normalises what a learner typed: spaces, dots, dashes and a "BIG" prefix are dropped; BIG
 * numbers are padded to 11 digits. Returns why it is not a valid number otherwise.
 */
export function normaliseRegistrationNumber(register: Register, input: string): NumberCheck {
  const compact = input.replace(/^\s*big[-\s]*/i, "").replace(/[\s.-]/g, "");
  if (compact === "") return { ok: false, error: "empty" };
  if (!/^\d+$/.test(compact)) return { ok: false, error: "not_digits" };
  if (REGISTER_INFO[register].kind === "big") {
    const digits = compact.replace(/^0+(?=\d)/, "");
    if (digits.length > BIG_LENGTH) return { ok: false, error: "too_long" };
    if (/^0+$/.test(digits)) return { ok: false, error: "zero" };
    return { ok: true, number: digits.padStart(BIG_LENGTH, "0") };
  }
  if (compact.length > 12) return { ok: false, error: "too_long" };
  if (!OWN_NUMBER.test(compact)) return { ok: false, error: "too_short" };
  return { ok: true, number: compact };
}
