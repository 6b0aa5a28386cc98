import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createTestDatabase } from "../../tests/setup/temp-db";
import type { TestDatabase } from "../../tests/setup/temp-db";
import { loadCourses } from "./load.server";
import { syncCourses } from "./sync.server";

/** Writes a module with one file per lesson (plus English files when `en` is listed). */
async function writeModule(dirName: string, lessons: string[], languages: string[] = ["nl"]) {
  const directory = path.join(courses, dirName);
  await mkdir(directory, { recursive: true });
  const objectives = "objectives:\n  - Je leert iets.\n";
  await writeFile(
    path.join(directory, "module.md"),
    `---\ntitle: Module ${dirName}\nsummary: Kort.\nsectors: [bank]\nminutes: 10\n${objectives}languages: [${languages.join(
      ", "
    )}]\n---\nIntro.\n`
  );
  if (languages.includes("en")) {
    await writeFile(
      path.join(directory, "module.en.md"),
      `---\ntitle: Module ${dirName}\nsummary: Short.\nobjectives:\n  - You learn something.\n---\n`
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
    expect(
      basis.lessons.map((lesson) => [lesson.id, lesson.slug, lesson.position, lesson.locales.length])
    ).toEqual([
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
