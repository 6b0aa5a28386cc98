import type { PrismaClient } from "@prisma/client";

import type { OrganisationScope } from "../../../app/auth/scope.server";
import { syncCourses } from "../../../app/content/sync.server";
import type { ParsedSurvey } from "../../../app/content/types";
import type { ReportFilter } from "../../../app/reports/filter";
import { rebuildAllReports } from "../../../app/reports/refresh.server";
import { createLearner, parsedModule, question, surveyItem } from "./courses";

/**
 * A report dataset for the dashboard tests: two modules, two organisations with a cohort each,
 * and learners whose history is written straight into the learning tables with exact times,
 * then rolled up by rebuildAllReports.
 */

export const NOW = new Date("2026-04-15T10:00:00.000Z");
export const ALL: OrganisationScope = { kind: "all" };
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
export const filter = (overrides: Partial<ReportFilter> = {}): ReportFilter => ({ ...NO_FILTER, ...overrides });

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

/** The dataset's writers, on the test database `db` returns. */
export function reportDataset(db: () => PrismaClient) {
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
        beta: {
          started: "2026-01-12T10:00:00.000Z",
          completed: "2026-01-12T10:10:00.000Z",
          attitude: { werk: [1, 2] },
        },
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

  return { seedModules, createCohort, addLearner, seedDataset };
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
