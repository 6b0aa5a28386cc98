import { describe, expect, it } from "vitest";
import { z } from "zod";

import {
  lessonFrontMatter,
  moduleFrontMatter,
  moduleTranslationFrontMatter,
  readFrontMatter,
  readYamlFile,
  splitFrontMatter,
} from "./front-matter.server";

const VALID_MODULE = [
  "---",
  'title: "Sekswerk: de basis"',
  "summary: Kort.",
  "sectors: [bank, care]",
  "minutes: 25",
  "objectives:",
  "  - Je kunt iets uitleggen.",
  "languages: [nl, en]",
  "---",
  "Intro.",
].join("\n");

function read<S extends z.ZodTypeAny>(source: string, schema: S) {
  const split = splitFrontMatter(source);
  if (!split.ok) throw new Error(split.problem.message);
  return readFrontMatter(split.frontMatter, schema);
}

describe("splitFrontMatter", () => {
  it("separates the YAML block from the body and reports where each starts", () => {
    const split = splitFrontMatter("---\na: 1\nb: 2\n---\n# Titel\n");
    expect(split).toEqual({
      ok: true,
      frontMatter: { text: "a: 1\nb: 2", startLine: 2 },
      body: "# Titel\n",
      bodyStartLine: 5,
    });
  });

  it("treats a file without an opening --- as all body", () => {
    expect(splitFrontMatter("# Titel\n\nTekst")).toEqual({
      ok: true,
      frontMatter: null,
      body: "# Titel\n\nTekst",
      bodyStartLine: 1,
    });
  });

  it("normalises CRLF and a byte-order mark so line numbers match the editor", () => {
    const split = splitFrontMatter("\uFEFF---\r\nminutes: 3\r\n---\r\n# Titel\r\n");
    expect(split).toMatchObject({ ok: true, body: "# Titel\n", bodyStartLine: 4 });
  });

  it("reports an unclosed block on line 1", () => {
    expect(splitFrontMatter("---\ntitle: x\n# Titel\n")).toEqual({
      ok: false,
      problem: { line: 1, message: "front matter is not closed: add a line with --- after it" },
    });
  });
});

describe("readFrontMatter", () => {
  it("accepts a complete module header", () => {
    const result = read(VALID_MODULE, moduleFrontMatter);
    expect(result.problems).toEqual([]);
    expect(result.data).toEqual({
      title: "Sekswerk: de basis",
      summary: "Kort.",
      sectors: ["bank", "care"],
      minutes: 25,
      objectives: ["Je kunt iets uitleggen."],
      languages: ["nl", "en"],
      assessment: true,
    });
    expect(result.lineOf(["languages"])).toBe(8);
    expect(result.lineOf(["objectives", 0])).toBe(7);
  });

  it("reads assessment: false, and rejects an assessment value that is not true or false", () => {
    const without = VALID_MODULE.replace("languages: [nl, en]", "languages: [nl, en]\nassessment: false");
    expect(read(without, moduleFrontMatter).data?.assessment).toBe(false);
    const wrong = VALID_MODULE.replace("languages: [nl, en]", "languages: [nl, en]\nassessment: nee");
    expect(read(wrong, moduleFrontMatter).problems).toEqual([{ line: 9, message: "assessment must be true or false" }]);
  });

  it("reports an unknown key on its own line and suggests the key that was probably meant", () => {
    const source = VALID_MODULE.replace("minutes: 25", "minutes: 25\nobjectieves: []");
    expect(read(source, moduleFrontMatter).problems).toEqual([
      { line: 6, message: 'unknown front matter key "objectieves" (did you mean "objectives"?)' },
    ]);
  });

  it("reports a missing key on the opening --- line", () => {
    const source = VALID_MODULE.replace("summary: Kort.\n", "");
    expect(read(source, moduleFrontMatter).problems).toEqual([
      { line: 1, message: 'missing front matter key "summary"' },
    ]);
  });

  it("reports the offending list item rather than the key", () => {
    const source = VALID_MODULE.replace("sectors: [bank, care]", "sectors:\n  - bank\n  - banken");
    expect(read(source, moduleFrontMatter).problems).toEqual([
      {
        line: 6,
        message: 'unknown sector "banken" (allowed: bank, police, care, municipality, government, other)',
      },
    ]);
  });

  it("rejects values outside the documented ranges", () => {
    const source = VALID_MODULE.replace("minutes: 25", "minutes: 2.5").replace(
      "languages: [nl, en]",
      "languages: [en, en]",
    );
    expect(read(source, moduleFrontMatter).problems).toEqual([
      { line: 5, message: "minutes must be a whole number from 5 to 240" },
      { line: 8, message: 'languages lists "en" twice' },
      { line: 8, message: "languages must include nl" },
    ]);
  });

  it("reports the first YAML syntax error with its line and a hint", () => {
    const source = VALID_MODULE.replace("summary: Kort.", "summary: Let op: dit breekt");
    expect(read(source, moduleFrontMatter).problems).toEqual([
      {
        line: 3,
        message:
          'invalid YAML: Nested mappings are not allowed in compact mappings (put text that contains ": " between quotes)',
      },
    ]);
  });

  it("reports duplicate keys", () => {
    const source = VALID_MODULE.replace("minutes: 25", "minutes: 25\nminutes: 30");
    expect(read(source, moduleFrontMatter).problems).toEqual([
      { line: 6, message: "invalid YAML: Map keys must be unique" },
    ]);
  });

  it("only allows translatable keys in a module translation", () => {
    const source = ["---", "title: Basics", "summary: Short.", "objectives: [One]", "minutes: 25", "---"].join("\n");
    expect(read(source, moduleTranslationFrontMatter).problems).toEqual([
      { line: 5, message: 'unknown front matter key "minutes"' },
    ]);
  });

  it("reads optional lesson minutes and validates an empty block as no keys", () => {
    expect(read("---\nminutes: 4\n---\n# Les", lessonFrontMatter).data).toEqual({ minutes: 4 });
    expect(read("# Les", lessonFrontMatter).data).toEqual({});
    expect(read("---\n---\n# Les", lessonFrontMatter).data).toEqual({});
  });

  it("rejects a front matter block that is not key: value pairs", () => {
    expect(read("---\n- a\n- b\n---\n", lessonFrontMatter).problems).toEqual([
      { line: 1, message: "front matter must be a list of key: value lines" },
    ]);
  });

  it("calls an empty value empty", () => {
    const source = VALID_MODULE.replace('title: "Sekswerk: de basis"', "title:");
    expect(read(source, moduleFrontMatter).problems).toEqual([{ line: 2, message: "title is empty" }]);
  });
});

describe("readYamlFile", () => {
  const schema = z.object({ items: z.array(z.object({ id: z.string() }).strict()) }).strict();

  it("counts lines from the top of the file, with no front matter fence", () => {
    const result = readYamlFile("# comment\nitems:\n  - id: een\n  - id: twee\n", schema);
    expect(result.problems).toEqual([]);
    expect(result.data).toEqual({ items: [{ id: "een" }, { id: "twee" }] });
    expect(result.lineOf(["items", 1, "id"])).toBe(4);
    // An absent key points at line 1, not at a line 0 before the file.
    expect(result.lineOf(["nothing"])).toBe(1);
  });

  it("speaks of keys and of the file rather than of front matter", () => {
    expect(readYamlFile("items:\n  - id: een\n    idd: x\nextra: 1\n", schema).problems).toEqual([
      { line: 3, message: 'unknown key "idd"' },
      { line: 4, message: 'unknown key "extra"' },
    ]);
    expect(readYamlFile("", schema).problems).toEqual([{ line: 1, message: 'missing key "items"' }]);
    expect(readYamlFile("- a\n", schema).problems).toEqual([
      { line: 1, message: "the file must be a list of key: value lines" },
    ]);
  });

  it("reports YAML syntax errors on their file line", () => {
    expect(readYamlFile("# comment\nitems:\n  - id: een\n  - id: Let op: dit breekt\n", schema).problems).toEqual([
      {
        line: 4,
        message:
          'invalid YAML: Nested mappings are not allowed in compact mappings (put text that contains ": " between quotes)',
      },
    ]);
  });
});

describe("the accreditation package in module front matter", () => {
  const PACKAGE = [
    "authors:",
    "  - SWAD, contentteam",
    "reviewers:",
    "  - type: expert",
    "    role: Vakinhoudelijk reviewer (functie)",
    "    reviewed: 2026-11-20",
    "  - type: experience_expert",
    "    role: Ervaringsdeskundige (functie)",
    "    reviewed: 2026-11-24",
    "last_reviewed: 2026-11-24",
    "professions: [Verpleegkundigen]",
    "level: basic",
    "literature:",
    "  - type: source",
    "    citation: Soa Aids Nederland (2023). Klachtenbalie voor sekswerkers.",
    "  - type: guideline",
    "    citation: Een richtlijn.",
    "    url: https://example.org/richtlijn",
    "independence: Geen sponsoring.",
    "complaints:",
    "  text: Meld een klacht bij SWAD.",
    "  contact: mailto:klachten@example.org",
  ];
  const withPackage = (lines: string[]) =>
    VALID_MODULE.replace("languages: [nl, en]", ["languages: [nl, en]", ...lines].join("\n"));

  it("accepts every key", () => {
    const result = read(withPackage(PACKAGE), moduleFrontMatter);
    expect(result.problems).toEqual([]);
    expect(result.data).toMatchObject({
      level: "basic",
      last_reviewed: "2026-11-24",
      reviewers: [{ type: "expert" }, { type: "experience_expert" }],
    });
  });

  it.each([
    [
      "a date that is not on the calendar",
      PACKAGE.map((l) => l.replace("last_reviewed: 2026-11-24", "last_reviewed: 2026-02-30")),
      "last_reviewed is not a calendar date",
    ],
    [
      "a date in another format",
      PACKAGE.map((l) => l.replace("reviewed: 2026-11-20", "reviewed: 20-11-2026")),
      "reviewed must be a date written as YYYY-MM-DD",
    ],
    [
      "a review after the last review date",
      PACKAGE.map((l) => l.replace("last_reviewed: 2026-11-24", "last_reviewed: 2026-11-21")),
      "reviewed 2026-11-24 is after last_reviewed 2026-11-21",
    ],
    [
      "an unknown reviewer type",
      PACKAGE.map((l) => l.replace("type: experience_expert", "type: buddy")),
      'unknown reviewer type "buddy" (allowed: expert, experience_expert)',
    ],
    [
      "an unknown level",
      PACKAGE.map((l) => l.replace("level: basic", "level: expert")),
      'unknown level "expert" (allowed: basic, intermediate, advanced)',
    ],
    [
      "a link that is not https",
      PACKAGE.map((l) => l.replace("https://example.org/richtlijn", "http://example.org")),
      "url must be an https:// link or a mailto: address",
    ],
    [
      "a contact that is not an address",
      PACKAGE.map((l) => l.replace("mailto:klachten@example.org", "mailto:klachten")),
      "complaints contact must be an https:// link or a mailto: address",
    ],
    [
      "an unknown key inside a reviewer",
      PACKAGE.map((l) => l.replace("    reviewed: 2026-11-20", "    reviewed: 2026-11-20\n    name: Jan")),
      'unknown front matter key "name"',
    ],
  ])("refuses %s", (_label, lines, message) => {
    const result = read(withPackage(lines), moduleFrontMatter);
    expect(result.data).toBeNull();
    expect(result.problems.map((problem) => problem.message)).toContain(message);
  });

  it("still refuses unknown top-level keys and suggests the close one", () => {
    const result = read(withPackage(["last_reviwed: 2026-11-24"]), moduleFrontMatter);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'unknown front matter key "last_reviwed" (did you mean "last_reviewed"?)',
    ]);
  });

  it("lets translations carry only the translatable texts", () => {
    const translation = [
      "---",
      "title: Basics",
      "summary: Short.",
      "objectives: [You can explain something.]",
      "authors: [SWAD, content team]",
      "reviewers:",
      "  - role: Subject-matter reviewer",
      "professions: [Nurses]",
      "independence: No sponsoring.",
      "complaints: { text: Report a complaint to SWAD. }",
      "---",
    ].join("\n");
    expect(read(translation, moduleTranslationFrontMatter).problems).toEqual([]);
    const withDate = translation.replace("professions:", "last_reviewed: 2026-11-24\nprofessions:");
    expect(read(withDate, moduleTranslationFrontMatter).problems.map((p) => p.message)).toEqual([
      'unknown front matter key "last_reviewed"',
    ]);
  });
});
