import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { syncCourseFiles } from "./startup.server";
import type { SyncSummary } from "./sync.server";
import { watchCourses, type CourseWatcher } from "./watch.server";

const FIXTURES = path.resolve("tests/fixtures/courses/valid");

const database = useTestDatabase();
let dir: string;
let watcher: CourseWatcher | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-watch-"));
  await cp(FIXTURES, dir, { recursive: true });
});

afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts the watcher; `next()` resolves with the summary of the next sync it runs. */
async function watch() {
  const waiting: Array<(summary: SyncSummary | null) => void> = [];
  watcher = await watchCourses(database.prisma, dir, {
    debounceMs: 20,
    onSync: (summary) => waiting.shift()?.(summary),
    onError: (error) => {
      throw error;
    },
  });
  return { next: () => new Promise<SyncSummary | null>((resolve) => waiting.push(resolve)) };
}

// A real file watcher on a shared, busy machine: allow for slow event delivery.
describe("watchCourses", { timeout: 120_000 }, () => {
  it("syncs a lesson edit, rewriting only the module whose content changed", async () => {
    await syncCourseFiles(database.prisma, dir);
    const { next } = await watch();

    const lesson = path.join(dir, "01.basis", "02.stigma.md");
    const synced = next();
    await writeFile(lesson, `${await readFile(lesson, "utf8")}\nEen zin die de auteur net toevoegde.\n`);
    const summary = await synced;

    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const row = await database.prisma.lessonLocale.findUniqueOrThrow({
      where: { lessonId_locale: { lessonId: "basis/stigma", locale: "nl" } },
    });
    expect(row.html).toContain("Een zin die de auteur net toevoegde.");
  });

  it("keeps the stored module while an edit breaks it, and syncs the fix", async () => {
    await syncCourseFiles(database.prisma, dir);
    const { next } = await watch();
    const lesson = path.join(dir, "01.basis", "02.stigma.md");
    const original = await readFile(lesson, "utf8");
    const stored = () =>
      database.prisma.lessonLocale.findUniqueOrThrow({
        where: { lessonId_locale: { lessonId: "basis/stigma", locale: "nl" } },
      });
    const before = (await stored()).html;

    // A lesson must start with its "# title": without it the module is skipped, not archived.
    let synced = next();
    await writeFile(lesson, original.replace(/^# .*\n/m, "Geen titel meer.\n"));
    expect(await synced).toMatchObject({ updated: 0, archived: 0 });
    expect((await stored()).html).toBe(before);

    synced = next();
    await writeFile(lesson, `${original}\nHersteld.\n`);
    expect(await synced).toMatchObject({ updated: 1 });
    expect((await stored()).html).toContain("Hersteld.");
  });
});
