import type { PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { createLearner, parsedModule, question, surveyItem } from "../../tests/unit/support/courses";
import { syncCourses } from "~/content/sync.server";
import type { ParsedSurvey } from "~/content/types";
import type { OrganisationScope } from "~/auth/scope.server";
import {
  filterInScope,
  getAttitudeChange,
  getDashboard,
  getFilterChoices,
  getItemAnalysis,
  median,
  MIN_GROUP_SIZE,
  parseDurations,
  type FunnelRow,
} from "./dashboard.server";
import type { GroupBy, ReportFilter } from "./filter";
import { sqlAmsterdamMonth } from "./sql.server";
import { monthOf } from "./month";
import { rebuildAllReports } from "./refresh.server";

const database = useTestDatabase();
const db = () => database.prisma;

const NOW = new Date("2026-04-15T10:00:00.000Z");
const ALL: OrganisationScope = { kind: "all" };
const SHARED: ParsedSurvey = { key: "shared", items: [surveyItem("werk"), surveyItem("schuld", true)] };

const NO_FILTER: ReportFilter = {
  from: null,
  to: null,
  sector: null,
  organisationId: null,
  cohortId: null,
  moduleId: null,
  groupBy: "organisation",
};
const filter = (overrides: Partial<ReportFilter> = {}): ReportFilter => ({ ...NO_FILTER, ...overrides });

const at = (iso: string) => new Date(iso);

interface AttemptSpec {
  at: string;
  percent: number;
  passed: boolean;
  /** Authored option indices per question slug; null: left blank. */
  answers: Record<string, number[] | null>;
}

interface LearnerSpec {
  joined: string;
  /** Per module: lesson opened, completed, submitted attempts, survey before/after per item slug. */
  modules?: Record<
    string,
    {
      started?: string;
      completed?: string;
      attempts?: AttemptSpec[];
      attitude?: Record<string, [number | null, number | null]>;
    }
  >;
}

const QUESTIONS = [
  question("q1", "single", "CWW"),
  question("q2", "multiple", "CCW"),
  question("q3", "true_false", "CW"),
];

async function seedModules() {
  await syncCourses(
    db(),
    [
      parsedModule({
        slug: "alpha",
        position: 1,
        lessons: ["een"],
        assessment: { passMark: 60, draw: 3, maxAttempts: 3, waitMinutes: 0, questions: QUESTIONS },
        survey: SHARED,
      }),
      parsedModule({ slug: "beta", position: 2, lessons: ["een"], survey: SHARED }),
    ],
    undefined,
    { sharedSurvey: SHARED },
  );
}

let cohortCodes = 0;

async function createCohort(organisationId: string, name: string, modules: string[], deadline: Date | null = null) {
  cohortCodes++;
  const cohort = await db().cohort.create({
    data: {
      organisationId,
      name,
      joinCode: `CODE${String(cohortCodes).padStart(4, "0")}`,
      deadline,
      modules: { create: modules.map((moduleId, index) => ({ moduleId, position: index + 1 })) },
    },
  });
  return cohort.id;
}

/** Writes a learner's history straight into the learning tables, with exact times. */
async function addLearner(cohortId: string, spec: LearnerSpec): Promise<string> {
  const userId = await createLearner(db());
  await db().cohortMember.create({ data: { cohortId, userId, joinedAt: at(spec.joined) } });
  for (const [moduleId, progress] of Object.entries(spec.modules ?? {})) {
    if (progress.started) {
      await db().enrollment.create({
        data: {
          userId,
          moduleId,
          contentHash: "h",
          startedAt: at(progress.started),
          status: progress.completed ? "completed" : "in_progress",
          completedAt: progress.completed ? at(progress.completed) : null,
        },
      });
    }
    let passedAttemptId: string | null = null;
    let number = 0;
    for (const attempt of progress.attempts ?? []) {
      number++;
      const row = await db().assessmentAttempt.create({
        data: {
          userId,
          moduleId,
          number,
          seed: "s",
          contentHash: "h",
          passMark: 60,
          status: "submitted",
          startedAt: at(attempt.at),
          submittedAt: at(attempt.at),
          percent: attempt.percent,
          passed: attempt.passed,
          earned: 0,
          possible: 3,
        },
      });
      if (attempt.passed && !passedAttemptId) passedAttemptId = row.id;
      let position = 0;
      for (const [slug, selected] of Object.entries(attempt.answers)) {
        const drawn = QUESTIONS.find((q) => q.id === slug)!;
        const score = selected === null ? 0 : scoreOf(slug, selected);
        await db().attemptItem.create({
          data: {
            attemptId: row.id,
            position: position++,
            questionId: `${moduleId}/${slug}`,
            question: JSON.stringify(drawn),
            optionOrder: JSON.stringify(drawn.options.map((_, index) => index)),
            selected: selected === null ? null : JSON.stringify(selected),
            score,
          },
        });
      }
    }
    if (progress.completed) {
      await db().moduleCompletion.create({
        data: { userId, moduleId, completedAt: at(progress.completed), contentHash: "h", attemptId: passedAttemptId },
      });
    }
    for (const [slug, [before, after]] of Object.entries(progress.attitude ?? {})) {
      await db().attitudeAnswer.create({
        data: {
          userId,
          moduleId,
          itemId: `shared/${slug}`,
          before,
          beforeAt: before === null ? null : at(spec.joined),
          after,
          afterAt: after === null ? null : NOW,
        },
      });
    }
  }
  return userId;
}

/** Scores as app/assessment/scoring does, for the fixed questions above. */
function scoreOf(slug: string, selected: number[]): number {
  const options = QUESTIONS.find((q) => q.id === slug)!.options;
  if (slug !== "q2") return options[selected[0]!]?.correct ? 1 : 0;
  const correct = selected.filter((index) => options[index]!.correct).length;
  return Math.max(0, (correct - (selected.length - correct)) / options.filter((o) => o.correct).length);
}

const pass = (iso: string, percent: number, answers: AttemptSpec["answers"]): AttemptSpec => ({
  at: iso,
  percent,
  passed: true,
  answers,
});
const fail = (iso: string, percent: number, answers: AttemptSpec["answers"]): AttemptSpec => ({
  at: iso,
  percent,
  passed: false,
  answers,
});

/**
 * Bank Noord (bank): cohort "A1 maart" with alpha and beta, deadline passed, six learners
 * (four joined in January, two in March). Zorg Zuid (care): cohort "B1" with alpha, five
 * learners joined in February. Figures per group are worked out in the tests.
 */
async function seedDataset() {
  await seedModules();
  const bank = await db().organisation.create({ data: { name: "Bank Noord", sector: "bank" } });
  const care = await db().organisation.create({ data: { name: "Zorg Zuid", sector: "care" } });
  const a1 = await createCohort(bank.id, "A1 maart", ["alpha", "beta"], at("2026-02-01T00:00:00.000Z"));
  const b1 = await createCohort(care.id, "B1", ["alpha"]);

  await addLearner(a1, {
    joined: "2026-01-10T09:00:00.000Z",
    modules: {
      alpha: {
        started: "2026-01-12T09:00:00.000Z",
        attempts: [
          fail("2026-01-12T09:20:00.000Z", 60, { q1: [1], q2: [0, 1] }),
          pass("2026-01-12T09:40:00.000Z", 90, { q1: [0], q2: [0] }),
        ],
        completed: "2026-01-12T09:40:00.000Z",
        attitude: { werk: [2, 4], schuld: [4, 2] },
      },
      beta: { started: "2026-01-12T10:00:00.000Z", completed: "2026-01-12T10:10:00.000Z", attitude: { werk: [1, 2] } },
    },
  });
  await addLearner(a1, {
    joined: "2026-01-10T09:00:00.000Z",
    modules: {
      alpha: {
        started: "2026-01-13T09:00:00.000Z",
        attempts: [pass("2026-01-13T10:00:00.000Z", 70, { q1: [0], q2: [0, 2] })],
        completed: "2026-01-13T10:00:00.000Z",
        attitude: { werk: [3, 4], schuld: [5, 3] },
      },
      beta: { started: "2026-01-13T11:00:00.000Z" },
    },
  });
  await addLearner(a1, {
    joined: "2026-01-10T09:00:00.000Z",
    modules: {
      // 23:30 UTC on 31 January is 1 February in Amsterdam.
      alpha: {
        started: "2026-01-31T23:30:00.000Z",
        attempts: [fail("2026-02-02T09:00:00.000Z", 40, { q1: [2], q2: [1] })],
        attitude: { werk: [1, null] },
      },
    },
  });
  await addLearner(a1, { joined: "2026-01-10T09:00:00.000Z" });
  await addLearner(a1, {
    joined: "2026-03-05T09:00:00.000Z",
    modules: {
      alpha: {
        started: "2026-03-06T09:00:00.000Z",
        attempts: [pass("2026-03-06T09:20:00.000Z", 100, { q1: [0] })],
        completed: "2026-03-06T09:20:00.000Z",
        attitude: { werk: [2, 5] },
      },
      beta: { started: "2026-03-06T10:00:00.000Z", completed: "2026-03-06T10:30:00.000Z" },
    },
  });
  await addLearner(a1, {
    joined: "2026-03-05T09:00:00.000Z",
    modules: {
      alpha: {
        started: "2026-03-07T09:00:00.000Z",
        attempts: [pass("2026-03-07T09:50:00.000Z", 80, { q1: null })],
        completed: "2026-03-07T09:50:00.000Z",
        attitude: { werk: [4, 4] },
      },
    },
  });

  const bJoined = "2026-02-10T09:00:00.000Z";
  await addLearner(b1, {
    joined: bJoined,
    modules: {
      alpha: {
        started: "2026-02-11T09:00:00.000Z",
        attempts: [pass("2026-02-11T09:15:00.000Z", 85, { q1: [0] })],
        completed: "2026-02-11T09:15:00.000Z",
        attitude: { werk: [3, 5] },
      },
    },
  });
  await addLearner(b1, {
    joined: bJoined,
    modules: {
      alpha: {
        started: "2026-02-11T09:00:00.000Z",
        attempts: [pass("2026-02-11T09:35:00.000Z", 65, { q1: [1] })],
        completed: "2026-02-11T09:35:00.000Z",
      },
    },
  });
  await addLearner(b1, {
    joined: bJoined,
    modules: {
      alpha: {
        started: "2026-02-11T09:00:00.000Z",
        attempts: [pass("2026-02-11T09:25:00.000Z", 75, { q1: [0] })],
        completed: "2026-02-11T09:25:00.000Z",
      },
    },
  });
  await addLearner(b1, { joined: bJoined, modules: { alpha: { started: "2026-02-11T09:00:00.000Z" } } });
  await addLearner(b1, { joined: bJoined });

  await rebuildAllReports(db(), { now: NOW });
  return { bank: bank.id, care: care.id, a1, b1 };
}

function figures(row: FunnelRow) {
  expect(row.suppressed).toBe(false);
  return row.figures!;
}

describe("getDashboard", () => {
  it("counts the funnel per organisation, with overdue, completion rate, average score and median", async () => {
    const ids = await seedDataset();
    const dashboard = await getDashboard(db(), ALL, filter(), { now: NOW, locale: "nl" });
    expect(dashboard.groups.map((row) => [row.key, row.label])).toEqual([
      [ids.bank, "Bank Noord"],
      [ids.care, "Zorg Zuid"],
    ]);
    expect(figures(dashboard.groups[0]!)).toEqual({
      enrolled: 12,
      started: 8,
      completed: 6,
      passed: 6,
      overdue: 6,
      completionRate: 0.5,
      averageScore: 76,
      medianMinutes: 35,
      learners: 6,
    });
    // Three scores and three durations: too few learners for those two figures.
    expect(figures(dashboard.groups[1]!)).toEqual({
      enrolled: 5,
      started: 4,
      completed: 3,
      passed: 3,
      overdue: 0,
      completionRate: 0.6,
      averageScore: null,
      medianMinutes: null,
      learners: 5,
    });
    // Nine durations (odd): 10 15 20 25 [30] 35 40 50 60.
    expect(figures(dashboard.totals)).toEqual({
      enrolled: 17,
      started: 12,
      completed: 9,
      passed: 9,
      overdue: 6,
      completionRate: 9 / 17,
      averageScore: 605 / 8,
      medianMinutes: 30,
      learners: 11,
    });
  });

  it("groups by sector, cohort and module with the right labels", async () => {
    const ids = await seedDataset();
    const rows = async (groupBy: GroupBy, locale: "nl" | "en" = "nl") =>
      (await getDashboard(db(), ALL, filter({ groupBy }), { now: NOW, locale })).groups;

    const sectors = await rows("sector");
    expect(sectors.map((row) => [row.key, row.label, row.figures?.enrolled])).toEqual([
      ["bank", "bank", 12],
      ["care", "care", 5],
    ]);
    const cohorts = await rows("cohort");
    expect(cohorts.map((row) => [row.key, row.label, row.figures?.learners, row.figures?.overdue])).toEqual([
      [ids.a1, "A1 maart", 6, 6],
      [ids.b1, "B1", 5, 0],
    ]);
    const modules = await rows("module");
    expect(modules.map((row) => [row.key, row.label])).toEqual([
      ["alpha", "Module alpha"],
      ["beta", "Module beta"],
    ]);
    expect(figures(modules[0]!)).toEqual({
      enrolled: 11,
      started: 9,
      completed: 7,
      passed: 7,
      overdue: 2,
      completionRate: 7 / 11,
      averageScore: 605 / 8,
      medianMinutes: 35,
      learners: 11,
    });
    expect(figures(modules[1]!)).toEqual({
      enrolled: 6,
      started: 3,
      completed: 2,
      passed: 2,
      overdue: 4,
      completionRate: 2 / 6,
      averageScore: null,
      medianMinutes: null,
      learners: 6,
    });
    expect((await rows("module", "en")).map((row) => row.label)).toEqual(["Module alpha (en)", "Module beta (en)"]);
  });

  it("counts the funnel by join month and the trend by event month (Amsterdam calendar)", async () => {
    await seedDataset();
    const dashboard = await getDashboard(db(), ALL, filter({ from: 202602, to: 202603 }), { now: NOW, locale: "nl" });
    // Median of an even count: 15 20 [25 30] 35 50.
    expect(figures(dashboard.totals)).toEqual({
      enrolled: 9,
      started: 7,
      completed: 6,
      passed: 6,
      overdue: 1,
      completionRate: 6 / 9,
      averageScore: 81,
      medianMinutes: 27.5,
      learners: 7,
    });
    expect(dashboard.trend).toEqual([
      { month: 202602, started: 5, completed: 3, passed: 3 },
      { month: 202603, started: 3, completed: 3, passed: 3 },
    ]);

    const open = await getDashboard(db(), ALL, filter(), { now: NOW, locale: "nl" });
    expect(open.trend).toEqual([
      { month: 202601, started: 4, completed: 3, passed: 3 },
      { month: 202602, started: 5, completed: 3, passed: 3 },
      { month: 202603, started: 3, completed: 3, passed: 3 },
      { month: 202604, started: 0, completed: 0, passed: 0 },
    ]);
  });

  it("suppresses rows, totals and the trend below five learners", async () => {
    await seedModules();
    const organisation = await db().organisation.create({ data: { name: "Klein", sector: "police" } });
    const cohort = await createCohort(organisation.id, "Vier", ["beta"]);
    for (let i = 0; i < MIN_GROUP_SIZE - 1; i++) {
      await addLearner(cohort, {
        joined: "2026-03-01T09:00:00.000Z",
        modules: { beta: { started: "2026-03-02T09:00:00.000Z" } },
      });
    }
    await rebuildAllReports(db(), { now: NOW });
    const four = await getDashboard(db(), ALL, filter(), { now: NOW, locale: "nl" });
    expect(four.totals).toEqual({ key: "total", label: "", suppressed: true, figures: null });
    expect(four.groups).toEqual([{ key: organisation.id, label: "Klein", suppressed: true, figures: null }]);
    expect(four.trend).toBeNull();

    await addLearner(cohort, { joined: "2026-03-01T09:00:00.000Z" });
    await rebuildAllReports(db(), { now: NOW });
    const five = await getDashboard(db(), ALL, filter(), { now: NOW, locale: "nl" });
    expect(figures(five.totals)).toMatchObject({ enrolled: 5, started: 4, learners: 5 });
    expect(five.groups[0]!.suppressed).toBe(false);
    expect(five.trend).toEqual([
      { month: 202603, started: 4, completed: 0, passed: 0 },
      { month: 202604, started: 0, completed: 0, passed: 0 },
    ]);
  });

  it("shows a trainer only the organisations in their scope, whatever the filter says", async () => {
    const ids = await seedDataset();
    const bankOnly: OrganisationScope = { kind: "organisations", organisationIds: [ids.bank] };
    const dashboard = await getDashboard(db(), bankOnly, filter({ groupBy: "cohort" }), { now: NOW, locale: "nl" });
    expect(dashboard.groups.map((row) => row.key)).toEqual([ids.a1]);
    expect(figures(dashboard.totals)).toMatchObject({ enrolled: 12, learners: 6 });

    const foreign = await getDashboard(db(), bankOnly, filter({ organisationId: ids.care }), {
      now: NOW,
      locale: "nl",
    });
    expect(foreign.groups).toEqual([]);
    expect(foreign.totals.suppressed).toBe(true);
    const nothing = await getDashboard(db(), { kind: "organisations", organisationIds: [] }, filter(), {
      now: NOW,
      locale: "nl",
    });
    expect(nothing.groups).toEqual([]);

    expect(
      await filterInScope(db(), bankOnly, filter({ organisationId: ids.bank, cohortId: ids.a1, moduleId: "alpha" })),
    ).toBe(true);
    expect(await filterInScope(db(), bankOnly, filter({ organisationId: ids.care }))).toBe(false);
    expect(await filterInScope(db(), bankOnly, filter({ cohortId: ids.b1 }))).toBe(false);
    expect(await filterInScope(db(), ALL, filter({ cohortId: ids.b1, organisationId: ids.care }))).toBe(true);
    expect(await filterInScope(db(), ALL, filter({ cohortId: "onbekend" }))).toBe(false);
    expect(await filterInScope(db(), ALL, filter({ moduleId: "onbekend" }))).toBe(false);

    expect(
      await getAttitudeChange(db(), bankOnly, filter({ organisationId: ids.care, moduleId: "alpha" }), {
        locale: "nl",
      }),
    ).toMatchObject([
      { itemId: "shared/werk", pairs: 0, suppressed: true },
      { itemId: "shared/schuld", pairs: 0, suppressed: true },
    ]);
    const items = await getItemAnalysis(db(), bankOnly, filter({ moduleId: "alpha" }), { locale: "nl" });
    expect(items!.rows[0]).toMatchObject({ questionId: "alpha/q1", answered: 6 });
  });

  it("filters by sector and cohort", async () => {
    const ids = await seedDataset();
    const care = await getDashboard(db(), ALL, filter({ sector: "care" }), { now: NOW, locale: "nl" });
    expect(care.groups.map((row) => row.key)).toEqual([ids.care]);
    const cohort = await getDashboard(db(), ALL, filter({ cohortId: ids.a1, moduleId: "beta" }), {
      now: NOW,
      locale: "nl",
    });
    expect(figures(cohort.totals)).toMatchObject({ enrolled: 6, started: 3, completed: 2, overdue: 4 });
  });
});

describe("getItemAnalysis", () => {
  it("gives shares and option counts per question, suppressing questions with fewer than five answers", async () => {
    const ids = await seedDataset();
    expect(await getItemAnalysis(db(), ALL, filter(), { locale: "nl" })).toBeNull();
    const analysis = await getItemAnalysis(db(), ALL, filter({ moduleId: "alpha" }), { locale: "nl" });
    expect(analysis!.moduleTitle).toBe("Module alpha");
    const [q1, q2, q3] = analysis!.rows;
    expect(q1).toEqual({
      questionId: "alpha/q1",
      position: 1,
      type: "single",
      topic: null,
      text: "Vraag q1",
      answered: 9,
      suppressed: false,
      shareCorrect: 5 / 9,
      averageScore: 5 / 9,
      options: [
        { text: "q1 optie 0", correct: true, chosen: 5, share: 5 / 9 },
        { text: "q1 optie 1", correct: false, chosen: 2, share: 2 / 9 },
        { text: "q1 optie 2", correct: false, chosen: 1, share: 1 / 9 },
      ],
    });
    expect(q2).toMatchObject({
      questionId: "alpha/q2",
      answered: 4,
      suppressed: true,
      shareCorrect: null,
      averageScore: null,
    });
    expect(q2!.options.map((option) => [option.chosen, option.share])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    expect(q3).toMatchObject({ questionId: "alpha/q3", answered: 0, suppressed: true });
    expect(q3!.options.map((option) => [option.text, option.correct])).toEqual([
      ["Waar", true],
      ["Niet waar", false],
    ]);

    // Joined from February: two March joiners of A1 and the five of B1 (one blank answer).
    const later = await getItemAnalysis(db(), ALL, filter({ moduleId: "alpha", from: 202602 }), { locale: "en" });
    expect(later!.rows[0]).toMatchObject({ text: "Question q1", answered: 5, shareCorrect: 3 / 5 });
    expect(later!.rows[0]!.options.map((option) => option.chosen)).toEqual([3, 1, 0]);

    const bankOnly = await getItemAnalysis(
      db(),
      { kind: "organisations", organisationIds: [ids.bank] },
      filter({ moduleId: "alpha" }),
      { locale: "nl" },
    );
    expect(bankOnly!.rows[0]!.options.map((option) => option.chosen)).toEqual([3, 1, 1]);
  });
});

describe("getAttitudeChange", () => {
  it("gives mean before, after and change per item over before/after pairs, flagging reverse items", async () => {
    await seedDataset();
    const alpha = await getAttitudeChange(db(), ALL, filter({ moduleId: "alpha" }), { locale: "nl" });
    expect(alpha).toHaveLength(2);
    const werk = alpha.find((row) => row.itemId === "shared/werk")!;
    expect(werk).toMatchObject({ text: "Stelling werk", reverse: false, pairs: 5, suppressed: false });
    expect(werk.before).toBeCloseTo(2.8);
    expect(werk.after).toBeCloseTo(4.4);
    expect(werk.change).toBeCloseTo(1.6);
    expect(alpha.find((row) => row.itemId === "shared/schuld")).toEqual({
      itemId: "shared/schuld",
      text: "Stelling schuld",
      reverse: true,
      pairs: 2,
      suppressed: true,
      before: null,
      after: null,
      change: null,
    });

    const everyModule = await getAttitudeChange(db(), ALL, filter(), { locale: "en" });
    const werkAll = everyModule.find((row) => row.itemId === "shared/werk")!;
    expect(werkAll).toMatchObject({ text: "Statement werk", pairs: 6, before: 2.5, after: 4, change: 1.5 });
  });
});

describe("getFilterChoices", () => {
  it("offers the scope's sectors, organisations and cohorts, and the modules", async () => {
    const ids = await seedDataset();
    const all = await getFilterChoices(db(), ALL, "nl");
    expect(all.sectors).toEqual(["bank", "care"]);
    expect(all.organisations.map((o) => o.name)).toEqual(["Bank Noord", "Zorg Zuid"]);
    expect(all.cohorts.map((c) => c.name)).toEqual(["A1 maart", "B1"]);
    expect(all.modules).toEqual([
      { id: "alpha", title: "Module alpha" },
      { id: "beta", title: "Module beta" },
    ]);
    const bank = await getFilterChoices(db(), { kind: "organisations", organisationIds: [ids.bank] }, "en");
    expect(bank.sectors).toEqual(["bank"]);
    expect(bank.organisations).toEqual([{ id: ids.bank, name: "Bank Noord", sector: "bank" }]);
    expect(bank.cohorts).toEqual([{ id: ids.a1, name: "A1 maart", organisationId: ids.bank }]);
    expect(bank.modules[0]).toEqual({ id: "alpha", title: "Module alpha (en)" });
  });
});

describe("median", () => {
  it("agrees with sorting for odd and even counts, duplicates included", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 30));
      const sorted = [...values].sort((a, b) => a - b);
      const middle = sorted.length >> 1;
      const expected = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
      expect(median(parseDurations(values.join(",")))).toBe(expected);
    }
    expect(Array.from(parseDurations("5,120,0,9999"))).toEqual([5, 120, 0, 9999]);
    expect(parseDurations("").length).toBe(0);
  });
});

describe("sqlAmsterdamMonth", () => {
  it("agrees with monthOf around every month start, in ISO text and epoch milliseconds", async () => {
    const instants: Date[] = [];
    for (let year = 2024; year <= 2031; year++) {
      for (let month = 0; month < 12; month++) {
        const start = Date.UTC(year, month, 1);
        for (const hours of [-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 12])
          instants.push(new Date(start + hours * 3_600_000));
      }
    }
    const rows = await monthsFromSql(db(), instants);
    expect(rows.text).toEqual(instants.map(monthOf));
    expect(rows.epoch).toEqual(instants.map(monthOf));
  });
});

async function monthsFromSql(prisma: PrismaClient, instants: Date[]) {
  const text: number[] = [];
  const epoch: number[] = [];
  for (const instant of instants) {
    const [row] = await prisma.$queryRawUnsafe<Array<{ a: number | bigint; b: number | bigint }>>(
      `SELECT ${sqlAmsterdamMonth("x.iso")} AS a, ${sqlAmsterdamMonth("x.ms")} AS b FROM (SELECT ? AS iso, ? AS ms) x`,
      instant.toISOString().replace("Z", "+00:00"),
      instant.getTime(),
    );
    text.push(Number(row!.a));
    epoch.push(Number(row!.b));
  }
  return { text, epoch };
}
