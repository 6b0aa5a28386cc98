import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { beforeAll, describe, expect, it } from "vitest";

import { formatProblem, loadCourses, type LoadResult } from "~/content/load.server";

/**
 * Structural rules for the modules Stigmavrij ships (issue #4): what courses:check cannot know
 * because it holds for this content, not for every possible course.
 */

const COURSES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../courses");
const LESSON_FILE = /^\d{2}\.[a-z0-9-]+\.md$/;

let loaded: LoadResult;

// Reading and rendering all seven modules takes a few seconds; on a busy machine more than the
// default hook budget.
beforeAll(async () => {
  loaded = await loadCourses(COURSES);
}, 60_000);

async function moduleDirs(): Promise<string[]> {
  const entries = await readdir(COURSES, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function dutchLessonFiles(dir: string): Promise<string[]> {
  return (await readdir(path.join(COURSES, dir))).filter((name) => LESSON_FILE.test(name)).sort();
}

describe("shipped courses", () => {
  it("pass courses:check", () => {
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    expect(loaded.skipped).toEqual([]);
  });

  it("are the seven sector modules, each with 3 to 6 lessons", () => {
    expect(loaded.modules.map((module) => module.slug)).toEqual([
      "sekswerk-en-stigma-de-basis",
      "bank-en-financiele-dienstverlening",
      "politie",
      "zorg",
      "gemeente",
      "stigmavrij-communiceren",
      "opting-in-en-de-positie-van-sekswerkers",
    ]);
    for (const module of loaded.modules) {
      expect(module.lessons.length, module.slug).toBeGreaterThanOrEqual(3);
      expect(module.lessons.length, module.slug).toBeLessThanOrEqual(6);
    }
  });

  it("take 15 to 45 minutes at 200 words a minute, questions included, and state that honestly", () => {
    for (const module of loaded.modules) {
      expect(module.estimatedMinutes, module.slug).toBeGreaterThanOrEqual(15);
      expect(module.estimatedMinutes, module.slug).toBeLessThanOrEqual(45);
      // The minutes in module.md are what the catalogue and module page show.
      expect(Math.abs(module.minutes - module.estimatedMinutes), module.slug).toBeLessThanOrEqual(2);
    }
  });

  it("test every learning objective with at least one assessment question", () => {
    for (const module of loaded.modules) {
      const objectives = module.locales.nl?.objectives ?? [];
      const tagged = new Set(module.assessment?.questions.flatMap((question) => question.objectives));
      const untested = objectives.map((_, index) => index + 1).filter((number) => !tagged.has(number));
      expect(untested, `${module.slug}: objectives without a question`).toEqual([]);
    }
  });

  it("have an item bank at least twice one draw, with scenario questions and topics per lesson", () => {
    for (const module of loaded.modules) {
      const assessment = module.assessment;
      expect(assessment, module.slug).not.toBeNull();
      if (!assessment) continue;
      expect(assessment.questions.length, module.slug).toBeGreaterThanOrEqual(2 * assessment.draw);
      const scenarios = assessment.questions.filter((question) => question.type === "scenario");
      expect(scenarios.length, module.slug).toBeGreaterThanOrEqual(2);
      const topics = new Set(assessment.questions.map((question) => question.topic));
      expect(topics.has(null), `${module.slug}: question without a topic`).toBe(false);
      expect(topics.size, module.slug).toBe(module.lessons.length);
    }
  });

  it("place a knowledge check in every lesson", () => {
    for (const module of loaded.modules) {
      const withCheck = new Set(module.checks.map((check) => check.lessonSlug));
      const without = module.lessons.map((lesson) => lesson.slug).filter((slug) => !withCheck.has(slug));
      expect(without, `${module.slug}: lessons without a knowledge check`).toEqual([]);
    }
  });

  it("have an English twin for every Dutch file", async () => {
    for (const dir of await moduleDirs()) {
      const names = new Set(await readdir(path.join(COURSES, dir)));
      const dutch = ["module.md", ...(await dutchLessonFiles(dir))];
      const missing = dutch.filter((name) => !names.has(name.replace(/\.md$/, ".en.md")));
      expect(missing, dir).toEqual([]);
    }
    for (const module of loaded.modules) expect(module.languages, module.slug).toEqual(["nl", "en"]);
  });

  it("end every lesson with its sources (Bronnen / Sources) listing at least one document", async () => {
    for (const dir of await moduleDirs()) {
      for (const file of await dutchLessonFiles(dir)) {
        for (const [name, heading] of [
          [file, "## Bronnen"],
          [file.replace(/\.md$/, ".en.md"), "## Sources"],
        ] as const) {
          const text = await readFile(path.join(COURSES, dir, name), "utf8");
          const lines = text.trimEnd().split("\n");
          const at = lines.lastIndexOf(heading);
          expect(at, `${dir}/${name}: no "${heading}" section`).toBeGreaterThan(0);
          const after = lines.slice(at + 1);
          // The sources section is the last one and lists documents.
          expect(
            after.some((line) => line.startsWith("## ")),
            `${dir}/${name}: a section after ${heading}`,
          ).toBe(false);
          expect(
            after.some((line) => /^[-*] \S/.test(line)),
            `${dir}/${name}: ${heading} lists nothing`,
          ).toBe(true);
        }
      }
    }
  });

  it('say "sekswerker"; "prostituee" only appears quoted, as a word under discussion', async () => {
    for (const dir of await moduleDirs()) {
      for (const file of ["module.md", ...(await dutchLessonFiles(dir))]) {
        const text = await readFile(path.join(COURSES, dir, file), "utf8");
        const unquoted = text.replace(/["“][^"”\n]*["”]/g, "");
        expect(unquoted, `${dir}/${file}`).not.toMatch(/prostituee/i);
      }
    }
  });

  it("carry the whole accreditation package in both languages", () => {
    for (const module of loaded.modules) {
      for (const locale of ["nl", "en"] as const) {
        const about = module.locales[locale]?.about;
        expect(about, `${module.slug} ${locale}`).toBeTruthy();
        if (!about) continue;
        expect(about.authors.length, module.slug).toBeGreaterThan(0);
        expect(
          about.reviewers.some((reviewer) => reviewer.type === "expert"),
          module.slug,
        ).toBe(true);
        expect(about.lastReviewed, module.slug).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(about.professions.length, module.slug).toBeGreaterThan(0);
        expect(about.level, module.slug).not.toBeNull();
        expect(about.literature.filter((entry) => entry.type === "source").length, module.slug).toBeGreaterThan(0);
        expect(about.independence, module.slug).toBeTruthy();
        expect(about.complaints?.text, module.slug).toBeTruthy();
      }
      // The English package is really translated, not the Dutch text copied.
      expect(module.locales.en?.about?.authors).not.toEqual(module.locales.nl?.about?.authors);
    }
  });
});
