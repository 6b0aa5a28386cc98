import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createTestDatabase } from "../../tests/setup/temp-db";
import type { TestDatabase } from "../../tests/setup/temp-db";
import { loadCourses } from "./load.server";
import type * as LoadModule from "./load.server";
import { syncCourseFiles, syncCoursesAtStartup } from "./startup.server";

// The full loader (parse, validate, render), spied on so a test can tell whether a sync parsed.
vi.mock("./load.server", async (importOriginal) => {
  const original = await importOriginal<typeof LoadModule>();
  return { ...original, loadCourses: vi.fn(original.loadCourses) };
});

const MODULE_MD = [
  "---",
  "title: Basis",
  "summary: Kort.",
  "sectors: [care]",
  "minutes: 10",
  "objectives: [Je leert iets.]",
  "languages: [nl]",
  "assessment: false",
  "---",
  "",
].join("\n");

let db: TestDatabase;
let courses: string;

async function writeFiles(files: Record<string, string>) {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(courses, name)), { recursive: true });
    await writeFile(path.join(courses, name), content);
  }
}

beforeEach(async () => {
  vi.mocked(loadCourses).mockClear();
  globalThis.__stigmavrijCourseSync = undefined;
  db = await createTestDatabase();
  courses = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-courses-"));
  vi.spyOn(console, "info").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(async () => {
  vi.restoreAllMocks();
  globalThis.__stigmavrijCourseSync = undefined;
  await db.cleanup();
  await rm(courses, { recursive: true, force: true });
});

describe("syncCoursesAtStartup", () => {
  it("syncs once per process", async () => {
    await writeFiles({ "01.basis/module.md": MODULE_MD, "01.basis/01.les.md": "# Les\n\nTekst.\n" });
    const first = syncCoursesAtStartup(db.prisma, courses);
    const second = syncCoursesAtStartup(db.prisma, courses);
    expect(second).toBe(first);
    expect(await first).toEqual({ created: 1, updated: 0, unchanged: 0, archived: 0 });
    expect(await syncCoursesAtStartup(db.prisma, courses)).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      archived: 0,
    });
    expect(console.info).toHaveBeenCalledWith("courses: synced (1 created, 0 updated, 0 unchanged, 0 archived)");
  });

  it("logs problems, syncs the valid modules and keeps the stored version of invalid ones", async () => {
    await writeFiles({
      "01.basis/module.md": MODULE_MD,
      "01.basis/01.les.md": "# Les\n\nTekst.\n",
      "02.tweede/module.md": MODULE_MD,
      "02.tweede/01.les.md": "# Les\n\nTekst.\n",
    });
    await syncCoursesAtStartup(db.prisma, courses);
    globalThis.__stigmavrijCourseSync = undefined;

    await writeFiles({
      "02.tweede/01.les.md": "Geen titel.\n",
      "03.derde/module.md": MODULE_MD,
      "03.derde/01.les.md": "# Les\n",
    });
    const summary = await syncCoursesAtStartup(db.prisma, courses);

    expect(summary).toEqual({ created: 1, updated: 0, unchanged: 1, archived: 0 });
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringMatching(/02\.tweede\/01\.les\.md:1: missing title: a lesson must start with a level-one heading/),
    );
    expect(console.info).toHaveBeenLastCalledWith(
      "courses: synced (1 created, 0 updated, 1 unchanged, 0 archived); 1 module skipped (1 problem)",
    );
    expect(await db.prisma.module.findUniqueOrThrow({ where: { id: "tweede" } })).toMatchObject({
      archived: false,
    });
  });

  it("does not touch the database when the courses directory is missing", async () => {
    await writeFiles({ "01.basis/module.md": MODULE_MD, "01.basis/01.les.md": "# Les\n" });
    await syncCoursesAtStartup(db.prisma, courses);
    globalThis.__stigmavrijCourseSync = undefined;

    expect(await syncCoursesAtStartup(db.prisma, path.join(courses, "missing"))).toBeNull();
    expect(await db.prisma.module.findUniqueOrThrow({ where: { id: "basis" } })).toMatchObject({
      archived: false,
    });
  });
});

describe("syncCourseFiles without changes", () => {
  const files = {
    "01.basis/module.md": MODULE_MD,
    "01.basis/01.les.md": "# Les\n\nTekst.\n",
    "02.tweede/module.md": MODULE_MD,
    "02.tweede/01.les.md": "# Les\n\nTekst.\n",
    "survey.yaml":
      "items:\n" + ["a", "b", "c"].map((id) => `  - id: ${id}\n    text: { nl: Stelling, en: Statement }\n`).join(""),
  };

  it("parses nothing when every module's files hash to the stored version", async () => {
    await writeFiles(files);
    expect(await syncCourseFiles(db.prisma, courses)).toMatchObject({ created: 2 });
    expect(loadCourses).toHaveBeenCalledTimes(1);

    expect(await syncCourseFiles(db.prisma, courses)).toEqual({ created: 0, updated: 0, unchanged: 2, archived: 0 });
    expect(loadCourses).toHaveBeenCalledTimes(1);
    expect(await db.prisma.surveyItem.count({ where: { surveyKey: "shared", archived: false } })).toBe(3);
  });

  it("parses again after a file changed, a module left or the stored rows differ", async () => {
    await writeFiles(files);
    await syncCourseFiles(db.prisma, courses);

    await writeFiles({ "02.tweede/01.les.md": "# Les\n\nAndere tekst.\n" });
    expect(await syncCourseFiles(db.prisma, courses)).toMatchObject({ updated: 1, unchanged: 1 });
    expect(loadCourses).toHaveBeenCalledTimes(2);

    await rm(path.join(courses, "02.tweede"), { recursive: true });
    expect(await syncCourseFiles(db.prisma, courses)).toMatchObject({ unchanged: 1, archived: 1 });
    expect(loadCourses).toHaveBeenCalledTimes(3);

    await db.prisma.module.update({ where: { id: "basis" }, data: { contentHash: "elsewhere" } });
    expect(await syncCourseFiles(db.prisma, courses)).toMatchObject({ updated: 1 });
    expect(loadCourses).toHaveBeenCalledTimes(4);
  });

  it("parses again when a file would be reported, so its problem is logged on every start", async () => {
    await writeFiles(files);
    await syncCourseFiles(db.prisma, courses);
    await writeFiles({ "01.basis/notes.txt": "x" });
    await syncCourseFiles(db.prisma, courses);
    expect(loadCourses).toHaveBeenCalledTimes(2);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("01.basis/notes.txt:1: file name"));
  });
});
