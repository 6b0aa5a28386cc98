import { describe, expect, it } from "vitest";

import { RegisterSchema } from "~/auth/schemas";

import { certificateFontFiles, printableCharactersModule, printableRanges } from "./font-coverage.server";
import { CorrectNameSchema } from "./forms";
import { PRINTABLE_RANGES } from "~/domain/printable-characters";
import { isPrintableName, NAME_NOT_PRINTABLE } from "~/domain/printable-name";

const PRINTABLE = {
  dutch: "Maria Johanna Wilhelmina van Oldenbarnevelt-Schimmelpenninck van der Oye",
  apostrophes: "Ine ’t Hooft-d'Ancona",
  turkish: "Şükrü Öztürk-İğdırlı",
  vietnamese: "Nguyễn Thị Minh Khai Đặng Hữu Phước",
  greek: "Αλεξάνδρα Παπαδοπούλου",
  cyrillic: "Анастасия Ковалёва",
  arabic: "مريم الحسيني",
  persian: "پریسا رضایی‌نژاد", // with a zero-width non-joiner, as Persian writes it
  decomposed: "Rene\u0301e Me\u0308ller",
};

const NOT_PRINTABLE = {
  chinese: "王小明",
  japanese: "山田 花子",
  korean: "김민지",
  thai: "สมชาย ใจดี",
  devanagari: "अनन्या शर्मा",
  emoji: "Sanne 🌷",
  /** A right-to-left override would make the printed name read differently from the stored one. */
  override: "Sanne \u202Eseirv ed",
  mixed: "Sanne 王",
};

describe("isPrintableName", () => {
  it.each(Object.entries(PRINTABLE))("accepts a name in %s", (_, name) => {
    expect(isPrintableName(name)).toBe(true);
    expect(RegisterSchema.shape.name.safeParse(name).success).toBe(true);
  });

  it.each(Object.entries(NOT_PRINTABLE))("refuses a name in %s with a message that says why", (_, name) => {
    expect(isPrintableName(name)).toBe(false);
    for (const schema of [RegisterSchema.shape.name, CorrectNameSchema.shape.name]) {
      const parsed = schema.safeParse(name);
      expect(parsed.success).toBe(false);
      // A direction override is also a control character, which the name rule reports as well.
      expect(parsed.error?.issues.map((issue) => issue.message)).toContain(NAME_NOT_PRINTABLE);
    }
  });

  it("matches the certificate fonts: every listed character has a glyph in each of them", { timeout: 60_000 }, () => {
    // Regenerate with `npm run certificates:characters` when a font changes.
    const ranges = printableRanges(certificateFontFiles());
    expect(printableCharactersModule(ranges)).toBe(printableCharactersModule(PRINTABLE_RANGES));
  });
});
