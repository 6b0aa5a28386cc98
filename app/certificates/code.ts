/**
 * Public certificate codes: 16 symbols from Crockford's base32 alphabet (no I, L, O, U), i.e. 80
 * random bits, shown in groups of four ("K7QM-2XPD-9HTR-WB4N"). Unguessable, easy to read aloud,
 * and tolerant of the usual typing mistakes when parsed.
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 16;
const GROUP = 4;

/** `randomBytes` is injected so the module stays usable in the browser bundle and in tests. */
export function generateCode(randomBytes: (size: number) => Uint8Array): string {
  // 5 bits per symbol: take 10 bytes (80 bits) and read them 5 bits at a time.
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let symbols = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      symbols += ALPHABET[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return formatCode(symbols);
}

function formatCode(symbols: string): string {
  const groups: string[] = [];
  for (let index = 0; index < symbols.length; index += GROUP) groups.push(symbols.slice(index, index + GROUP));
  return groups.join("-");
}

/**
 * What someone typed or scanned → the canonical code, or null when it cannot be one. Case,
 * spaces and dashes do not matter; O is read as 0 and I/L as 1, as Crockford intends.
 */
export function parseCode(input: string): string | null {
  if (input.length > 64) return null;
  const compact = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (compact.length !== CODE_LENGTH) return null;
  for (const symbol of compact) if (!ALPHABET.includes(symbol)) return null;
  return formatCode(compact);
}
