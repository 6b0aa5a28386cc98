import { describe, expect, it } from "vitest";

import { createLearner, parsedModule, question } from "../../tests/unit/support/courses";
import { createCountingClient } from "../../tests/setup/statement-counter";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { applyPragmas } from "~/db/client.server";
import { syncCourses } from "~/content/sync.server";
import type { ParsedModule } from "~/content/types";
import { completeLesson } from "~/learning/progress.server";
import {
  getAssessmentOverview,
  getAttemptPage,
  saveAnswers,
  startAttempt,
  submitAttempt,
  submitAttemptForm,
} from "./attempts.server";
import type { Question } from "~/content/questions";
import type { PostedAnswers } from "./view";
import { learningEvents } from "~/learning-events.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-05-01T09:00:00.000Z");
const minutes = (count: number, from = T0) => new Date(from.getTime() + count * 60_000);

/** Eight questions over two topics, four drawn: a resit can get four questions not seen before. */
const BANK: Question[] = [
  question("wet-1", "single", "CWW", "wet"),
  question("wet-2", "multiple", "CCW", "wet"),
  question("wet-3", "true_false", "CW", "wet"),
  question("wet-4", "scenario", "WC", "wet"),
  question("zorg-1", "single", "WWCW", "zorg"),
  question("zorg-2", "multiple", "CWCW", "zorg"),
  question("zorg-3", "true_false", "WC", "zorg"),
  question("zorg-4", "single", "CW", "zorg"),
];

function assessed(
  overrides: Partial<ParsedModule["assessment"] & object> = {},
  spec: { version?: string; lessons?: string[] } = {},
) {
  return parsedModule({
    slug: "toets",
    lessons: spec.lessons ?? ["een", "twee"],
    version: spec.version,
    assessment: { passMark: 60, draw: 4, maxAttempts: 3, waitMinutes: 30, questions: BANK, ...overrides },
  });
}

/** Every question drawn: one of each type, without topics, so scores are known in advance. */
const SCORED: Question[] = [
  question("enkel", "single", "WCW"),
  question("meer", "multiple", "CCWW"),
  question("waar", "true_false", "CW"),
  question("casus", "scenario", "CW"),
];

async function seed(...modules: ParsedModule[]) {
  await syncCourses(db(), modules);
}

async function learnerWithLessonsDone(moduleSlug = "toets", lessons = ["een", "twee"]) {
  const userId = await createLearner(db());
  for (const lessonSlug of lessons)
    await completeLesson(db(), { moduleSlug, lessonSlug, userId, now: T0, events: learningEvents });
  return userId;
}

async function start(userId: string, now = T0, seed = "seed-1", moduleSlug = "toets") {
  const result = await startAttempt(db(), { moduleSlug, userId, now, seed });
  if (!result.ok) throw new Error(`start refused: ${JSON.stringify(result)}`);
  return result.attemptId;
}

interface DrawnItem {
  position: number;
  question: Question;
  order: number[];
}

async function drawnItems(attemptId: string): Promise<DrawnItem[]> {
  const rows = await db().attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
  return rows.map((row) => ({
    position: row.position,
    question: JSON.parse(row.question) as Question,
    order: JSON.parse(row.optionOrder) as number[],
  }));
}

/** The display positions a form would post for these authored options. */
const displayed = (item: DrawnItem, authored: number[]) => authored.map((index) => item.order.indexOf(index));
const correctOptions = (item: DrawnItem) =>
  item.question.options.flatMap((option, index) => (option.correct ? [index] : []));
const wrongOption = (item: DrawnItem) => item.question.options.findIndex((option) => !option.correct);

function answers(items: DrawnItem[], choose: (item: DrawnItem) => number[] | null): PostedAnswers {
  const posted: PostedAnswers = new Map();
  for (const item of items) {
    const authored = choose(item);
    if (authored) posted.set(item.question.id, displayed(item, authored));
  }
  return posted;
}

/** Everything an answer post could change. */
async function snapshot() {
  return JSON.stringify({
    attempts: await db().assessmentAttempt.findMany({ orderBy: { id: "asc" } }),
    items: await db().attemptItem.findMany({ orderBy: [{ attemptId: "asc" }, { position: "asc" }] }),
    completions: await db().moduleCompletion.findMany({ orderBy: { id: "asc" } }),
    enrollments: await db().enrollment.findMany({ orderBy: { id: "asc" } }),
  });
}

async function submitAll(attemptId: string, userId: string, choose: (item: DrawnItem) => number[] | null, now = T0) {
  const items = await drawnItems(attemptId);
  return submitAttempt(db(), {
    attemptId,
    userId,
    answers: answers(items, choose),
    reportedMinutes: 30,
    now,
    events: learningEvents,
  });
}

describe("startAttempt", () => {
  it("draws `draw` distinct questions that cover every topic, with each question's option order stored", async () => {
    await seed(assessed());
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);

    const attempt = await db().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({
      userId,
      moduleId: "toets",
      number: 1,
      status: "in_progress",
      seed: "seed-1",
      contentHash: "hash-toets-1",
      passMark: 60,
      startedAt: T0,
      submittedAt: null,
      percent: null,
    });
    const items = await drawnItems(attemptId);
    expect(items.map((item) => item.position)).toEqual([0, 1, 2, 3]);
    const ids = items.map((item) => item.question.id);
    expect(new Set(ids).size).toBe(4);
    expect(new Set(items.map((item) => item.question.topic))).toEqual(new Set(["wet", "zorg"]));
    for (const item of items) {
      // The snapshot is the whole authored question, so later content edits leave the sitting alone.
      expect(item.question).toEqual(BANK.find((candidate) => candidate.id === item.question.id));
      expect([...item.order].sort()).toEqual(item.question.options.map((_, index) => index));
      if (item.question.type === "true_false") expect(item.order).toEqual([0, 1]);
    }
    const rows = await db().attemptItem.findMany({ where: { attemptId }, select: { questionId: true } });
    expect(rows.map((row) => row.questionId).sort()).toEqual(ids.map((id) => `toets/${id}`).sort());
  });

  it("draws the same questions in the same order for the same seed and history, and shuffles options", async () => {
    await seed(assessed({ draw: 8 }));
    const first = await drawnItems(await start(await learnerWithLessonsDone(), T0, "vaste-seed"));
    const second = await drawnItems(await start(await learnerWithLessonsDone(), T0, "vaste-seed"));
    expect(second).toEqual(first);
    const shuffled = first.filter((item) => item.order.some((authored, position) => authored !== position));
    expect(shuffled.length).toBeGreaterThan(0);
    expect(shuffled.every((item) => item.question.type !== "true_false")).toBe(true);
  });

  it("returns the attempt in progress instead of starting a second one", async () => {
    await seed(assessed());
    const userId = await learnerWithLessonsDone();
    const first = await start(userId, T0, "seed-1");
    const again = await startAttempt(db(), { moduleSlug: "toets", userId, now: minutes(5), seed: "seed-2" });
    expect(again).toEqual({ ok: true, attemptId: first });
    expect(await db().assessmentAttempt.count()).toBe(1);
    expect(await db().attemptItem.count()).toBe(4);
  });

  it("refuses while lessons are open, without creating anything", async () => {
    await seed(assessed());
    const userId = await learnerWithLessonsDone("toets", ["een"]);
    expect(await startAttempt(db(), { moduleSlug: "toets", userId, now: T0, seed: "s" })).toEqual({
      ok: false,
      error: "refused",
      state: { kind: "lessons_open" },
    });
    expect(await db().assessmentAttempt.count()).toBe(0);
  });

  it("reports modules without an assessment, archived or unknown as not found", async () => {
    await seed(parsedModule({ slug: "zonder", lessons: ["een"] }), assessed());
    const userId = await learnerWithLessonsDone("zonder", ["een"]);
    expect(await startAttempt(db(), { moduleSlug: "zonder", userId, now: T0 })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await startAttempt(db(), { moduleSlug: "bestaat-niet", userId, now: T0 })).toEqual({
      ok: false,
      error: "not_found",
    });
    await db().module.update({ where: { id: "toets" }, data: { archived: true } });
    expect(await startAttempt(db(), { moduleSlug: "toets", userId, now: T0 })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await db().assessmentAttempt.count()).toBe(0);
  });

  it("makes the learner wait after a failed attempt, then allows a resit with questions not seen before", async () => {
    await seed(assessed());
    const userId = await learnerWithLessonsDone();
    const first = await start(userId, T0, "seed-1");
    const failedAt = minutes(10);
    expect(await submitAll(first, userId, () => null, failedAt)).toMatchObject({ ok: true, passed: false, percent: 0 });

    const until = minutes(30, failedAt);
    const early = await startAttempt(db(), { moduleSlug: "toets", userId, now: minutes(29, failedAt), seed: "seed-2" });
    expect(early).toEqual({ ok: false, error: "refused", state: { kind: "waiting", until } });
    expect(await db().assessmentAttempt.count()).toBe(1);
    const overview = await getAssessmentOverview(db(), {
      moduleSlug: "toets",
      userId,
      locale: "nl",
      now: minutes(29, failedAt),
    });
    expect(overview?.state).toEqual({ kind: "waiting", until });

    const resit = await start(userId, until, "seed-2");
    expect(resit).not.toBe(first);
    const firstIds = (await drawnItems(first)).map((item) => item.question.id);
    const resitItems = await drawnItems(resit);
    const resitIds = resitItems.map((item) => item.question.id);
    expect(resitIds).toHaveLength(4);
    expect(resitIds.filter((id) => firstIds.includes(id))).toEqual([]);
    expect(new Set(resitItems.map((item) => item.question.topic))).toEqual(new Set(["wet", "zorg"]));
    expect(await db().assessmentAttempt.findUniqueOrThrow({ where: { id: resit } })).toMatchObject({ number: 2 });
  });

  it("refuses a start once every attempt is used", async () => {
    await seed(assessed({ maxAttempts: 2, waitMinutes: 0 }));
    const userId = await learnerWithLessonsDone();
    await submitAll(await start(userId, T0, "a"), userId, () => null, minutes(1));
    await submitAll(await start(userId, minutes(2), "b"), userId, () => null, minutes(3));
    const before = await snapshot();
    expect(await startAttempt(db(), { moduleSlug: "toets", userId, now: minutes(60), seed: "c" })).toEqual({
      ok: false,
      error: "refused",
      state: { kind: "no_attempts_left" },
    });
    expect(await snapshot()).toBe(before);
  });

  it("refuses a start after the assessment was passed", async () => {
    await seed(assessed({ waitMinutes: 0 }));
    const userId = await learnerWithLessonsDone();
    await submitAll(await start(userId), userId, correctOptions, minutes(1));
    expect(await startAttempt(db(), { moduleSlug: "toets", userId, now: minutes(2), seed: "x" })).toEqual({
      ok: false,
      error: "refused",
      state: { kind: "passed" },
    });
  });
});

describe("getAttemptPage", () => {
  it("shows an attempt in progress without correctness, feedback or explanations", async () => {
    await seed(assessed({ draw: 8 }));
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    await saveAnswers(db(), {
      attemptId,
      userId,
      answers: answers(await drawnItems(attemptId), correctOptions),
    });

    for (const locale of ["nl", "en"] as const) {
      const page = await getAttemptPage(db(), { moduleSlug: "toets", attemptId, userId, locale, now: T0 });
      expect(page?.status).toBe("in_progress");
      const json = JSON.stringify(page);
      expect(json).not.toContain('"correct"');
      expect(json).not.toContain('"feedback"');
      expect(json).not.toContain('"explanation"');
      expect(json).not.toContain("FEEDBACK");
      expect(json).not.toContain("UITLEG");
      expect(json).not.toContain("EXPLANATION");
      expect(json).not.toContain('"score"');
    }
  });

  it("lists the options in the stored order, each posted value being its display position", async () => {
    await seed(assessed({ draw: 8 }));
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    const items = await drawnItems(attemptId);
    const page = await getAttemptPage(db(), { moduleSlug: "toets", attemptId, userId, locale: "en", now: T0 });
    if (page?.status !== "in_progress") throw new Error("expected an attempt in progress");
    expect(page).toMatchObject({ attemptId, moduleSlug: "toets", number: 1, maxAttempts: 3 });
    expect(page.questions.map((q) => q.id)).toEqual(items.map((item) => item.question.id));
    page.questions.forEach((shown, index) => {
      const item = items[index]!;
      expect(shown.text).toBe(`Question ${item.question.id}`);
      expect(shown.scenario).toBe(item.question.type === "scenario" ? `Case ${item.question.id}` : null);
      expect(shown.selected).toEqual([]);
      expect(shown.options).toEqual(
        item.order.map((authored, value) => ({
          value,
          text: item.question.type === "true_false" ? null : `${item.question.id} option ${authored}`,
        })),
      );
    });
  });

  it("shows nothing of another learner's attempt or under another module", async () => {
    await seed(
      assessed(),
      parsedModule({
        slug: "ander",
        lessons: ["een"],
        assessment: { passMark: 50, draw: 1, maxAttempts: 1, waitMinutes: 0, questions: [SCORED[0]!] },
      }),
    );
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    const other = await createLearner(db(), "Ander");
    expect(await getAttemptPage(db(), { moduleSlug: "toets", attemptId, userId: other, locale: "nl" })).toBeNull();
    expect(await getAttemptPage(db(), { moduleSlug: "ander", attemptId, userId, locale: "nl" })).toBeNull();
    expect(
      await getAttemptPage(db(), { moduleSlug: "toets", attemptId: "bestaat-niet", userId, locale: "nl" }),
    ).toBeNull();
  });
});

describe("saveAnswers", () => {
  it("stores selections as authored options, so the attempt resumes with them selected", async () => {
    await seed(assessed({ draw: 8 }));
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    const items = await drawnItems(attemptId);
    const multiple = items.find((item) => item.question.id === "zorg-2")!;
    const single = items.find((item) => item.question.id === "zorg-1")!;
    const posted: PostedAnswers = new Map([
      ["zorg-2", displayed(multiple, [0, 3])],
      ["zorg-1", displayed(single, [2])],
    ]);
    expect(await saveAnswers(db(), { attemptId, userId, answers: posted })).toEqual({ ok: true });

    const rows = await db().attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
    const stored = Object.fromEntries(rows.map((row) => [row.questionId, row.selected]));
    expect(stored["toets/zorg-2"]).toBe("[0,3]");
    expect(stored["toets/zorg-1"]).toBe("[2]");
    expect(rows.filter((row) => row.selected !== null)).toHaveLength(2);
    expect(rows.every((row) => row.score === null)).toBe(true);
    expect(await db().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "in_progress",
    });

    const page = await getAttemptPage(db(), { moduleSlug: "toets", attemptId, userId, locale: "nl", now: minutes(60) });
    if (page?.status !== "in_progress") throw new Error("expected an attempt in progress");
    const selected = Object.fromEntries(page.questions.map((q) => [q.id, q.selected]));
    expect(selected["zorg-2"]).toEqual(posted.get("zorg-2"));
    expect(selected["zorg-1"]).toEqual(posted.get("zorg-1"));
    expect(Object.values(selected).filter((values) => values.length > 0)).toHaveLength(2);
  });
});

describe("what saving and showing an attempt costs", () => {
  async function counted() {
    const client = createCountingClient(database.url);
    await applyPragmas(client.prisma);
    client.log.reset();
    return client;
  }

  it("saves every answer of an autosave in one statement, and a later page shows them", async () => {
    await seed(assessed({ draw: 8 }));
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    const items = await drawnItems(attemptId);
    const { prisma, log } = await counted();
    try {
      const posted = answers(items, (item) => (item.position < 3 ? correctOptions(item) : null));
      expect(await saveAnswers(prisma, { attemptId, userId, answers: posted })).toEqual({ ok: true });
      expect(log.statements, log.statements.join("\n")).toHaveLength(1);
      expect(log.transactions).toBe(0);

      const rows = await db().attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
      expect(rows.map((row) => row.selected !== null)).toEqual(items.map((item) => item.position < 3));

      log.reset();
      const page = await getAttemptPage(prisma, { moduleSlug: "toets", attemptId, userId, locale: "nl" });
      expect(log.statements, log.statements.join("\n")).toHaveLength(1);
      if (page?.status !== "in_progress") throw new Error("expected an attempt in progress");
      expect(page.questions.filter((question) => question.selected.length > 0)).toHaveLength(3);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("refuses an autosave to a submitted or another learner's attempt without writing", async () => {
    await seed(assessed());
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    const items = await drawnItems(attemptId);
    await submitAll(attemptId, userId, correctOptions);
    const other = await createLearner(db(), "Ander");
    const before = await snapshot();
    const { prisma, log } = await counted();
    try {
      const posted = answers(items, () => [0]);
      expect(await saveAnswers(prisma, { attemptId, userId, answers: posted })).toEqual({
        ok: false,
        error: "already_submitted",
      });
      expect(await saveAnswers(prisma, { attemptId, userId: other, answers: posted })).toEqual({
        ok: false,
        error: "not_found",
      });
      // The closed attempt: the UPDATE matches no row, then one read says why. Another
      // learner's: refused before any statement (the snapshot names the owner).
      expect(log.statements, log.statements.join("\n")).toHaveLength(2);
      expect(await snapshot()).toBe(before);
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe("submitAttempt", () => {
  const scoredModule = (passMark: number) =>
    parsedModule({
      slug: "toets",
      lessons: ["een"],
      assessment: { passMark, draw: 4, maxAttempts: 3, waitMinutes: 0, questions: SCORED },
    });

  /** single right (1), multiple one of two right (0.5), true/false wrong (0), scenario right (1): 62.5%. */
  const knownAnswers = (item: DrawnItem): number[] => {
    switch (item.question.id) {
      case "enkel":
        return [1];
      case "meer":
        return [0];
      case "waar":
        return [1];
      default:
        return [0];
    }
  };

  it("scores on the server and passes at the pass mark", async () => {
    await seed(scoredModule(60));
    const userId = await learnerWithLessonsDone("toets", ["een"]);
    const attemptId = await start(userId);
    const result = await submitAll(attemptId, userId, knownAnswers, minutes(20));
    expect(result).toEqual({ ok: true, passed: true, percent: 62.5, moduleCompleted: true });

    const attempt = await db().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({
      status: "submitted",
      submittedAt: minutes(20),
      earned: 2.5,
      possible: 4,
      percent: 62.5,
      passed: true,
      reportedMinutes: 30,
    });
    const items = await db().attemptItem.findMany({ where: { attemptId } });
    expect(Object.fromEntries(items.map((item) => [item.questionId, item.score]))).toEqual({
      "toets/enkel": 1,
      "toets/meer": 0.5,
      "toets/waar": 0,
      "toets/casus": 1,
    });
  });

  it("fails below the pass mark and counts unanswered questions as wrong", async () => {
    await seed(scoredModule(65));
    const userId = await learnerWithLessonsDone("toets", ["een"]);
    expect(await submitAll(await start(userId), userId, knownAnswers)).toEqual({
      ok: true,
      passed: false,
      percent: 62.5,
      moduleCompleted: false,
    });
    const second = await start(userId, minutes(1), "seed-2");
    const onlyTwo = (item: DrawnItem) =>
      item.question.id === "enkel" || item.question.id === "casus" ? knownAnswers(item) : null;
    expect(await submitAll(second, userId, onlyTwo, minutes(2))).toMatchObject({
      ok: true,
      passed: false,
      percent: 50,
    });
    expect(await db().moduleCompletion.count()).toBe(0);
  });

  it("shows the result with every option's correctness and feedback once submitted", async () => {
    await seed(scoredModule(60));
    const userId = await learnerWithLessonsDone("toets", ["een"]);
    const attemptId = await start(userId);
    const items = await drawnItems(attemptId);
    await submitAll(attemptId, userId, knownAnswers, minutes(20));

    const page = await getAttemptPage(db(), { moduleSlug: "toets", attemptId, userId, locale: "en", now: minutes(21) });
    if (page?.status !== "submitted") throw new Error("expected a submitted attempt");
    expect(page).toMatchObject({
      number: 1,
      submittedAt: minutes(20),
      percent: 62.5,
      passMark: 60,
      passed: true,
      reportedMinutes: 30,
      next: { kind: "passed" },
    });
    const meer = page.questions.find((q) => q.id === "meer")!;
    const meerItem = items.find((item) => item.question.id === "meer")!;
    expect(meer.score).toBe(0.5);
    expect(meer.explanation).toBe("EXPLANATION meer");
    expect(meer.options).toEqual(
      meerItem.order.map((authored, value) => ({
        value,
        text: `meer option ${authored}`,
        correct: authored < 2,
        chosen: authored === 0,
        feedback: `FEEDBACK-EN meer ${authored}`,
      })),
    );
    const waar = page.questions.find((q) => q.id === "waar")!;
    expect(waar.options).toEqual([
      { value: 0, text: null, correct: true, chosen: false, feedback: "FEEDBACK-EN waar 0" },
      { value: 1, text: null, correct: false, chosen: true, feedback: "FEEDBACK-EN waar 1" },
    ]);
  });

  it("scores the answers in the submission, not earlier saved ones", async () => {
    await seed(scoredModule(60));
    const userId = await learnerWithLessonsDone("toets", ["een"]);
    const attemptId = await start(userId);
    const items = await drawnItems(attemptId);
    await saveAnswers(db(), { attemptId, userId, answers: answers(items, correctOptions) });
    const result = await submitAttempt(db(), {
      events: learningEvents,
      attemptId,
      userId,
      answers: answers(items, (item) => [wrongOption(item)]),
      reportedMinutes: 10,
      now: minutes(5),
    });
    expect(result).toMatchObject({ ok: true, passed: false, percent: 0 });
  });

  describe("refuses, changing nothing", () => {
    async function openAttempt() {
      await seed(assessed());
      const userId = await learnerWithLessonsDone();
      const attemptId = await start(userId);
      const items = await drawnItems(attemptId);
      await saveAnswers(db(), { attemptId, userId, answers: answers(items.slice(0, 1), correctOptions) });
      return { userId, attemptId, items };
    }

    async function expectRefused(
      post: { attemptId: string; userId: string; answers: PostedAnswers; reportedMinutes?: number | null },
      error: string,
      { save = true }: { save?: boolean } = {},
    ) {
      const before = await snapshot();
      if (save) {
        expect(await saveAnswers(db(), post)).toEqual({ ok: false, error });
        expect(await snapshot()).toBe(before);
      }
      const submitted = await submitAttempt(db(), {
        reportedMinutes: 30,
        ...post,
        now: minutes(50),
        events: learningEvents,
      });
      expect(submitted).toEqual({ ok: false, error });
      expect(await snapshot()).toBe(before);
    }

    it("an answer to a question that was not drawn, even next to valid answers", async () => {
      const { userId, attemptId, items } = await openAttempt();
      const drawnIds = items.map((item) => item.question.id);
      const notDrawn = BANK.find((q) => !drawnIds.includes(q.id))!;
      const valid = answers(items, correctOptions);
      await expectRefused({ attemptId, userId, answers: new Map([...valid, [notDrawn.id, [0]]]) }, "not_drawn");
      await expectRefused({ attemptId, userId, answers: new Map([["bestaat-niet", [0]]]) }, "not_drawn");
    });

    it("an option that does not exist, a repeated option, or two options for a one-answer question", async () => {
      const { userId, attemptId, items } = await openAttempt();
      const one = items.find((item) => item.question.type !== "multiple")!;
      const id = one.question.id;
      const valid = answers(items, correctOptions);
      for (const bad of [[one.order.length], [-1], [0, 1], [0.5]]) {
        await expectRefused({ attemptId, userId, answers: new Map([...valid, [id, bad]]) }, "invalid_answer");
      }
      const multiple = items.find((item) => item.question.type === "multiple");
      if (multiple) {
        await expectRefused(
          { attemptId, userId, answers: new Map([[multiple.question.id, [0, 0]]]) },
          "invalid_answer",
        );
      }
      await expectRefused({ attemptId, userId, answers: new Map([[id, []]]) }, "invalid_answer");
    });

    it("another learner's attempt, as if it did not exist", async () => {
      const { attemptId, items } = await openAttempt();
      const other = await createLearner(db(), "Ander");
      await expectRefused({ attemptId, userId: other, answers: answers(items, correctOptions) }, "not_found");
    });

    it("a submission without the time spent on the module", async () => {
      const { userId, attemptId, items } = await openAttempt();
      for (const reportedMinutes of [null, 0, 601, 2.5, -5]) {
        await expectRefused(
          { attemptId, userId, answers: answers(items, correctOptions), reportedMinutes },
          "missing_minutes",
          {
            save: false,
          },
        );
      }
      const accepted = await submitAttempt(db(), {
        events: learningEvents,
        attemptId,
        userId,
        answers: answers(items, correctOptions),
        reportedMinutes: 600,
        now: minutes(50),
      });
      expect(accepted).toMatchObject({ ok: true, passed: true });
    });

    it("a second submission of the same attempt, keeping the first score", async () => {
      const { userId, attemptId, items } = await openAttempt();
      const first = await submitAttempt(db(), {
        events: learningEvents,
        attemptId,
        userId,
        answers: answers(items, (item) => (item === items[0] ? correctOptions(item) : [wrongOption(item)])),
        reportedMinutes: 30,
        now: minutes(10),
      });
      expect(first).toMatchObject({ ok: true, passed: false, percent: 25 });
      await expectRefused({ attemptId, userId, answers: answers(items, correctOptions) }, "already_submitted");
      expect(await db().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
        percent: 25,
        passed: false,
        submittedAt: minutes(10),
      });
    });
  });
});

describe("submitAttemptForm", () => {
  async function openAttempt() {
    await seed(assessed());
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    return { userId, attemptId, items: await drawnItems(attemptId) };
  }
  const submitForm = (post: { attemptId: string; userId: string; answers: PostedAnswers }, reportedMinutes: unknown) =>
    submitAttemptForm(db(), { ...post, reportedMinutes, now: minutes(50), events: learningEvents });

  it("reads the minutes as typed and submits", async () => {
    const { userId, attemptId, items } = await openAttempt();
    const result = await submitForm({ attemptId, userId, answers: answers(items, correctOptions) }, " 45 ");
    expect(result).toMatchObject({ ok: true, passed: true });
    expect(await db().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "submitted",
      reportedMinutes: 45,
    });
  });

  it("refuses minutes that are missing or out of range, keeping the answers for the next try", async () => {
    const { userId, attemptId, items } = await openAttempt();
    const posted = answers(items, correctOptions);
    for (const typed of [null, "", "0", "601", "2.5", "12a", "-5", 30]) {
      expect(await submitForm({ attemptId, userId, answers: posted }, typed)).toEqual({
        ok: false,
        error: "missing_minutes",
      });
    }
    expect(await db().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "in_progress",
      reportedMinutes: null,
    });
    const saved = await db().attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
    expect(saved.map((item) => item.selected)).toEqual(
      items.map((item) => JSON.stringify(correctOptions(item).sort((a, b) => a - b))),
    );
    expect(await submitForm({ attemptId, userId, answers: posted }, "600")).toMatchObject({ ok: true });
    expect(await db().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      reportedMinutes: 600,
      percent: 100,
    });
  });

  it("saves nothing when the post is refused for another reason", async () => {
    const { attemptId, items } = await openAttempt();
    const other = await createLearner(db(), "Ander");
    const before = await snapshot();
    expect(await submitForm({ attemptId, userId: other, answers: answers(items, correctOptions) }, "")).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await snapshot()).toBe(before);
  });
});

describe("module completion through the assessment", () => {
  it("completes the module once when the assessment is passed, storing content version and score", async () => {
    await seed(assessed({ waitMinutes: 0 }));
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    const result = await submitAll(attemptId, userId, correctOptions, minutes(15));
    expect(result).toEqual({ ok: true, passed: true, percent: 100, moduleCompleted: true });

    const completions = await db().moduleCompletion.findMany();
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({
      userId,
      moduleId: "toets",
      completedAt: minutes(15),
      contentHash: "hash-toets-1",
      attemptId,
      percent: 100,
    });
    expect(
      await db().enrollment.findUniqueOrThrow({ where: { userId_moduleId: { userId, moduleId: "toets" } } }),
    ).toMatchObject({
      status: "completed",
      completedAt: minutes(15),
    });
    // Repeating a lesson afterwards does not complete it again.
    expect(
      await completeLesson(db(), {
        moduleSlug: "toets",
        lessonSlug: "een",
        userId,
        now: minutes(30),
        events: learningEvents,
      }),
    ).toMatchObject({
      moduleCompleted: true,
      assessmentPending: false,
    });
    expect(await db().moduleCompletion.count()).toBe(1);
  });

  it("waits for a lesson added during the attempt before completing the module", async () => {
    await seed(assessed({ waitMinutes: 0 }));
    const userId = await learnerWithLessonsDone();
    const attemptId = await start(userId);
    await seed(assessed({ waitMinutes: 0 }, { version: "2", lessons: ["een", "twee", "drie"] }));

    expect(await submitAll(attemptId, userId, correctOptions, minutes(15))).toEqual({
      ok: true,
      passed: true,
      percent: 100,
      moduleCompleted: false,
    });
    expect(await db().moduleCompletion.count()).toBe(0);

    const last = await completeLesson(db(), {
      moduleSlug: "toets",
      lessonSlug: "drie",
      userId,
      now: minutes(40),
      events: learningEvents,
    });
    expect(last).toEqual({ ok: true, nextLessonSlug: null, moduleCompleted: true, assessmentPending: false });
    const completions = await db().moduleCompletion.findMany();
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({
      completedAt: minutes(40),
      contentHash: "hash-toets-2",
      attemptId,
      percent: 100,
    });
  });

  it("keeps the module open after the last lesson until the assessment is passed", async () => {
    await seed(assessed({ waitMinutes: 0 }));
    const userId = await createLearner(db());
    await completeLesson(db(), { moduleSlug: "toets", lessonSlug: "een", userId, now: T0, events: learningEvents });
    expect(
      await completeLesson(db(), { moduleSlug: "toets", lessonSlug: "twee", userId, now: T0, events: learningEvents }),
    ).toEqual({
      ok: true,
      nextLessonSlug: null,
      moduleCompleted: false,
      assessmentPending: true,
    });
    await submitAll(await start(userId), userId, () => null, minutes(1));
    expect(await db().moduleCompletion.count()).toBe(0);
    const overview = await getAssessmentOverview(db(), { moduleSlug: "toets", userId, locale: "en", now: minutes(2) });
    expect(overview).toMatchObject({
      moduleTitle: "Module toets (en)",
      contentLocale: "en",
      passMark: 60,
      drawCount: 4,
      maxAttempts: 3,
      state: { kind: "can_start", resit: true },
    });
    expect(overview?.attempts).toMatchObject([{ number: 1, status: "submitted", percent: 0, passed: false }]);
  });

  it("completes a module without an assessment on its last lesson", async () => {
    await seed(parsedModule({ slug: "zonder", lessons: ["een", "twee"] }));
    const userId = await createLearner(db());
    await completeLesson(db(), { moduleSlug: "zonder", lessonSlug: "een", userId, now: T0, events: learningEvents });
    expect(await db().moduleCompletion.count()).toBe(0);
    expect(
      await completeLesson(db(), {
        moduleSlug: "zonder",
        lessonSlug: "twee",
        userId,
        now: minutes(5),
        events: learningEvents,
      }),
    ).toEqual({
      ok: true,
      nextLessonSlug: null,
      moduleCompleted: true,
      assessmentPending: false,
    });
    const completions = await db().moduleCompletion.findMany();
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({
      moduleId: "zonder",
      completedAt: minutes(5),
      contentHash: "hash-zonder-1",
      attemptId: null,
      percent: null,
    });
  });
});
