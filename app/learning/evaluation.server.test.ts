import { describe, expect, it } from "vitest";

import { createLearner, parsedModule } from "../../tests/unit/support/courses";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { syncCourses } from "~/content/sync.server";
import { evaluationPending, getEvaluation, saveEvaluation } from "./evaluation.server";
import { completeLesson } from "./progress.server";
import { learningEvents } from "~/learning-events.server";

const database = useTestDatabase();
const db = () => database.prisma;

const NOW = new Date("2026-03-31T22:30:00.000Z"); // 1 April in Amsterdam

const ANSWERS = {
  intent: "submit",
  relevance: "5",
  objectivesMet: "4",
  quality: "4",
  independent: "3",
  minutesSpent: "35",
  comment: "  Nuttig.  ",
};

async function completedLearner() {
  await syncCourses(db(), [parsedModule({ slug: "basis", lessons: ["een"] })]);
  const userId = await createLearner(db());
  await completeLesson(db(), { moduleSlug: "basis", lessonSlug: "een", userId, now: NOW, events: learningEvents });
  return userId;
}

describe("participant evaluation", () => {
  it("stores the answers per learner and module, with the Amsterdam month, and is no longer pending", async () => {
    const userId = await completedLearner();
    expect(await evaluationPending(db(), { moduleSlug: "basis", userId })).toBe(true);
    expect(await saveEvaluation(db(), { moduleSlug: "basis", userId, input: ANSWERS, now: NOW })).toEqual({ ok: true });
    const row = await db().moduleEvaluation.findUniqueOrThrow({
      where: { userId_moduleId: { userId, moduleId: "basis" } },
    });
    expect(row).toMatchObject({
      skipped: false,
      relevance: 5,
      objectivesMet: 4,
      quality: 4,
      independent: 3,
      minutesSpent: 35,
      comment: "Nuttig.",
      month: 202604,
    });
    expect(await evaluationPending(db(), { moduleSlug: "basis", userId })).toBe(false);
    const page = await getEvaluation(db(), { moduleSlug: "basis", userId, locale: "nl" });
    expect(page?.values).toEqual({
      relevance: 5,
      objectivesMet: 4,
      quality: 4,
      independent: 3,
      minutesSpent: 35,
      comment: "Nuttig.",
    });
  });

  it("records a skip without answers, and a later submission replaces it", async () => {
    const userId = await completedLearner();
    expect(await saveEvaluation(db(), { moduleSlug: "basis", userId, input: { intent: "skip" }, now: NOW })).toEqual({
      ok: true,
    });
    expect(await db().moduleEvaluation.findFirstOrThrow()).toMatchObject({
      skipped: true,
      relevance: null,
      comment: null,
    });
    expect(await evaluationPending(db(), { moduleSlug: "basis", userId })).toBe(false);
    await saveEvaluation(db(), { moduleSlug: "basis", userId, input: ANSWERS, now: NOW });
    expect(await db().moduleEvaluation.findFirstOrThrow()).toMatchObject({ skipped: false, relevance: 5 });
  });

  it.each([
    ["a rating off the scale", { ...ANSWERS, quality: "6" }, ["quality"]],
    ["a rating that is not a whole number", { ...ANSWERS, relevance: "4.5" }, ["relevance"]],
    ["a missing rating", { ...ANSWERS, independent: undefined }, ["independent"]],
    ["minutes out of range", { ...ANSWERS, minutesSpent: "0" }, ["minutesSpent"]],
    ["a comment over the limit", { ...ANSWERS, comment: "x".repeat(2001) }, ["comment"]],
    ["an unknown field", { ...ANSWERS, userId: "someone-else" }, ["form"]],
    ["an unknown intent", { ...ANSWERS, intent: "delete" }, ["intent"]],
  ])("refuses %s and stores nothing", async (_label, input, fields) => {
    const userId = await completedLearner();
    const result = await saveEvaluation(db(), { moduleSlug: "basis", userId, input, now: NOW });
    expect(result).toEqual({ ok: false, error: "invalid", fields });
    expect(await db().moduleEvaluation.count()).toBe(0);
  });

  it("refuses a learner who has not completed the module, and an unknown module", async () => {
    await syncCourses(db(), [parsedModule({ slug: "basis", lessons: ["een"] })]);
    const userId = await createLearner(db());
    expect(await saveEvaluation(db(), { moduleSlug: "basis", userId, input: ANSWERS })).toEqual({
      ok: false,
      error: "not_completed",
    });
    expect(await saveEvaluation(db(), { moduleSlug: "bestaat-niet", userId, input: ANSWERS })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await getEvaluation(db(), { moduleSlug: "basis", userId, locale: "nl" })).toBeNull();
    expect(await evaluationPending(db(), { moduleSlug: "basis", userId })).toBe(false);
    expect(await db().moduleEvaluation.count()).toBe(0);
  });

  it("is deleted with the learner's account", async () => {
    const userId = await completedLearner();
    await saveEvaluation(db(), { moduleSlug: "basis", userId, input: ANSWERS, now: NOW });
    await db().user.delete({ where: { id: userId } });
    expect(await db().moduleEvaluation.count()).toBe(0);
  });
});
