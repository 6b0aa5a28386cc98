import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { passAssessment } from "../../tests/unit/support/certificates";
import { createLearner, parsedModule, question, surveyItem } from "../../tests/unit/support/courses";
import { startAttempt, submitAttempt } from "~/assessment/attempts.server";
import type { Question } from "~/content/questions";
import type { PostedAnswers } from "~/assessment/view";
import { syncCourses } from "~/content/sync.server";
import type { ParsedSurvey } from "~/content/types";
import { completeLesson, openLesson } from "~/learning/progress.server";
import { saveSurvey } from "~/learning/survey.server";
import { rebuildAllReports, rebuildCohortReports, refreshLearnerReports } from "./refresh.server";
import { learningEvents } from "~/learning-events.server";

const database = useTestDatabase();
const db = () => database.prisma;

const SHARED: ParsedSurvey = { key: "shared", items: [surveyItem("werk"), surveyItem("schuld", true)] };
const BANK: Question[] = [question("q1", "single", "CWW"), question("q2", "true_false", "CW")];

async function seed() {
  await syncCourses(
    db(),
    [
      parsedModule({
        slug: "alpha",
        position: 1,
        lessons: ["een", "twee"],
        assessment: { passMark: 50, draw: 2, maxAttempts: 5, waitMinutes: 0, questions: BANK },
        survey: SHARED,
      }),
      parsedModule({ slug: "beta", position: 2, lessons: ["een"], survey: SHARED }),
    ],
    undefined,
    { sharedSurvey: SHARED },
  );
  const organisation = await db().organisation.create({ data: { name: "Gemeente Oost", sector: "municipality" } });
  const cohort = await db().cohort.create({
    data: {
      organisationId: organisation.id,
      name: "Oost voorjaar",
      joinCode: "ABCD2345",
      modules: {
        create: [
          { moduleId: "alpha", position: 1 },
          { moduleId: "beta", position: 2 },
        ],
      },
    },
  });
  return { organisationId: organisation.id, cohortId: cohort.id };
}

async function join(cohortId: string, userId: string, joinedAt: Date) {
  await db().cohortMember.create({ data: { cohortId, userId, joinedAt } });
  await refreshLearnerReports(db(), { userId, now: joinedAt });
}

/** Every report row, in a stable order. */
async function reportTables() {
  return {
    facts: await db().reportFact.findMany({ orderBy: [{ cohortId: "asc" }, { moduleId: "asc" }, { userId: "asc" }] }),
    rollups: await db().reportRollup.findMany({
      orderBy: [{ cohortId: "asc" }, { moduleId: "asc" }, { month: "asc" }],
    }),
    items: await db().itemRollup.findMany({ orderBy: [{ cohortId: "asc" }, { questionId: "asc" }, { month: "asc" }] }),
    attitude: await db().attitudeRollup.findMany({
      orderBy: [{ cohortId: "asc" }, { moduleId: "asc" }, { itemId: "asc" }, { month: "asc" }],
    }),
  };
}

/** The incremental path must leave exactly what a rebuild from scratch writes. */
async function expectRefreshEqualsRebuild(now: Date) {
  const refreshed = await reportTables();
  await rebuildAllReports(db(), { now });
  expect(refreshed).toEqual(await reportTables());
}

/** A submitted attempt with every answer wrong. */
async function failAssessment(userId: string, now: Date) {
  const started = await startAttempt(db(), { moduleSlug: "alpha", userId, now, seed: `fail-${now.toISOString()}` });
  if (!started.ok) throw new Error(JSON.stringify(started));
  const items = await db().attemptItem.findMany({ where: { attemptId: started.attemptId } });
  const answers: PostedAnswers = new Map();
  for (const item of items) {
    const drawn = JSON.parse(item.question) as Question;
    const order = JSON.parse(item.optionOrder) as number[];
    const wrong = drawn.options.findIndex((option) => !option.correct);
    answers.set(drawn.id, [order.indexOf(wrong)]);
  }
  const submitted = await submitAttempt(db(), {
    attemptId: started.attemptId,
    userId,
    answers,
    reportedMinutes: 10,
    now,
    events: learningEvents,
  });
  if (!submitted.ok || submitted.passed) throw new Error(JSON.stringify(submitted));
}

const minutes = (base: Date, count: number) => new Date(base.getTime() + count * 60_000);

// Every test drives the real learning-event path, several transactions per learner action.
describe("refreshLearnerReports", { timeout: 30_000 }, () => {
  it("keeps the report tables equal to a full rebuild after every kind of learning event", async () => {
    const { cohortId } = await seed();
    const t0 = new Date("2026-03-31T21:30:00.000Z"); // 23:30 on 31 March in Amsterdam
    const anna = await createLearner(db(), "Anna");
    const bram = await createLearner(db(), "Bram");
    const outsider = await createLearner(db(), "Buiten");

    await join(cohortId, anna, t0);
    await expectRefreshEqualsRebuild(t0);
    await join(cohortId, bram, minutes(t0, 5));
    await expectRefreshEqualsRebuild(t0);

    const answer = (
      userId: string,
      phase: "before" | "after",
      werk: number,
      schuld: number,
      moduleSlug = "alpha",
      now = t0,
    ) =>
      saveSurvey(db(), {
        moduleSlug,
        userId,
        phase,
        answers: {
          skip: false,
          values: new Map([
            ["werk", werk],
            ["schuld", schuld],
          ]),
        },
        now,
        events: learningEvents,
      });

    const steps: Array<[string, () => Promise<unknown>]> = [
      ["survey before (creates the enrollment)", () => answer(anna, "before", 2, 4, "alpha", minutes(t0, 10))],
      [
        "lesson opened",
        () =>
          openLesson(db(), {
            moduleSlug: "alpha",
            lessonSlug: "een",
            locale: "nl",
            userId: bram,
            now: minutes(t0, 40),
            events: learningEvents,
          }),
      ],
      [
        "lesson completed",
        () =>
          completeLesson(db(), {
            moduleSlug: "alpha",
            lessonSlug: "een",
            userId: anna,
            now: minutes(t0, 45),
            events: learningEvents,
          }),
      ],
      [
        "lesson completed",
        () =>
          completeLesson(db(), {
            moduleSlug: "alpha",
            lessonSlug: "twee",
            userId: anna,
            now: minutes(t0, 50),
            events: learningEvents,
          }),
      ],
      ["attempt failed", () => failAssessment(anna, minutes(t0, 55))],
      ["attempt passed, module completed", () => passAssessment(db(), anna, "alpha", minutes(t0, 70))],
      ["survey after", () => answer(anna, "after", 4, 2, "alpha", minutes(t0, 75))],
      [
        "module without assessment completed",
        () =>
          completeLesson(db(), {
            moduleSlug: "beta",
            lessonSlug: "een",
            userId: bram,
            now: minutes(t0, 80),
            events: learningEvents,
          }),
      ],
      [
        "outsider learns",
        () =>
          completeLesson(db(), {
            moduleSlug: "alpha",
            lessonSlug: "een",
            userId: outsider,
            now: minutes(t0, 90),
            events: learningEvents,
          }),
      ],
    ];
    for (const [name, step] of steps) {
      await step();
      const refreshed = await reportTables();
      await rebuildAllReports(db(), { now: minutes(t0, 100) });
      expect(refreshed, name).toEqual(await reportTables());
    }

    const facts = await db().reportFact.findMany({ where: { userId: anna }, orderBy: { moduleId: "asc" } });
    expect(facts).toEqual([
      {
        cohortId,
        userId: anna,
        moduleId: "alpha",
        joinedAt: t0,
        startedAt: minutes(t0, 10),
        completedAt: minutes(t0, 70),
        passedAt: minutes(t0, 70),
        bestPercent: 100,
        attempts: 2,
        minutesToComplete: 60,
        // No heartbeats in this test; the completing (second) attempt reported 20 minutes.
        activeSeconds: 0,
        reportedMinutes: 20,
      },
      {
        cohortId,
        userId: anna,
        moduleId: "beta",
        joinedAt: t0,
        startedAt: null,
        completedAt: null,
        passedAt: null,
        bestPercent: null,
        attempts: 0,
        minutesToComplete: null,
        activeSeconds: null,
        reportedMinutes: null,
      },
    ]);
    // Both joined late on 31 March (Amsterdam); Anna started that evening, the rest fell on 1 April.
    const alpha = await db().reportRollup.findMany({ where: { moduleId: "alpha" }, orderBy: { month: "asc" } });
    expect(
      alpha.map((row) => [
        row.month,
        row.enrolled,
        row.started,
        row.completed,
        row.passed,
        row.scored,
        row.scoreSum,
        row.durations,
        row.startedInMonth,
        row.completedInMonth,
        row.passedInMonth,
      ]),
    ).toEqual([
      [202603, 2, 2, 1, 1, 1, 100, "60", 1, 0, 0],
      [202604, 0, 0, 0, 0, 0, 0, "", 1, 1, 1],
    ]);
    const items = await db().itemRollup.findMany({ orderBy: { questionId: "asc" } });
    expect(
      items.map((row) => [row.questionId, row.month, row.answered, row.correct, row.scoreSum, row.optionCounts]),
    ).toEqual([
      ["alpha/q1", 202603, 2, 1, 1, "[1,1,0]"],
      ["alpha/q2", 202603, 2, 1, 1, "[1,1]"],
    ]);
    expect(await db().attitudeRollup.findMany({ orderBy: { itemId: "asc" } })).toEqual([
      expect.objectContaining({
        moduleId: "alpha",
        itemId: "shared/schuld",
        month: 202603,
        pairs: 1,
        beforeSum: 4,
        afterSum: 2,
      }),
      expect.objectContaining({
        moduleId: "alpha",
        itemId: "shared/werk",
        month: 202603,
        pairs: 1,
        beforeSum: 2,
        afterSum: 4,
      }),
    ]);
    expect(await db().reportFact.count({ where: { userId: outsider } })).toBe(0);
  });

  it("costs one query for a learner in no cohort", async () => {
    await seed();
    const userId = await createLearner(db());
    const queries: string[] = [];
    const client = db().$extends({
      query: {
        $allOperations: async ({ operation, args, query }) => {
          queries.push(operation);
          return query(args);
        },
      },
    });
    await refreshLearnerReports(client as unknown as typeof database.prisma, {
      userId,
      moduleId: "alpha",
      now: new Date(),
    });
    await refreshLearnerReports(client as unknown as typeof database.prisma, { userId, now: new Date() });
    expect(queries).toEqual(["$queryRaw", "$queryRaw"]);
    expect(await db().reportFact.count()).toBe(0);
  });
});

describe("rebuildCohortReports and rebuildAllReports", { timeout: 30_000 }, () => {
  it("drop the rows of removed members and deleted cohorts, and report progress", async () => {
    const { cohortId } = await seed();
    const now = new Date("2026-05-01T10:00:00.000Z");
    const learners = [await createLearner(db()), await createLearner(db())];
    for (const userId of learners) await join(cohortId, userId, now);
    await completeLesson(db(), {
      moduleSlug: "beta",
      lessonSlug: "een",
      userId: learners[1]!,
      now,
      events: learningEvents,
    });
    expect(await db().reportFact.count()).toBe(4);

    await db().cohortMember.delete({ where: { cohortId_userId: { cohortId, userId: learners[1]! } } });
    await rebuildCohortReports(db(), { cohortIds: [cohortId], now });
    expect(await db().reportFact.findMany({ select: { userId: true }, distinct: ["userId"] })).toEqual([
      { userId: learners[0] },
    ]);
    expect(
      await db().reportRollup.findMany({
        where: { moduleId: "beta" },
        select: { enrolled: true, completed: true, completedInMonth: true },
      }),
    ).toEqual([{ enrolled: 1, completed: 0, completedInMonth: 0 }]);

    const progress: Array<[number, number]> = [];
    await rebuildAllReports(db(), { now, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [0, 1],
      [1, 1],
    ]);

    await db().cohort.delete({ where: { id: cohortId } });
    await rebuildAllReports(db(), { now });
    expect(await reportTables()).toEqual({ facts: [], rollups: [], items: [], attitude: [] });
  });
});
