/**
 * Cohort join codes: 8 Crockford base32 characters (40 random bits), stored normalised in upper
 * case without separators and shown as "XXXX-XXXX". Entry is forgiving, the way Crockford's
 * alphabet intends: case, dashes and spaces are ignored and the look-alikes I/L and O are read
 * as 1 and 0. Isomorphic: the join form and the server share it.
 */

export const JOIN_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const JOIN_CODE_LENGTH = 8;
/** 8 characters × 5 bits. */
export const JOIN_CODE_BYTES = 5;

const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** The stored form of what someone typed, or null when it cannot be a cohort code. */
export function normaliseJoinCode(input: string): string | null {
  if (input.length > 64) return null;
  const folded = input
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  return CANONICAL.test(folded) ? folded : null;
}

/** "K7QM2XPD" → "K7QM-2XPD". */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Turns 5 random bytes into a code: each 5-bit group picks one character. */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== JOIN_CODE_BYTES) throw new RangeError(`a join code needs ${JOIN_CODE_BYTES} bytes`);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = JOIN_CODE_LENGTH - 1; i >= 0; i--) code += JOIN_CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
}

/** The join page of a cohort, relative to the site. */
export function joinPath(code: string): string {
  return `/deelnemen/${code}`;
}
