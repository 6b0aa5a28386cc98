import { PRINTABLE_RANGES } from "./printable-characters";

/**
 * Whether a name can be printed on a certificate with real glyphs: every character, after the
 * same NFC normalisation the renderer applies, has a glyph in the certificate fonts within a
 * script the renderer lays out correctly. Names in other scripts (Chinese, Japanese, Korean,
 * Thai, Devanagari, …) are refused where they are entered, rather than printed as empty boxes;
 * why: docs/decisions/005-certificates.md. Shared with the browser, so it uses the generated
 * table instead of the fonts.
 */
export function isPrintableName(name: string): boolean {
  for (const character of name.normalize("NFC")) {
    if (!isPrintableCodePoint(character.codePointAt(0)!)) return false;
  }
  return true;
}

/** The i18n key of the message for a name that is not printable. */
export const NAME_NOT_PRINTABLE = "validation.nameNotPrintable";

function isPrintableCodePoint(codePoint: number): boolean {
  let low = 0;
  let high = PRINTABLE_RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = PRINTABLE_RANGES[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}
