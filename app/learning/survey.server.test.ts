import { describe, expect, it } from "vitest";

import { createLearner, parsedModule, surveyItem } from "../../tests/unit/support/courses";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { syncCourses } from "~/content/sync.server";
import type { ParsedSurvey } from "~/content/types";
import { completeLesson } from "./progress.server";
import { getSurvey, saveSurvey, surveyPending } from "./survey.server";
import type { SurveyAnswers, SurveyPhase } from "./survey.server";
import { learningEvents } from "~/learning-events.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T1 = new Date("2025-07-01T09:00:00.000Z");
const T2 = new Date("2025-07-08T09:00:00.000Z");

const SHARED: ParsedSurvey = {
  key: "shared",
  items: [surveyItem("werk"), surveyItem("schuld", true), surveyItem("respect")],
};

/** Two modules showing the shared survey, and one without a survey; none has an assessment. */
async function seed() {
  await syncCourses(
    db(),
    [
      parsedModule({ slug: "basis", position: 1, lessons: ["een"], survey: SHARED }),
      parsedModule({ slug: "bank", position: 2, lessons: ["een"], survey: SHARED }),
      parsedModule({ slug: "stil", position: 3, lessons: ["een"] }),
    ],
    undefined,
    { sharedSurvey: SHARED },
  );
}

const values = (entries: Record<string, number>): SurveyAnswers => ({
  skip: false,
  values: new Map(Object.entries(entries)),
});

function save(userId: string, phase: SurveyPhase, answers: SurveyAnswers, moduleSlug = "basis", now = T1) {
  return saveSurvey(db(), { moduleSlug, userId, phase, answers, now, events: learningEvents });
}

async function complete(userId: string, moduleSlug = "basis") {
  await completeLesson(db(), { moduleSlug, lessonSlug: "een", userId, now: T1, events: learningEvents });
}

/** A learner who answered before, completed the module and answered after. */
async function pairedLearner(before: Record<string, number>, after: Record<string, number>, moduleSlug = "basis") {
  const userId = await createLearner(db());
  expect(await save(userId, "before", values(before), moduleSlug)).toEqual({ ok: true });
  await complete(userId, moduleSlug);
  expect(await save(userId, "after", values(after), moduleSlug, T2)).toEqual({ ok: true });
  return userId;
}

async function writes() {
  return JSON.stringify({
    answers: await db().attitudeAnswer.findMany({ orderBy: [{ userId: "asc" }, { itemId: "asc" }] }),
    enrollments: await db().enrollment.findMany({ orderBy: { id: "asc" } }),
  });
}

describe("saveSurvey", () => {
  it("keeps a learner's before and after answers to an item side by side in one row", async () => {
    await seed();
    const userId = await pairedLearner({ werk: 2, schuld: 4, respect: 3 }, { werk: 4, schuld: 2 });
    const rows = await db().attitudeAnswer.findMany({ where: { userId }, orderBy: { itemId: "asc" } });
    expect(rows.map((row) => [row.moduleId, row.itemId, row.before, row.beforeAt, row.after, row.afterAt])).toEqual([
      ["basis", "shared/respect", 3, T1, null, null],
      ["basis", "shared/schuld", 4, T1, 2, T2],
      ["basis", "shared/werk", 2, T1, 4, T2],
    ]);
    const enrollment = await db().enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId, moduleId: "basis" } },
    });
    expect(enrollment).toMatchObject({ preSurvey: "answered", postSurvey: "answered" });
  });

  it("records a skip without answers, also before the learner opened a lesson", async () => {
    await seed();
    const userId = await createLearner(db());
    expect(await save(userId, "before", { skip: true })).toEqual({ ok: true });
    expect(await db().attitudeAnswer.count()).toBe(0);
    const enrollment = await db().enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId, moduleId: "basis" } },
    });
    expect(enrollment).toMatchObject({ preSurvey: "skipped", postSurvey: null, startedAt: T1 });
    // Sending the form without ticking anything counts as skipping too.
    const other = await createLearner(db());
    expect(await save(other, "before", values({}))).toEqual({ ok: true });
    expect(
      await db().enrollment.findUniqueOrThrow({ where: { userId_moduleId: { userId: other, moduleId: "basis" } } }),
    ).toMatchObject({
      preSurvey: "skipped",
    });
  });

  it("refuses values off the scale and unknown items, writing nothing", async () => {
    await seed();
    const userId = await createLearner(db());
    const before = await writes();
    const refused: Array<Record<string, number>> = [
      { werk: 0 },
      { werk: 6 },
      { werk: 2.5 },
      { werk: 3, onbekend: 3 },
      { "shared/werk": 3 },
    ];
    for (const bad of refused) {
      expect(await save(userId, "before", values(bad))).toEqual({ ok: false, error: "invalid_answer" });
    }
    expect(await writes()).toBe(before);
    expect(await db().enrollment.count()).toBe(0);
  });

  it("refuses the after phase before the module is completed", async () => {
    await seed();
    const userId = await createLearner(db());
    await save(userId, "before", values({ werk: 3 }));
    const before = await writes();
    expect(await save(userId, "after", values({ werk: 5 }))).toEqual({ ok: false, error: "not_completed" });
    expect(await save(userId, "after", { skip: true })).toEqual({ ok: false, error: "not_completed" });
    expect(await writes()).toBe(before);
  });

  it("refuses modules without a survey", async () => {
    await seed();
    const userId = await createLearner(db());
    expect(await save(userId, "before", values({ werk: 3 }), "stil")).toEqual({ ok: false, error: "not_found" });
    expect(await save(userId, "before", values({ werk: 3 }), "bestaat-niet")).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await writes()).toBe(JSON.stringify({ answers: [], enrollments: [] }));
  });
});

describe("getSurvey", () => {
  it("lists the items in order, in the learner's language, with the answers of the phase", async () => {
    await seed();
    const userId = await createLearner(db());
    await save(userId, "before", values({ schuld: 5 }));
    const page = await getSurvey(db(), { moduleSlug: "basis", userId, locale: "en", phase: "before" });
    expect(page).toEqual({
      moduleSlug: "basis",
      moduleTitle: "Module basis (en)",
      contentLocale: "en",
      phase: "before",
      items: [
        { id: "werk", text: "Statement werk", value: null },
        { id: "schuld", text: "Statement schuld", value: 5 },
        { id: "respect", text: "Statement respect", value: null },
      ],
      status: "answered",
    });
    const after = await getSurvey(db(), { moduleSlug: "basis", userId, locale: "nl", phase: "after" });
    expect(after?.items.map((item) => [item.text, item.value])).toEqual([
      ["Stelling werk", null],
      ["Stelling schuld", null],
      ["Stelling respect", null],
    ]);
    expect(after?.status).toBeNull();
    expect(await getSurvey(db(), { moduleSlug: "stil", userId, locale: "nl", phase: "before" })).toBeNull();
  });
});

describe("surveyPending", () => {
  const pending = (userId: string, phase: SurveyPhase, moduleSlug = "basis") =>
    surveyPending(db(), { moduleSlug, userId, phase });

  it("offers the before survey until it is answered or skipped", async () => {
    await seed();
    const answering = await createLearner(db());
    const skipping = await createLearner(db());
    expect(await pending(answering, "before")).toBe(true);
    await save(answering, "before", values({ werk: 4 }));
    await save(skipping, "before", { skip: true });
    expect(await pending(answering, "before")).toBe(false);
    expect(await pending(skipping, "before")).toBe(false);
    // Per module: the same survey in another module is still to do.
    expect(await pending(answering, "before", "bank")).toBe(true);
  });

  it("does not offer the before survey to a learner who already opened a lesson of the module", async () => {
    await seed();
    const learner = await createLearner(db());
    await db().lessonProgress.create({ data: { userId: learner, lessonId: "bank/een", contentHash: "h" } });
    expect(await pending(learner, "before", "bank")).toBe(false);
    expect(await pending(learner, "before", "basis")).toBe(true);
  });

  it("offers the after survey only once the module is completed, until it is answered or skipped", async () => {
    await seed();
    const userId = await createLearner(db());
    expect(await pending(userId, "after")).toBe(false);
    await complete(userId);
    expect(await pending(userId, "after")).toBe(true);
    await save(userId, "after", { skip: true }, "basis", T2);
    expect(await pending(userId, "after")).toBe(false);
  });

  it("offers nothing for a module without a survey", async () => {
    await seed();
    const userId = await createLearner(db());
    await complete(userId, "stil");
    expect(await pending(userId, "before", "stil")).toBe(false);
    expect(await pending(userId, "after", "stil")).toBe(false);
  });
});
