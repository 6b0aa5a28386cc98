import { readFileSync } from "node:fs";
import path from "node:path";

import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";

import { fitText, wrapText, type FitBox } from "./text-fit";

/** Every character 0.6 wide (at size 1), like a monospaced font: sizes are easy to predict. */
const mono = (text: string) => Array.from(text).length * 0.6;

const NAME: FitBox = { width: 700, maxSize: 28, maxLines: 2, oneLineAtLeast: 22, breakWordsBelow: 14 };
const DUTCH = "Maria Johanna Wilhelmina van Oldenbarnevelt-Schimmelpenninck van der Oye";

/** What a fitted text must satisfy: the words are all there, and no line is wider than the box. */
function expectWholeAndInside(
  text: string,
  fitted: { lines: string[]; size: number },
  measure: (text: string) => number,
  box: FitBox,
) {
  expect(fitted.lines.length).toBeLessThanOrEqual(box.maxLines);
  expect(fitted.lines.join("").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
  for (const line of fitted.lines) expect(measure(line) * fitted.size).toBeLessThanOrEqual(box.width + 1e-9);
  expect(fitted.size).toBeLessThanOrEqual(box.maxSize);
}

describe("wrapText", () => {
  it("wraps greedily at spaces only, a word wider than the line on a line of its own", () => {
    expect(wrapText("Kwaliteitsregister V&VN, accreditatienummer VVN-123456, 2 punten", mono, 20 * 0.6)).toEqual([
      "Kwaliteitsregister",
      "V&VN,",
      "accreditatienummer",
      "VVN-123456, 2 punten",
    ]);
    expect(wrapText("  ", mono, 10)).toEqual([]);
  });
});

describe("fitText", () => {
  it("keeps a short name on one line at the largest size", () => {
    expect(fitText("Sanne de Vries", mono, NAME)).toEqual({ lines: ["Sanne de Vries"], size: 28 });
  });

  it("shrinks a name that is a little too long rather than wrapping it", () => {
    const name = "Sanne Wilhelmina de Vries-van Oldenbarnevelt"; // 44 characters: 26.5 pt on one line
    const fitted = fitText(name, mono, NAME);
    expect(fitted.lines).toEqual([name]);
    expect(fitted.size).toBeCloseTo(700 / (44 * 0.6), 6);
  });

  it("wraps a long name into two balanced lines at word boundaries, set as large as they fit", () => {
    const fitted = fitText(DUTCH, mono, NAME);
    // 28 + 43 characters: more even than breaking after the hyphen (44 + 28).
    expect(fitted.lines).toEqual(["Maria Johanna Wilhelmina van", "Oldenbarnevelt-Schimmelpenninck van der Oye"]);
    expect(fitted.size).toBeCloseTo(700 / (43 * 0.6), 6);
    expectWholeAndInside(DUTCH, fitted, mono, NAME);
  });

  it("breaks a hyphenated name after its hyphen when that balances the lines best", () => {
    const name = "Wilhelmina-Johanna-Margaretha-Alexandrina-Oldenbarnevelt"; // no spaces at all
    const fitted = fitText(name, mono, NAME);
    expect(fitted.lines).toEqual(["Wilhelmina-Johanna-Margaretha-", "Alexandrina-Oldenbarnevelt"]);
    expectWholeAndInside(name, fitted, mono, NAME);
  });

  it("breaks inside a word only when the word would otherwise be set very small", () => {
    const long = "Abcdefghij".repeat(12); // 120 characters without a space or hyphen
    const fitted = fitText(long, mono, NAME);
    expect(fitted.lines).toEqual([long.slice(0, 60), long.slice(60)]);
    expect(fitted.size).toBeCloseTo(700 / (60 * 0.6), 6);
    expectWholeAndInside(long, fitted, mono, NAME);

    // A long word between short ones still fits at word boundaries when that is large enough.
    const fine = fitText("Jan Wolfeschlegelsteinhausenbergerdorff-Welchevoralternwarengewissenhaft", mono, NAME);
    expect(fine.lines).toEqual(["Jan Wolfeschlegelsteinhausenbergerdorff-", "Welchevoralternwarengewissenhaft"]);
  });

  it("fits any 120-character name, with or without spaces, into two lines", () => {
    for (const name of [
      "W".repeat(120),
      `${"Wij ".repeat(29)}Wijk`,
      `${"a".repeat(59)} ${"b".repeat(60)}`,
      "x-".repeat(60),
    ]) {
      expect(name.length).toBeLessThanOrEqual(120);
      expectWholeAndInside(name, fitText(name, mono, NAME), mono, NAME);
    }
  });

  it("never breaks inside a grapheme (a letter with a combining mark stays whole)", () => {
    const name = "e\u0301".repeat(100);
    const fitted = fitText(name, mono, NAME);
    for (const line of fitted.lines) expect(line.startsWith("\u0301")).toBe(false);
    expectWholeAndInside(name, fitted, mono, NAME);
  });

  it("answers no lines for an empty or blank text", () => {
    expect(fitText("   ", mono, NAME)).toEqual({ lines: [], size: 28 });
  });

  it("sets a module title the same way, in its own box", () => {
    const title: FitBox = { width: 700, maxSize: 20, maxLines: 2, oneLineAtLeast: 16, breakWordsBelow: 11 };
    const text =
      "Sekswerk, stigma en de rol van de financiële dienstverlening bij het voorkomen van uitsluiting van sekswerkers";
    const fitted = fitText(text, mono, title);
    expect(fitted.lines).toHaveLength(2);
    expectWholeAndInside(text, fitted, mono, title);
    expect(fitText("Sekswerk en stigma: de basis", mono, title)).toEqual({
      lines: ["Sekswerk en stigma: de basis"],
      size: 20,
    });
  });

  describe("with the certificate's bold font", () => {
    let bold: PDFFont;
    beforeAll(async () => {
      const doc = await PDFDocument.create();
      doc.registerFontkit(fontkit);
      bold = await doc.embedFont(readFileSync(path.resolve("app/certificates/fonts/DejaVuSans-Bold.ttf")), {
        subset: true,
      });
    });

    it("fits the 72-character Dutch name and 120 wide letters inside the certificate's name box", () => {
      const measure = (text: string) => bold.widthOfTextAtSize(text, 1);
      const box: FitBox = { ...NAME, width: 705.89 };
      const dutch = fitText(DUTCH, measure, box);
      expect(dutch.lines).toHaveLength(2);
      expectWholeAndInside(DUTCH, dutch, measure, box);
      const wide = fitText("W".repeat(120), measure, box);
      expect(wide.lines).toHaveLength(2);
      expect(wide.size).toBeGreaterThan(9);
      expectWholeAndInside("W".repeat(120), wide, measure, box);
    });
  });
});
