import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createTestDatabase } from "../../tests/setup/temp-db";
import type { TestDatabase } from "../../tests/setup/temp-db";
import { loadCourses } from "./load.server";
import { syncCourses } from "./sync.server";

const VALID_FIXTURE = fileURLToPath(new URL("../../tests/fixtures/courses/valid", import.meta.url));

/** Writes a module without an assessment, one file per lesson (plus English files when `en` is listed). */
async function writeModule(dirName: string, lessons: string[], languages: string[] = ["nl"]) {
  const directory = path.join(courses, dirName);
  await mkdir(directory, { recursive: true });
  const objectives = "objectives:\n  - Je leert iets.\n";
  await writeFile(
    path.join(directory, "module.md"),
    `---\ntitle: Module ${dirName}\nsummary: Kort.\nsectors: [bank]\nminutes: 10\n${objectives}languages: [${languages.join(
      ", ",
    )}]\nassessment: false\n---\nIntro.\n`,
  );
  if (languages.includes("en")) {
    await writeFile(
      path.join(directory, "module.en.md"),
      `---\ntitle: Module ${dirName}\nsummary: Short.\nobjectives:\n  - You learn something.\n---\n`,
    );
  }
  for (const lesson of lessons) {
    await writeFile(path.join(directory, `${lesson}.md`), `# Les ${lesson}\n\nTekst van ${lesson}.\n`);
    if (languages.includes("en")) {
      await writeFile(path.join(directory, `${lesson}.en.md`), `# Lesson ${lesson}\n\nText of ${lesson}.\n`);
    }
  }
}

let db: TestDatabase;
let courses: string;

beforeEach(async () => {
  db = await createTestDatabase();
  courses = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-courses-"));
  await writeModule("01.basis", ["01.wat-is-sekswerk", "02.stigma"], ["nl", "en"]);
  await writeModule("02.bank", ["01.melden"]);
});

afterEach(async () => {
  await db.cleanup();
  await rm(courses, { recursive: true, force: true });
});

async function load() {
  const result = await loadCourses(courses);
  expect(result.problems).toEqual([]);
  return result.modules;
}

async function edit(file: string, change: (text: string) => string) {
  const absolute = path.join(courses, file);
  await writeFile(absolute, change(await readFile(absolute, "utf8")));
}

async function lessonHashes(): Promise<Record<string, string>> {
  const lessons = await db.prisma.lesson.findMany({ select: { id: true, contentHash: true } });
  return Object.fromEntries(lessons.map((lesson) => [lesson.id, lesson.contentHash]));
}

describe("syncCourses", () => {
  it("creates modules, lessons and their locales", async () => {
    const lines: string[] = [];
    const summary = await syncCourses(db.prisma, await load(), (line) => lines.push(line));
    expect(summary).toEqual({ created: 2, updated: 0, unchanged: 0, archived: 0 });
    expect(lines).toEqual(["created module basis", "created module bank"]);

    const basis = await db.prisma.module.findUniqueOrThrow({
      where: { id: "basis" },
      include: {
        locales: { orderBy: { locale: "asc" } },
        lessons: { orderBy: { position: "asc" }, include: { locales: true } },
      },
    });
    expect(JSON.parse(basis.sectors)).toEqual(["bank"]);
    expect(basis.locales.map((locale) => locale.locale)).toEqual(["en", "nl"]);
    expect(JSON.parse(basis.locales[1]?.objectives ?? "[]")).toEqual(["Je leert iets."]);
    expect(basis.lessons.map((lesson) => [lesson.id, lesson.slug, lesson.position, lesson.locales.length])).toEqual([
      ["basis/wat-is-sekswerk", "wat-is-sekswerk", 1, 2],
      ["basis/stigma", "stigma", 2, 2],
    ]);
  });

  it("leaves unchanged modules alone on the next sync", async () => {
    await syncCourses(db.prisma, await load());
    const before = await db.prisma.module.findUniqueOrThrow({ where: { id: "basis" } });
    expect(await syncCourses(db.prisma, await load())).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      archived: 0,
    });
    const after = await db.prisma.module.findUniqueOrThrow({ where: { id: "basis" } });
    expect(after.syncedAt).toEqual(before.syncedAt);
  });

  it("rewrites a module whose files changed, dropping a language it no longer has", async () => {
    await syncCourses(db.prisma, await load());
    const hashes = await lessonHashes();
    await edit("01.basis/02.stigma.md", (text) => text.replace("Tekst van 02.stigma.", "Stigma isoleert."));
    await edit("01.basis/module.md", (text) => text.replace("languages: [nl, en]", "languages: [nl]"));
    for (const file of ["module.en.md", "01.wat-is-sekswerk.en.md", "02.stigma.en.md"]) {
      await rm(path.join(courses, "01.basis", file));
    }

    expect(await syncCourses(db.prisma, await load())).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
      archived: 0,
    });
    const stigma = await db.prisma.lesson.findUniqueOrThrow({
      where: { id: "basis/stigma" },
      include: { locales: true },
    });
    expect(stigma.locales.map((locale) => locale.locale)).toEqual(["nl"]);
    expect(stigma.locales[0]?.html).toContain("Stigma isoleert.");
    expect(await db.prisma.moduleLocale.count({ where: { moduleId: "basis" } })).toBe(1);
    const newHashes = await lessonHashes();
    expect(newHashes["basis/stigma"]).not.toBe(hashes["basis/stigma"]);
    expect(newHashes["bank/melden"]).toBe(hashes["bank/melden"]);
  });

  it("archives removed lessons and modules without losing progress, and restores them", async () => {
    await syncCourses(db.prisma, await load());
    const user = await db.prisma.user.create({
      data: { email: "leerling@example.nl", name: "Leerling", passwordHash: "x", sector: "bank" },
    });
    await db.prisma.lessonProgress.create({
      data: { userId: user.id, lessonId: "basis/stigma", contentHash: "h", completedAt: new Date() },
    });
    await db.prisma.enrollment.create({ data: { userId: user.id, moduleId: "bank", contentHash: "h" } });

    await rm(path.join(courses, "01.basis/02.stigma.md"));
    await rm(path.join(courses, "01.basis/02.stigma.en.md"));
    await rm(path.join(courses, "02.bank"), { recursive: true });

    const lines: string[] = [];
    const summary = await syncCourses(db.prisma, await load(), (line) => lines.push(line));
    expect(summary).toEqual({ created: 0, updated: 1, unchanged: 0, archived: 2 });
    expect(lines).toEqual(["updated module basis", "archived lesson basis/stigma", "archived module bank"]);
    expect(await db.prisma.lesson.findUniqueOrThrow({ where: { id: "basis/stigma" } })).toMatchObject({
      archived: true,
    });
    expect(await db.prisma.module.findUniqueOrThrow({ where: { id: "bank" } })).toMatchObject({
      archived: true,
    });
    expect(await db.prisma.lessonProgress.count({ where: { lessonId: "basis/stigma" } })).toBe(1);
    expect(await db.prisma.enrollment.count({ where: { moduleId: "bank" } })).toBe(1);

    await writeModule("01.basis", ["01.wat-is-sekswerk", "02.stigma"], ["nl", "en"]);
    await writeModule("02.bank", ["01.melden"]);
    expect(await syncCourses(db.prisma, await load())).toEqual({
      created: 0,
      updated: 2,
      unchanged: 0,
      archived: 0,
    });
    expect(await db.prisma.lesson.findUniqueOrThrow({ where: { id: "basis/stigma" } })).toMatchObject({
      archived: false,
    });
    expect(await db.prisma.module.findUniqueOrThrow({ where: { id: "bank" } })).toMatchObject({
      archived: false,
    });
  });

  it("does not archive modules that are kept because they failed validation", async () => {
    await syncCourses(db.prisma, await load());
    const [basis] = await load();
    const summary = await syncCourses(db.prisma, basis ? [basis] : [], undefined, { keep: ["bank"] });
    expect(summary).toEqual({ created: 0, updated: 0, unchanged: 1, archived: 0 });
    expect(await db.prisma.module.findUniqueOrThrow({ where: { id: "bank" } })).toMatchObject({
      archived: false,
    });
  });
});

describe("syncCourses with quizzes and surveys", () => {
  /** The valid fixture (an assessment and a check in basis, none in bank, a shared survey). */
  async function loadFixture() {
    await rm(courses, { recursive: true, force: true });
    await cp(VALID_FIXTURE, courses, { recursive: true });
    const result = await loadCourses(courses);
    expect(result.problems).toEqual([]);
    return result;
  }

  it("writes assessment settings, the item bank, checks with their lesson, and the shared survey", async () => {
    const { modules, sharedSurvey } = await loadFixture();
    await syncCourses(db.prisma, modules, undefined, { sharedSurvey });

    const basis = await db.prisma.module.findUniqueOrThrow({ where: { id: "basis" } });
    expect(basis).toMatchObject({
      hasAssessment: true,
      passMark: 60,
      drawCount: 2,
      maxAttempts: 2,
      waitMinutes: 10,
      surveyKey: "shared",
    });
    const bank = await db.prisma.module.findUniqueOrThrow({ where: { id: "bank" } });
    expect(bank).toMatchObject({
      hasAssessment: false,
      passMark: 0,
      drawCount: 0,
      maxAttempts: 0,
      surveyKey: "shared",
    });

    const questions = await db.prisma.question.findMany({ orderBy: { position: "asc" } });
    expect(questions.map((q) => [q.id, q.slug, q.kind, q.type, q.topic, q.lessonId, q.position, q.archived])).toEqual([
      ["basis/sekswerk-is-werk", "sekswerk-is-werk", "assessment", "single", "begrippen", null, 0, false],
      ["basis/vergunning-sinds-2000", "vergunning-sinds-2000", "assessment", "true_false", "begrippen", null, 1, false],
      ["basis/gevolgen-van-stigma", "gevolgen-van-stigma", "assessment", "multiple", "stigma", null, 2, false],
      ["basis/casus-balie", "casus-balie", "assessment", "scenario", "stigma", null, 3, false],
      ["basis/is-sekswerk-werk", "is-sekswerk-werk", "check", "true_false", null, "basis/wat-is-sekswerk", 4, false],
    ]);
    // The stored JSON is the whole question, so the engine needs nothing else; the lesson is not part of it.
    expect(JSON.parse(questions[0]?.data ?? "{}")).toEqual(modules[0]?.assessment?.questions[0]);
    expect(JSON.parse(questions[4]?.data ?? "{}")).not.toHaveProperty("lessonSlug");

    const items = await db.prisma.surveyItem.findMany({ orderBy: { position: "asc" } });
    expect(
      items.map((item) => [item.id, item.surveyKey, item.slug, item.position, item.reverse, item.archived]),
    ).toEqual([
      ["shared/sekswerk-is-werk", "shared", "sekswerk-is-werk", 0, false, false],
      ["shared/sekswerkers-zelf-schuld", "shared", "sekswerkers-zelf-schuld", 1, true, false],
      ["shared/gelijke-dienstverlening", "shared", "gelijke-dienstverlening", 2, false, false],
    ]);
    expect(JSON.parse(items[0]?.text ?? "{}")).toEqual({
      nl: "Sekswerk is een beroep zoals andere beroepen.",
      en: "Sex work is a profession like other professions.",
    });
  });

  it("archives questions and survey items that left the files, keeping their rows", async () => {
    const first = await loadFixture();
    await syncCourses(db.prisma, first.modules, undefined, { sharedSurvey: first.sharedSurvey });

    await edit(
      "01.basis/quiz.yaml",
      (text) => text.slice(0, text.indexOf("    - id: casus-balie")) + text.slice(text.indexOf("checks:")),
    );
    await edit("survey.yaml", (text) => text.slice(0, text.indexOf("  - id: gelijke-dienstverlening")));
    await writeFile(
      path.join(courses, "survey.yaml"),
      (await readFile(path.join(courses, "survey.yaml"), "utf8")) +
        "  - id: nieuw-item\n    text: { nl: Nieuw., en: New. }\n",
    );
    const second = await loadCourses(courses);
    expect(second.problems).toEqual([]);
    await syncCourses(db.prisma, second.modules, undefined, { sharedSurvey: second.sharedSurvey });

    const archived = await db.prisma.question.findMany({ where: { archived: true }, select: { id: true } });
    expect(archived).toEqual([{ id: "basis/casus-balie" }]);
    expect(await db.prisma.question.count({ where: { archived: false } })).toBe(4);
    const items = await db.prisma.surveyItem.findMany({ orderBy: { id: "asc" }, select: { id: true, archived: true } });
    expect(items).toEqual([
      { id: "shared/gelijke-dienstverlening", archived: true },
      { id: "shared/nieuw-item", archived: false },
      { id: "shared/sekswerk-is-werk", archived: false },
      { id: "shared/sekswerkers-zelf-schuld", archived: false },
    ]);
  });

  it("points unchanged modules at the shared survey once courses/survey.yaml appears", async () => {
    const withSurvey = await loadFixture();
    await rm(path.join(courses, "survey.yaml"));
    const without = await loadCourses(courses);
    await syncCourses(db.prisma, without.modules, undefined, { sharedSurvey: without.sharedSurvey });
    expect(await db.prisma.module.findMany({ select: { surveyKey: true } })).toEqual([
      { surveyKey: null },
      { surveyKey: null },
    ]);

    // The module files did not change, so their content hashes did not either.
    expect(withSurvey.modules.map((module) => module.contentHash)).toEqual(
      without.modules.map((module) => module.contentHash),
    );
    await syncCourses(db.prisma, withSurvey.modules, undefined, { sharedSurvey: withSurvey.sharedSurvey });
    expect(await db.prisma.module.findMany({ select: { surveyKey: true } })).toEqual([
      { surveyKey: "shared" },
      { surveyKey: "shared" },
    ]);
  });

  it("writes a module's own survey under the module's key", async () => {
    await loadFixture();
    await writeFile(
      path.join(courses, "02.bank/survey.yaml"),
      "items:\n  - id: een\n    text: { nl: Een. }\n  - id: twee\n    text: { nl: Twee. }\n  - id: drie\n    reverse: true\n    text: { nl: Drie. }\n",
    );
    const { modules, sharedSurvey, problems } = await loadCourses(courses);
    expect(problems).toEqual([]);
    await syncCourses(db.prisma, modules, undefined, { sharedSurvey });
    expect(await db.prisma.module.findUniqueOrThrow({ where: { id: "bank" } })).toMatchObject({ surveyKey: "bank" });
    const own = await db.prisma.surveyItem.findMany({ where: { surveyKey: "bank" }, orderBy: { position: "asc" } });
    expect(own.map((item) => [item.id, item.reverse])).toEqual([
      ["bank/een", false],
      ["bank/twee", false],
      ["bank/drie", true],
    ]);
  });
});
