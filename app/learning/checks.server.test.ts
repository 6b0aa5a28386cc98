import { describe, expect, it } from "vitest";

import { createLearner, parsedModule, question } from "../../tests/unit/support/courses";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { syncCourses } from "~/content/sync.server";
import { answerCheck, getLessonChecks, resetCheck } from "./checks.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T1 = new Date("2025-06-01T10:00:00.000Z");
const T2 = new Date("2025-06-01T10:05:00.000Z");

async function seed() {
  await syncCourses(db(), [
    parsedModule({
      slug: "basis",
      lessons: ["een", "twee"],
      checks: [
        { ...question("kies-een", "single", "WCW"), lessonSlug: "een" },
        { ...question("kies-meer", "multiple", "CWC"), lessonSlug: "een" },
        { ...question("waar-of-niet", "true_false", "WC"), lessonSlug: "twee" },
      ],
    }),
  ]);
}

const checksOf = (userId: string, lessonSlug = "een", locale: "nl" | "en" = "nl") =>
  getLessonChecks(db(), { moduleSlug: "basis", lessonSlug, userId, locale });
const answer = (userId: string, checkSlug: string, selected: number[], now = T1, lessonSlug = "een") =>
  answerCheck(db(), { moduleSlug: "basis", lessonSlug, checkSlug, userId, selected, now });

describe("getLessonChecks", () => {
  it("shows unanswered checks of the lesson, in order, without correctness, feedback or explanation", async () => {
    await seed();
    const userId = await createLearner(db());
    const checks = await checksOf(userId);
    expect(checks).toEqual([
      {
        id: "kies-een",
        answered: false,
        question: {
          id: "kies-een",
          type: "single",
          scenario: null,
          text: "Vraag kies-een",
          // Checks keep the authored order: nothing is at stake.
          options: [
            { value: 0, text: "kies-een optie 0" },
            { value: 1, text: "kies-een optie 1" },
            { value: 2, text: "kies-een optie 2" },
          ],
        },
      },
      expect.objectContaining({ id: "kies-meer", answered: false }),
    ]);
    const json = JSON.stringify(checks);
    for (const hidden of ['"correct"', '"feedback"', '"explanation"', "FEEDBACK", "UITLEG"])
      expect(json).not.toContain(hidden);
    expect((await checksOf(userId, "twee")).map((check) => check.id)).toEqual(["waar-of-niet"]);
  });
});

describe("answerCheck", () => {
  it("stores the answer, says whether it was right, and shows the feedback from then on", async () => {
    await seed();
    const userId = await createLearner(db());
    expect(await answer(userId, "kies-een", [1])).toEqual({ ok: true, correct: true });
    const row = await db().checkAnswer.findUniqueOrThrow({
      where: { userId_questionId: { userId, questionId: "basis/kies-een" } },
    });
    expect(row).toMatchObject({ selected: "[1]", correct: true, answeredAt: T1 });

    const [check] = await checksOf(userId, "een", "en");
    expect(check).toEqual({
      id: "kies-een",
      answered: true,
      correct: true,
      question: {
        id: "kies-een",
        type: "single",
        scenario: null,
        text: "Question kies-een",
        options: [
          { value: 0, text: "kies-een option 0", correct: false, chosen: false, feedback: "FEEDBACK-EN kies-een 0" },
          { value: 1, text: "kies-een option 1", correct: true, chosen: true, feedback: "FEEDBACK-EN kies-een 1" },
          { value: 2, text: "kies-een option 2", correct: false, chosen: false, feedback: "FEEDBACK-EN kies-een 2" },
        ],
        explanation: "EXPLANATION kies-een",
        score: 1,
      },
    });
  });

  it("counts a multiple response check as right only when every correct option and nothing else is ticked", async () => {
    await seed();
    const userId = await createLearner(db());
    expect(await answer(userId, "kies-meer", [0])).toEqual({ ok: true, correct: false });
    expect(await answer(userId, "kies-meer", [0, 1, 2])).toEqual({ ok: true, correct: false });
    expect(await answer(userId, "kies-meer", [2, 0])).toEqual({ ok: true, correct: true });
    const [, check] = await checksOf(userId);
    expect(check).toMatchObject({ answered: true, correct: true, question: { score: 1 } });
  });

  it("replaces an earlier answer: one row per learner and check, with the latest time", async () => {
    await seed();
    const userId = await createLearner(db());
    await answer(userId, "waar-of-niet", [1], T1, "twee");
    expect(await answer(userId, "waar-of-niet", [0], T2, "twee")).toEqual({ ok: true, correct: false });
    const rows = await db().checkAnswer.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ selected: "[0]", correct: false, answeredAt: T2 });
  });

  it("refuses options that do not exist, repeats, empty answers and two options for a one-answer check", async () => {
    await seed();
    const userId = await createLearner(db());
    await answer(userId, "kies-een", [0]);
    const before = await db().checkAnswer.findMany();
    for (const selected of [[3], [-1], [], [0, 1], [1, 1], [0.5]]) {
      expect(await answer(userId, "kies-een", selected, T2)).toEqual({ ok: false, error: "invalid_answer" });
    }
    expect(await answer(userId, "kies-meer", [0, 0], T2)).toEqual({ ok: false, error: "invalid_answer" });
    expect(await db().checkAnswer.findMany()).toEqual(before);
  });

  it("refuses a check that is not in this lesson", async () => {
    await seed();
    const userId = await createLearner(db());
    expect(await answer(userId, "waar-of-niet", [0], T1, "een")).toEqual({ ok: false, error: "not_found" });
    expect(await answer(userId, "bestaat-niet", [0])).toEqual({ ok: false, error: "not_found" });
    expect(await db().checkAnswer.count()).toBe(0);
  });
});

describe("resetCheck", () => {
  it("forgets only this learner's answer to this check", async () => {
    await seed();
    const userId = await createLearner(db());
    const other = await createLearner(db(), "Ander");
    await answer(userId, "kies-een", [1]);
    await answer(userId, "kies-meer", [0]);
    await answer(other, "kies-een", [0]);

    await resetCheck(db(), { moduleSlug: "basis", lessonSlug: "een", checkSlug: "kies-een", userId });
    const checks = await checksOf(userId);
    expect(checks.map((check) => [check.id, check.answered])).toEqual([
      ["kies-een", false],
      ["kies-meer", true],
    ]);
    expect(
      await db().checkAnswer.findMany({ select: { userId: true, questionId: true }, orderBy: { questionId: "asc" } }),
    ).toEqual(
      expect.arrayContaining([
        { userId, questionId: "basis/kies-meer" },
        { userId: other, questionId: "basis/kies-een" },
      ]),
    );
    expect(await db().checkAnswer.count()).toBe(2);
  });
});
