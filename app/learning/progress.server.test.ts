import type { PrismaClient } from "@prisma/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createTestDatabase, testDatabaseProvider, type TestDatabase } from "../../tests/setup/temp-db";
import { listCatalogue } from "./catalogue.server";
import type { Question } from "~/content/questions";
import { createPrismaClient } from "~/db/client.server";
import {
  ACTIVITY_RESOLUTION_MS,
  completeLesson,
  getModuleOverview,
  listMyLearning,
  openLesson,
  viewLesson,
} from "./progress.server";
import { learningEvents } from "~/learning-events.server";

const T1 = new Date("2025-03-03T09:00:00.000Z");
const T2 = new Date("2025-03-04T10:30:00.000Z");
const T3 = new Date("2025-03-05T14:15:00.000Z");
const T4 = new Date("2025-03-06T08:45:00.000Z");

interface LessonSeed {
  slug: string;
  position: number;
  archived?: boolean;
  /** Locales with a text; Dutch only unless listed. */
  locales?: ("nl" | "en")[];
}

async function seedModule(
  db: PrismaClient,
  {
    id,
    position,
    sectors,
    archived = false,
    locales = ["nl", "en"],
    lessons,
  }: {
    id: string;
    position: number;
    sectors: string[];
    archived?: boolean;
    locales?: ("nl" | "en")[];
    lessons: LessonSeed[];
  },
) {
  await db.module.create({
    data: {
      id,
      position,
      sectors: JSON.stringify(sectors),
      minutes: 20,
      contentHash: `hash-${id}`,
      archived,
      locales: {
        create: locales.map((locale) => ({
          locale,
          title: locale === "nl" ? `Module ${id} (nl)` : `Module ${id} (en)`,
          summary: locale === "nl" ? `Samenvatting ${id}` : `Summary ${id}`,
          objectives: JSON.stringify(locale === "nl" ? ["Je leert iets."] : ["You learn something."]),
          introHtml: locale === "nl" ? "<p>Intro.</p>" : "<p>Intro (en).</p>",
        })),
      },
    },
  });
  for (const lesson of lessons) {
    await db.lesson.create({
      data: {
        id: `${id}/${lesson.slug}`,
        moduleId: id,
        slug: lesson.slug,
        position: lesson.position,
        minutes: 5,
        contentHash: `hash-${id}/${lesson.slug}`,
        archived: lesson.archived ?? false,
        locales: {
          create: (lesson.locales ?? ["nl"]).map((locale) => ({
            locale,
            title: locale === "nl" ? `Les ${lesson.slug}` : `Lesson ${lesson.slug}`,
            html: locale === "nl" ? `<p>Tekst van ${lesson.slug}.</p>` : `<p>Text of ${lesson.slug}.</p>`,
          })),
        },
      },
    });
  }
}

let testDb: TestDatabase;
let db: PrismaClient;
let learner: string;
let other: string;

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.prisma;
  // "basis": three current lessons with an archived one in between; "melden" is Dutch only.
  await seedModule(db, {
    id: "basis",
    position: 1,
    sectors: ["bank", "police"],
    lessons: [
      { slug: "intro", position: 1, locales: ["nl", "en"] },
      { slug: "stigma", position: 2, locales: ["nl", "en"] },
      { slug: "oud", position: 3, archived: true, locales: ["nl", "en"] },
      { slug: "melden", position: 4 },
    ],
  });
  await seedModule(db, {
    id: "verouderd",
    position: 2,
    sectors: ["care"],
    archived: true,
    lessons: [{ slug: "een", position: 1 }],
  });
  // Dutch only, for the care sector.
  await seedModule(db, {
    id: "zorg",
    position: 3,
    sectors: ["care"],
    locales: ["nl"],
    lessons: [
      { slug: "eerste", position: 1 },
      { slug: "tweede", position: 2 },
    ],
  });
  learner = (
    await db.user.create({
      data: { email: "leerling@example.nl", name: "Leerling", passwordHash: "x", sector: "care" },
    })
  ).id;
  other = (
    await db.user.create({ data: { email: "ander@example.nl", name: "Ander", passwordHash: "x", sector: "bank" } })
  ).id;
});

afterEach(async () => {
  await testDb.cleanup();
});

const open = (lessonSlug: string, now: Date, userId = learner, moduleSlug = "basis") =>
  openLesson(db, { moduleSlug, lessonSlug, locale: "nl", userId, now, events: learningEvents });
const complete = (lessonSlug: string, now: Date, userId = learner, moduleSlug = "basis") =>
  completeLesson(db, { moduleSlug, lessonSlug, userId, now, events: learningEvents });

describe("openLesson", () => {
  it("enrols the learner on first open and records the lesson as the one being read", async () => {
    const page = await open("stigma", T1);
    expect(page).toMatchObject({
      moduleSlug: "basis",
      slug: "stigma",
      title: "Les stigma",
      completed: false,
      fractionDone: 0,
    });

    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: learner, moduleId: "basis" } },
    });
    expect(enrollment).toMatchObject({
      status: "in_progress",
      contentHash: "hash-basis",
      lastLessonId: "basis/stigma",
      startedAt: T1,
      lastActivityAt: T1,
      completedAt: null,
    });
    const progress = await db.lessonProgress.findUniqueOrThrow({
      where: { userId_lessonId: { userId: learner, lessonId: "basis/stigma" } },
    });
    expect(progress).toMatchObject({
      firstSeenAt: T1,
      lastSeenAt: T1,
      completedAt: null,
      contentHash: "hash-basis/stigma",
    });
  });

  it("keeps the enrolment start on later opens and moves the last lesson and activity", async () => {
    await open("intro", T1);
    await open("melden", T2);
    await open("intro", T3);
    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: learner, moduleId: "basis" } },
    });
    expect(enrollment).toMatchObject({ startedAt: T1, lastActivityAt: T3, lastLessonId: "basis/intro" });
    expect(await db.enrollment.count()).toBe(1);
    const intro = await db.lessonProgress.findUniqueOrThrow({
      where: { userId_lessonId: { userId: learner, lessonId: "basis/intro" } },
    });
    expect(intro).toMatchObject({ firstSeenAt: T1, lastSeenAt: T3 });
  });

  it("counts position, total, previous and next over current lessons only", async () => {
    const first = await open("intro", T1);
    expect(first).toMatchObject({ position: 1, total: 3, previousSlug: null, nextSlug: "stigma" });
    const second = await open("stigma", T1);
    expect(second).toMatchObject({ position: 2, total: 3, previousSlug: "intro", nextSlug: "melden" });
    // The archived lesson "oud" sits between stigma and melden and is skipped.
    const third = await open("melden", T1);
    expect(third).toMatchObject({ position: 3, total: 3, previousSlug: "stigma", nextSlug: null });
  });

  it("returns null for an unknown lesson, an archived lesson or a lesson of an archived module, without enrolling", async () => {
    expect(await open("bestaat-niet", T1)).toBeNull();
    expect(await open("oud", T1)).toBeNull();
    expect(await open("een", T1, learner, "verouderd")).toBeNull();
    expect(await open("intro", T1, learner, "bestaat-niet")).toBeNull();
    expect(await db.enrollment.count()).toBe(0);
    expect(await db.lessonProgress.count()).toBe(0);
  });

  it("shows the requested language when it exists", async () => {
    const page = await openLesson(db, {
      moduleSlug: "basis",
      lessonSlug: "intro",
      locale: "en",
      userId: learner,
      now: T1,
      events: learningEvents,
    });
    expect(page).toMatchObject({
      title: "Lesson intro",
      html: "<p>Text of intro.</p>",
      contentLocale: "en",
      moduleTitle: "Module basis (en)",
    });
  });

  it("falls back to Dutch when the lesson has no English text", async () => {
    const page = await openLesson(db, {
      moduleSlug: "basis",
      lessonSlug: "melden",
      locale: "en",
      userId: learner,
      now: T1,
      events: learningEvents,
    });
    expect(page).toMatchObject({ title: "Les melden", html: "<p>Tekst van melden.</p>", contentLocale: "nl" });
    const zorg = await openLesson(db, {
      moduleSlug: "zorg",
      lessonSlug: "eerste",
      locale: "en",
      userId: learner,
      now: T1,
      events: learningEvents,
    });
    expect(zorg).toMatchObject({ moduleTitle: "Module zorg (nl)", title: "Les eerste", contentLocale: "nl" });
  });

  it("reports completion and progress of the learner", async () => {
    await complete("intro", T1);
    const page = await open("intro", T2);
    expect(page).toMatchObject({ completed: true, fractionDone: 1 / 3 });
  });
});

describe("viewing a lesson", () => {
  // total_changes() is SQLite's count of rows written on the connection: the writes-nothing checks
  // run on SQLite only, as PostgreSQL has no such counter (its statistics are flushed late). The
  // statements under test are the same on both databases.
  const onSqlite = testDatabaseProvider() === "sqlite";
  const changes = async (client: PrismaClient = db) =>
    Number((await client.$queryRaw<{ n: bigint | number }[]>`SELECT total_changes() AS n`)[0]!.n);
  const view = (lessonSlug: string, now: Date, client: PrismaClient = db) =>
    viewLesson(client, { moduleSlug: "basis", lessonSlug, locale: "nl", userId: learner, now, events: learningEvents });

  it.runIf(onSqlite)("writes nothing when the learner reloads the lesson they are reading", async () => {
    await view("intro", T1);
    const before = await changes();
    const again = await view("intro", new Date(T1.getTime() + 60_000));
    expect(again).toMatchObject({ kind: "lesson", lesson: { slug: "intro", position: 1 } });
    expect(await changes()).toBe(before);
    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: learner, moduleId: "basis" } },
    });
    expect(enrollment).toMatchObject({ lastActivityAt: T1, lastLessonId: "basis/intro" });
  });

  it.runIf(onSqlite)(
    "records a view that says something new: another lesson, or activity after a long pause",
    async () => {
      await view("intro", T1);
      let before = await changes();
      await view("stigma", new Date(T1.getTime() + 60_000));
      expect(await changes()).toBeGreaterThan(before);
      before = await changes();
      const later = new Date(T1.getTime() + 60_000 + ACTIVITY_RESOLUTION_MS);
      await view("stigma", later);
      expect(await changes()).toBeGreaterThan(before);
      const enrollment = await db.enrollment.findUniqueOrThrow({
        where: { userId_moduleId: { userId: learner, moduleId: "basis" } },
      });
      expect(enrollment).toMatchObject({ lastActivityAt: later, lastLessonId: "basis/stigma" });
    },
  );

  it("serves the content from memory until the module's version stamp changes", async () => {
    await view("intro", T1);
    // Changed behind the sync's back: the content hash still names the old version.
    await db.lessonLocale.update({
      where: { lessonId_locale: { lessonId: "basis/intro", locale: "nl" } },
      data: { html: "<p>Nieuw.</p>" },
    });
    expect(await view("intro", T2)).toMatchObject({ lesson: { html: "<p>Tekst van intro.</p>" } });
    // What the sync does with a new version: a new hash and sync time.
    await db.module.update({ where: { id: "basis" }, data: { contentHash: "hash-basis-2", syncedAt: T2 } });
    expect(await view("intro", T3)).toMatchObject({ lesson: { html: "<p>Nieuw.</p>" } });
  });

  it("sees a sync made by another process on its next request", async () => {
    const otherProcess = createPrismaClient(testDb.url);
    try {
      await view("intro", T1, otherProcess);
      await view("intro", T1);
      await db.lessonLocale.update({
        where: { lessonId_locale: { lessonId: "basis/intro", locale: "nl" } },
        data: { title: "Nieuwe titel" },
      });
      await db.module.update({ where: { id: "basis" }, data: { contentHash: "hash-basis-2", syncedAt: T2 } });
      expect(await view("intro", T2, otherProcess)).toMatchObject({ lesson: { title: "Nieuwe titel" } });
    } finally {
      await otherProcess.$disconnect();
    }
  });

  it("shows the knowledge checks of the lesson with the learner's answers", async () => {
    const question: Question = {
      id: "c1",
      type: "single",
      topic: null,
      objectives: [],
      scenario: null,
      explanation: { nl: "Uitleg." },
      text: { nl: "Vraag?" },
      options: [
        { text: { nl: "Ja" }, correct: true, feedback: { nl: "Goed." } },
        { text: { nl: "Nee" }, correct: false, feedback: { nl: "Fout." } },
      ],
    };
    await db.question.create({
      data: {
        id: "basis/c1",
        moduleId: "basis",
        slug: "c1",
        kind: "check",
        type: "single",
        lessonId: "basis/intro",
        position: 0,
        data: JSON.stringify(question),
      },
    });
    await db.module.update({ where: { id: "basis" }, data: { syncedAt: T2 } });
    const unanswered = await view("intro", T1);
    expect(unanswered).toMatchObject({ lesson: { slug: "intro" }, checks: [{ id: "c1", answered: false }] });
    await db.checkAnswer.create({
      data: { userId: learner, questionId: "basis/c1", selected: "[1]", correct: false },
    });
    expect(await view("intro", T2)).toMatchObject({ checks: [{ id: "c1", answered: true, correct: false }] });
    expect(await view("stigma", T2)).toMatchObject({ checks: [] });
  });

  it("asks for the attitude survey before the first lesson", async () => {
    await db.surveyItem.create({ data: { id: "shared/a", surveyKey: "shared", slug: "a", position: 0, text: "{}" } });
    await db.module.update({ where: { id: "basis" }, data: { surveyKey: "shared" } });
    expect(await view("intro", T1)).toEqual({ kind: "surveyFirst" });
    expect(await db.enrollment.count()).toBe(0);
  });

  it("returns null for an unknown or archived lesson", async () => {
    expect(await view("oud", T1)).toBeNull();
    expect(await view("bestaat-niet", T1)).toBeNull();
  });
});

describe("completeLesson", () => {
  it("returns not_found for unknown or archived lessons and modules", async () => {
    expect(await complete("bestaat-niet", T1)).toEqual({ ok: false, error: "not_found" });
    expect(await complete("oud", T1)).toEqual({ ok: false, error: "not_found" });
    expect(await complete("een", T1, learner, "verouderd")).toEqual({ ok: false, error: "not_found" });
    expect(await db.enrollment.count()).toBe(0);
    expect(await db.lessonProgress.count()).toBe(0);
  });

  it("marks the lesson done and points at the next current lesson", async () => {
    await open("intro", T1);
    expect(await complete("intro", T2)).toEqual({
      ok: true,
      nextLessonSlug: "stigma",
      moduleCompleted: false,
      assessmentPending: false,
    });
    expect(await complete("stigma", T2)).toEqual({
      ok: true,
      nextLessonSlug: "melden",
      moduleCompleted: false,
      assessmentPending: false,
    });
    const intro = await db.lessonProgress.findUniqueOrThrow({
      where: { userId_lessonId: { userId: learner, lessonId: "basis/intro" } },
    });
    expect(intro).toMatchObject({ firstSeenAt: T1, lastSeenAt: T2, completedAt: T2 });
  });

  it("is idempotent: repeating it keeps the first completion time", async () => {
    await open("intro", T1);
    await complete("intro", T2);
    expect(await complete("intro", T3)).toEqual({
      ok: true,
      nextLessonSlug: "stigma",
      moduleCompleted: false,
      assessmentPending: false,
    });
    const rows = await db.lessonProgress.findMany({ where: { userId: learner } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lessonId: "basis/intro", completedAt: T2, lastSeenAt: T2 });
  });

  it("enrols a learner who completes a lesson they never opened", async () => {
    await complete("stigma", T1);
    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: learner, moduleId: "basis" } },
    });
    expect(enrollment).toMatchObject({
      status: "in_progress",
      startedAt: T1,
      lastActivityAt: T1,
      lastLessonId: "basis/stigma",
    });
    const progress = await db.lessonProgress.findUniqueOrThrow({
      where: { userId_lessonId: { userId: learner, lessonId: "basis/stigma" } },
    });
    expect(progress).toMatchObject({ firstSeenAt: T1, completedAt: T1 });
  });

  it("completes the module once all current lessons are done, ignoring archived ones", async () => {
    await complete("intro", T1);
    await complete("stigma", T2);
    const before = await db.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: learner, moduleId: "basis" } },
    });
    expect(before).toMatchObject({ status: "in_progress", completedAt: null });

    // The module hash changed since the learner started; completion records the current one.
    await db.module.update({ where: { id: "basis" }, data: { contentHash: "hash-basis-v2" } });
    expect(await complete("melden", T3)).toEqual({
      ok: true,
      nextLessonSlug: null,
      moduleCompleted: true,
      assessmentPending: false,
    });
    const after = await db.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: learner, moduleId: "basis" } },
    });
    expect(after).toMatchObject({
      status: "completed",
      completedAt: T3,
      contentHash: "hash-basis-v2",
      startedAt: T1,
      lastActivityAt: T3,
    });

    // Repeating a lesson later keeps the first module completion time.
    expect(await complete("intro", T4)).toEqual({
      ok: true,
      nextLessonSlug: "stigma",
      moduleCompleted: true,
      assessmentPending: false,
    });
    const again = await db.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: learner, moduleId: "basis" } },
    });
    expect(again).toMatchObject({ status: "completed", completedAt: T3, lastActivityAt: T4 });
    // The completion is stored once, as a fact with the content version it was earned on.
    const completions = await db.moduleCompletion.findMany({ where: { userId: learner } });
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({
      moduleId: "basis",
      completedAt: T3,
      contentHash: "hash-basis-v2",
      attemptId: null,
      percent: null,
    });
  });

  it("leaves a module with a final assessment open after the last lesson, with the assessment pending", async () => {
    await db.module.update({
      where: { id: "zorg" },
      data: { hasAssessment: true, passMark: 70, drawCount: 1, maxAttempts: 2 },
    });
    expect(await complete("eerste", T1, learner, "zorg")).toEqual({
      ok: true,
      nextLessonSlug: "tweede",
      moduleCompleted: false,
      assessmentPending: false,
    });
    expect(await complete("tweede", T2, learner, "zorg")).toEqual({
      ok: true,
      nextLessonSlug: null,
      moduleCompleted: false,
      assessmentPending: true,
    });
    expect(await db.moduleCompletion.count()).toBe(0);
    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: learner, moduleId: "zorg" } },
    });
    expect(enrollment).toMatchObject({ status: "in_progress", completedAt: null });
  });

  it("adds measured active time when a lesson is completed within a minute of the last activity", async () => {
    await open("intro", T1);
    await complete("intro", new Date(T1.getTime() + 40_000));
    await open("stigma", T2);
    // Completing long after opening counts none of the gap: the tab may have been left open.
    await complete("stigma", new Date(T2.getTime() + 61_000));
    const rows = await db.lessonProgress.findMany({ where: { userId: learner }, orderBy: { lessonId: "asc" } });
    expect(rows.map((row) => [row.lessonId, row.activeSeconds])).toEqual([
      ["basis/intro", 40],
      ["basis/stigma", 0],
    ]);
  });
});

describe("getModuleOverview", () => {
  it("returns null for unknown and archived modules", async () => {
    expect(await getModuleOverview(db, { moduleSlug: "bestaat-niet", locale: "nl", userId: null })).toBeNull();
    expect(await getModuleOverview(db, { moduleSlug: "verouderd", locale: "nl", userId: learner })).toBeNull();
  });

  it("shows an anonymous visitor the current lessons without progress", async () => {
    await complete("intro", T1);
    await open("stigma", T2);
    const overview = await getModuleOverview(db, { moduleSlug: "basis", locale: "nl", userId: null });
    expect(overview).toMatchObject({
      slug: "basis",
      title: "Module basis (nl)",
      summary: "Samenvatting basis",
      introHtml: "<p>Intro.</p>",
      objectives: ["Je leert iets."],
      contentLocale: "nl",
      minutes: 20,
      sectors: ["bank", "police"],
      enrollment: null,
      fractionDone: 0,
      resumeLessonSlug: "intro",
    });
    expect(overview?.lessons).toEqual([
      { slug: "intro", title: "Les intro", minutes: 5, status: "not_started" },
      { slug: "stigma", title: "Les stigma", minutes: 5, status: "not_started" },
      { slug: "melden", title: "Les melden", minutes: 5, status: "not_started" },
    ]);
  });

  it("shows a learner their statuses, enrolment and where to continue", async () => {
    await complete("intro", T1);
    await open("stigma", T2);
    const overview = await getModuleOverview(db, { moduleSlug: "basis", locale: "nl", userId: learner });
    expect(overview?.lessons.map((l) => [l.slug, l.status])).toEqual([
      ["intro", "completed"],
      ["stigma", "in_progress"],
      ["melden", "not_started"],
    ]);
    expect(overview?.enrollment).toEqual({
      status: "in_progress",
      startedAt: T1,
      completedAt: null,
      lastActivityAt: T2,
    });
    expect(overview?.fractionDone).toBeCloseTo(1 / 3);
    expect(overview?.resumeLessonSlug).toBe("stigma");
  });

  it("continues at the first open lesson after the last lesson read was finished", async () => {
    await open("stigma", T1);
    await complete("stigma", T2);
    const overview = await getModuleOverview(db, { moduleSlug: "basis", locale: "nl", userId: learner });
    expect(overview?.resumeLessonSlug).toBe("intro");
  });

  it("gives a learner without an enrolment the first lesson and no enrolment", async () => {
    const overview = await getModuleOverview(db, { moduleSlug: "basis", locale: "nl", userId: learner });
    expect(overview).toMatchObject({ enrollment: null, fractionDone: 0, resumeLessonSlug: "intro" });
    expect(overview?.lessons.every((l) => l.status === "not_started")).toBe(true);
  });

  it("ignores progress on archived lessons", async () => {
    await db.lessonProgress.create({
      data: {
        userId: learner,
        lessonId: "basis/oud",
        contentHash: "h",
        firstSeenAt: T1,
        lastSeenAt: T1,
        completedAt: T1,
      },
    });
    await db.enrollment.create({
      data: {
        userId: learner,
        moduleId: "basis",
        contentHash: "h",
        lastLessonId: "basis/oud",
        startedAt: T1,
        lastActivityAt: T1,
      },
    });
    const overview = await getModuleOverview(db, { moduleSlug: "basis", locale: "nl", userId: learner });
    expect(overview).toMatchObject({ fractionDone: 0, resumeLessonSlug: "intro" });
    expect(overview?.lessons.map((l) => l.slug)).toEqual(["intro", "stigma", "melden"]);
  });

  it("never shows one learner's progress to another", async () => {
    await complete("intro", T1, other);
    await complete("stigma", T1, other);
    await open("melden", T2, other);

    const mine = await getModuleOverview(db, { moduleSlug: "basis", locale: "nl", userId: learner });
    expect(mine).toMatchObject({ enrollment: null, fractionDone: 0, resumeLessonSlug: "intro" });
    expect(mine?.lessons.map((l) => l.status)).toEqual(["not_started", "not_started", "not_started"]);

    await open("intro", T3);
    const page = await open("stigma", T3);
    expect(page).toMatchObject({ completed: false, fractionDone: 0 });
    const after = await getModuleOverview(db, { moduleSlug: "basis", locale: "nl", userId: learner });
    expect(after?.lessons.map((l) => l.status)).toEqual(["in_progress", "in_progress", "not_started"]);
    expect(after?.enrollment?.startedAt).toEqual(T3);
    expect(await listMyLearning(db, { userId: learner, locale: "nl" })).toEqual([
      expect.objectContaining({ moduleSlug: "basis", fractionDone: 0, resumeLessonSlug: "stigma" }),
    ]);

    // And the other learner's progress is untouched.
    const theirs = await getModuleOverview(db, { moduleSlug: "basis", locale: "nl", userId: other });
    expect(theirs?.lessons.map((l) => l.status)).toEqual(["completed", "completed", "in_progress"]);
    expect(theirs?.resumeLessonSlug).toBe("melden");
  });

  it("uses the requested language, falling back to Dutch text", async () => {
    const en = await getModuleOverview(db, { moduleSlug: "basis", locale: "en", userId: null });
    expect(en).toMatchObject({ title: "Module basis (en)", contentLocale: "en", objectives: ["You learn something."] });
    expect(en?.lessons.map((l) => l.title)).toEqual(["Lesson intro", "Lesson stigma", "Les melden"]);

    const zorg = await getModuleOverview(db, { moduleSlug: "zorg", locale: "en", userId: null });
    expect(zorg).toMatchObject({
      title: "Module zorg (nl)",
      summary: "Samenvatting zorg",
      contentLocale: "nl",
      objectives: ["Je leert iets."],
    });
  });
});

describe("listMyLearning", () => {
  it("is empty for a learner who started nothing", async () => {
    expect(await listMyLearning(db, { userId: learner, locale: "nl" })).toEqual([]);
  });

  it("lists started modules, most recent activity first, with progress and where to continue", async () => {
    await open("intro", T1);
    await complete("intro", T1);
    await open("eerste", T2, learner, "zorg");
    await complete("eerste", T2, learner, "zorg");
    await complete("tweede", T2, learner, "zorg");
    await open("stigma", T3);

    const entries = await listMyLearning(db, { userId: learner, locale: "nl" });
    expect(entries).toEqual([
      {
        moduleSlug: "basis",
        title: "Module basis (nl)",
        contentLocale: "nl",
        status: "in_progress",
        fractionDone: 1 / 3,
        lastActivityAt: T3,
        completedAt: null,
        resumeLessonSlug: "stigma",
        assessmentPending: false,
        progressStatus: { kind: "in_progress" },
      },
      {
        moduleSlug: "zorg",
        title: "Module zorg (nl)",
        contentLocale: "nl",
        status: "completed",
        fractionDone: 1,
        lastActivityAt: T2,
        completedAt: T2,
        resumeLessonSlug: "eerste",
        assessmentPending: false,
        progressStatus: { kind: "completed" },
      },
    ]);

    // Activity on zorg moves it to the top.
    await open("tweede", T4, learner, "zorg");
    const reordered = await listMyLearning(db, { userId: learner, locale: "nl" });
    expect(reordered.map((e) => e.moduleSlug)).toEqual(["zorg", "basis"]);
    expect(reordered[0]?.resumeLessonSlug).toBe("tweede");
  });

  it("points at the assessment once every lesson is done and the module still needs it", async () => {
    await db.module.update({
      where: { id: "zorg" },
      data: { hasAssessment: true, drawCount: 1, passMark: 50, maxAttempts: 1 },
    });
    await complete("eerste", T1, learner, "zorg");
    expect((await listMyLearning(db, { userId: learner, locale: "nl" }))[0]).toMatchObject({
      status: "in_progress",
      assessmentPending: false,
    });
    await complete("tweede", T2, learner, "zorg");
    expect((await listMyLearning(db, { userId: learner, locale: "nl" }))[0]).toMatchObject({
      status: "in_progress",
      fractionDone: 1,
      assessmentPending: true,
    });
  });

  it("leaves out archived modules", async () => {
    await open("intro", T1);
    await db.enrollment.create({
      data: {
        userId: learner,
        moduleId: "verouderd",
        contentHash: "h",
        startedAt: T2,
        lastActivityAt: T2,
        lastLessonId: "verouderd/een",
      },
    });
    const entries = await listMyLearning(db, { userId: learner, locale: "nl" });
    expect(entries.map((e) => e.moduleSlug)).toEqual(["basis"]);
  });

  it("shows only the learner's own enrolments", async () => {
    await open("intro", T1, other);
    await open("eerste", T2, learner, "zorg");
    expect((await listMyLearning(db, { userId: learner, locale: "nl" })).map((e) => e.moduleSlug)).toEqual(["zorg"]);
    expect((await listMyLearning(db, { userId: other, locale: "nl" })).map((e) => e.moduleSlug)).toEqual(["basis"]);
  });

  it("uses English titles where they exist and Dutch otherwise", async () => {
    await open("intro", T1);
    await open("eerste", T2, learner, "zorg");
    const entries = await listMyLearning(db, { userId: learner, locale: "en" });
    expect(entries.map((e) => [e.moduleSlug, e.title, e.contentLocale])).toEqual([
      ["zorg", "Module zorg (nl)", "nl"],
      ["basis", "Module basis (en)", "en"],
    ]);
  });
});

describe("listCatalogue", () => {
  it("lists current modules in catalogue order without a sector", async () => {
    const entries = await listCatalogue(db, { locale: "nl" });
    expect(entries.map((e) => e.slug)).toEqual(["basis", "zorg"]);
    expect(entries.every((e) => !e.forLearnerSector)).toBe(true);
    expect(entries[0]).toEqual({
      slug: "basis",
      title: "Module basis (nl)",
      summary: "Samenvatting basis",
      contentLocale: "nl",
      minutes: 20,
      sectors: ["bank", "police"],
      lessonCount: 3,
      forLearnerSector: false,
    });
  });

  it("puts the learner's sector first and still lists every other module", async () => {
    const entries = await listCatalogue(db, { locale: "nl", sector: "care" });
    expect(entries.map((e) => [e.slug, e.forLearnerSector])).toEqual([
      ["zorg", true],
      ["basis", false],
    ]);
    const bank = await listCatalogue(db, { locale: "nl", sector: "bank" });
    expect(bank.map((e) => [e.slug, e.forLearnerSector])).toEqual([
      ["basis", true],
      ["zorg", false],
    ]);
    const none = await listCatalogue(db, { locale: "nl", sector: "municipality" });
    expect(none.map((e) => [e.slug, e.forLearnerSector])).toEqual([
      ["basis", false],
      ["zorg", false],
    ]);
  });

  it("keeps catalogue order within the learner's sector and the rest", async () => {
    await seedModule(db, { id: "bank2", position: 0, sectors: ["bank"], lessons: [] });
    await seedModule(db, { id: "overig", position: 5, sectors: ["other"], lessons: [] });
    const entries = await listCatalogue(db, { locale: "nl", sector: "bank" });
    expect(entries.map((e) => e.slug)).toEqual(["bank2", "basis", "zorg", "overig"]);
  });

  it("counts only current lessons and leaves out archived modules", async () => {
    const entries = await listCatalogue(db, { locale: "en", sector: "care" });
    expect(entries.map((e) => e.slug)).not.toContain("verouderd");
    expect(Object.fromEntries(entries.map((e) => [e.slug, e.lessonCount]))).toEqual({ basis: 3, zorg: 2 });
  });

  it("falls back to Dutch text when English is requested but missing", async () => {
    const entries = await listCatalogue(db, { locale: "en" });
    expect(entries.map((e) => [e.slug, e.title, e.summary, e.contentLocale])).toEqual([
      ["basis", "Module basis (en)", "Summary basis", "en"],
      ["zorg", "Module zorg (nl)", "Samenvatting zorg", "nl"],
    ]);
  });

  it("ignores unknown sector codes stored on a module", async () => {
    await db.module.update({ where: { id: "zorg" }, data: { sectors: JSON.stringify(["care", "onbekend"]) } });
    const entries = await listCatalogue(db, { locale: "nl", sector: "care" });
    expect(entries[0]).toMatchObject({ slug: "zorg", sectors: ["care"] });
  });
});
