import { describe, expect, it } from "vitest";

import { RegisterSchema } from "~/auth/schemas";
import { CohortSchema, OrganisationSchema } from "~/organisations/schemas";
import { ScormModuleSchema } from "~/scorm/schemas";

import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters, nameField, stripControlCharacters } from "./plain-text";

const HOSTILE = {
  nul: "Ann\u0000a",
  escape: "Ann\u001b[31ma",
  tab: "Ann\ta",
  newline: "Ann\na",
  del: "Ann\u007fa",
  c1: "Ann\u0085a",
  c1Csi: "Ann\u009ba",
  rlo: "Ann\u202ea",
  lre: "Ann\u202aa",
  isolate: "Ann\u2066a\u2069",
  lineSeparator: "Ann\u2028a",
};

describe("hasControlCharacters", () => {
  it.each(Object.entries(HOSTILE))("finds %s", (_kind, value) => {
    expect(hasControlCharacters(value)).toBe(true);
  });

  it.each([
    "Maria Johanna Wilhelmina van Oldenbarnevelt-Schimmelpenninck van der Oye",
    "Zoë d'Ancona-Øster",
    "محمد الأحمد",
    "王小明",
    "Nguyễn Thị Minh Khai",
    "Ελένη Παπαδοπούλου",
    "Çağla Şahin",
  ])("accepts %s", (value) => {
    expect(hasControlCharacters(value)).toBe(false);
  });
});

describe("stripControlCharacters", () => {
  it("turns each run into one space and trims", () => {
    expect(stripControlCharacters("\u0000Intro\u001b\u001b to\u202e  SCORM\n")).toBe("Intro to SCORM");
  });

  it("leaves ordinary text alone", () => {
    expect(stripControlCharacters("Cursus — deel 1")).toBe("Cursus — deel 1");
  });
});

describe("nameField", () => {
  const schema = nameField({ required: "required", tooLong: "tooLong" });

  it("refuses control characters inside the name with the shared message", () => {
    const result = schema.safeParse("Ann\u0000a");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([CONTROL_CHARACTERS_MESSAGE]);
  });

  it("trims surrounding whitespace before checking", () => {
    expect(schema.parse("\tAnna \n")).toBe("Anna");
  });
});

describe("every name field refuses control characters", () => {
  const base = { email: "a@example.org", password: "a-long-password", locale: "nl", sector: "bank" };
  const cases: [
    string,
    (name: string) => { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } },
  ][] = [
    ["learner name", (name) => RegisterSchema.safeParse({ ...base, name })],
    ["organisation name", (name) => OrganisationSchema.safeParse({ name, sector: "bank" })],
    ["cohort name", (name) => CohortSchema.safeParse({ name, organisationId: "org", modules: ["m"] })],
    [
      "SCORM title",
      (name) =>
        ScormModuleSchema.safeParse({
          intent: "save",
          language: "nl",
          title: name,
          minutes: "20",
          sectors: ["bank"],
          passRule: "package",
        }),
    ],
  ];

  it.each(cases)("%s", (_field, parse) => {
    for (const value of Object.values(HOSTILE)) {
      const result = parse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toContain(CONTROL_CHARACTERS_MESSAGE);
    }
    expect(parse("Anna de Vries").success).toBe(true);
  });
});
