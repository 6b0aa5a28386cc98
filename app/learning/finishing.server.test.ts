import type { PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";

import { startAttempt, saveAnswers } from "~/assessment/attempts.server";
import { syncCourses } from "~/content/sync.server";
import type { Sector } from "~/domain/constants";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { question, parsedModule } from "../../tests/unit/support/courses";
import { completeLessons, passAssessment } from "../../tests/unit/support/certificates";

import { moduleStatus } from "./module-status";
import { openAttemptProgress } from "./module-status.server";
import { suggestNextModule } from "./next-module.server";
import { getModuleOverview, listMyLearning } from "./progress.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-06-01T10:00:00.000Z");
const QUESTIONS = [
  question("q1", "single", "CWW"),
  question("q2", "true_false", "CW"),
  question("q3", "single", "WCW"),
];

/** Modules in catalogue order, each with two lessons ("een", "twee") and an assessment drawing all three questions. */
async function seedModules(db: PrismaClient, specs: Array<{ slug: string; sectors: Sector[]; archived?: boolean }>) {
  await syncCourses(
    db,
    specs
      .filter((spec) => !spec.archived)
      .map((spec, index) => ({
        ...parsedModule({
          slug: spec.slug,
          position: index + 1,
          lessons: ["een", "twee"],
          assessment: { passMark: 50, draw: QUESTIONS.length, maxAttempts: 3, waitMinutes: 0, questions: QUESTIONS },
        }),
        sectors: spec.sectors,
      })),
  );
}

async function createLearner(sector: string) {
  const user = await db().user.create({
    data: { email: `leerling-${sector}-${Math.random()}@example.nl`, name: "Leerling", passwordHash: "x", sector },
  });
  return user.id;
}

describe("suggestNextModule", () => {
  it("picks the first module for the learner's sector in catalogue order that they have not completed", async () => {
    await seedModules(db(), [
      { slug: "basis", sectors: ["bank", "police"] },
      { slug: "zorg", sectors: ["care"] },
      { slug: "bank-verdieping", sectors: ["bank"] },
      { slug: "bank-praktijk", sectors: ["bank"] },
    ]);
    const learner = await createLearner("bank");

    expect(await suggestNextModule(db(), { userId: learner, locale: "nl" })).toMatchObject({
      slug: "basis",
      title: "Module basis",
    });

    await completeLessons(db(), learner, "basis", T0);
    await passAssessment(db(), learner, "basis", T0);
    // The care module comes earlier in the catalogue but is not for this sector.
    expect(await suggestNextModule(db(), { userId: learner, locale: "en", currentModuleId: "basis" })).toEqual({
      slug: "bank-verdieping",
      title: "Module bank-verdieping (en)",
      contentLocale: "en",
      minutes: 20,
    });
    // The module being looked at is never suggested as its own follow-up.
    expect(
      await suggestNextModule(db(), { userId: learner, locale: "nl", currentModuleId: "bank-verdieping" }),
    ).toMatchObject({
      slug: "bank-praktijk",
    });
  });

  it("suggests nothing when every module for the sector is completed, and any module to a learner without a known sector", async () => {
    await seedModules(db(), [
      { slug: "basis", sectors: ["care"] },
      { slug: "bank-alleen", sectors: ["bank"] },
    ]);
    const carer = await createLearner("care");
    await completeLessons(db(), carer, "basis", T0);
    await passAssessment(db(), carer, "basis", T0);
    expect(await suggestNextModule(db(), { userId: carer, locale: "nl", currentModuleId: "basis" })).toBeNull();

    const unknown = await createLearner("onbekend");
    expect(await suggestNextModule(db(), { userId: unknown, locale: "nl" })).toMatchObject({ slug: "basis" });
    expect(await suggestNextModule(db(), { userId: "no-such-user", locale: "nl" })).toBeNull();
  });
});

describe("moduleStatus", () => {
  const lessons = (completed: boolean[]) =>
    completed.map((done, index) => ({ id: `m/${index}`, seen: done, completed: done }));

  it("calls a module with its lessons done but its assessment open 'assessment open', never 'in progress'", () => {
    const attempt = { attemptId: "a1", answered: 3, total: 6 };
    expect(
      moduleStatus({
        enrolled: true,
        completed: false,
        hasAssessment: true,
        lessons: lessons([true, true]),
        openAttempt: attempt,
      }),
    ).toEqual({
      kind: "assessment_open",
      attempt,
    });
    expect(
      moduleStatus({
        enrolled: true,
        completed: false,
        hasAssessment: true,
        lessons: lessons([true, true]),
        openAttempt: null,
      }),
    ).toEqual({
      kind: "assessment_open",
      attempt: null,
    });
  });

  it("distinguishes not started, in progress and completed", () => {
    const base = { hasAssessment: true, openAttempt: null };
    expect(moduleStatus({ ...base, enrolled: false, completed: false, lessons: lessons([false, false]) })).toEqual({
      kind: "not_started",
    });
    expect(moduleStatus({ ...base, enrolled: true, completed: false, lessons: lessons([true, false]) })).toEqual({
      kind: "in_progress",
    });
    // A module without an assessment whose lessons are all done, but without a completion yet.
    expect(
      moduleStatus({ ...base, hasAssessment: false, enrolled: true, completed: false, lessons: lessons([true, true]) }),
    ).toEqual({ kind: "in_progress" });
    expect(moduleStatus({ ...base, enrolled: true, completed: true, lessons: lessons([true, true]) })).toEqual({
      kind: "completed",
    });
  });
});

describe("the status on Mijn leren and the module page", () => {
  it("counts the saved answers of the open attempt, and says completed after passing", async () => {
    await seedModules(db(), [{ slug: "basis", sectors: ["bank"] }]);
    const learner = await createLearner("bank");
    await completeLessons(db(), learner, "basis", T0);

    const [entry] = await listMyLearning(db(), { userId: learner, locale: "nl" });
    expect(entry).toMatchObject({ fractionDone: 1, progressStatus: { kind: "assessment_open", attempt: null } });

    const started = await startAttempt(db(), { moduleSlug: "basis", userId: learner, now: T0, seed: "seed" });
    if (!started.ok) throw new Error("start refused");
    const first = await db().attemptItem.findFirstOrThrow({ where: { attemptId: started.attemptId, position: 0 } });
    const firstId = (JSON.parse(first.question) as { id: string }).id;
    expect(
      await saveAnswers(db(), {
        attemptId: started.attemptId,
        userId: learner,
        answers: new Map([[firstId, [0]]]),
      }),
    ).toEqual({ ok: true });

    const progress = await openAttemptProgress(db(), { userId: learner, moduleIds: ["basis"] });
    expect(progress.get("basis")).toEqual({ attemptId: started.attemptId, answered: 1, total: 3 });
    const [again] = await listMyLearning(db(), { userId: learner, locale: "nl" });
    expect(again?.progressStatus).toEqual({
      kind: "assessment_open",
      attempt: { attemptId: started.attemptId, answered: 1, total: 3 },
    });
    const overview = await getModuleOverview(db(), { moduleSlug: "basis", locale: "nl", userId: learner });
    expect(overview?.progressStatus).toEqual({
      kind: "assessment_open",
      attempt: { attemptId: started.attemptId, answered: 1, total: 3 },
    });

    // Another learner's attempt is not counted for this one.
    const other = await createLearner("bank");
    expect((await openAttemptProgress(db(), { userId: other, moduleIds: ["basis"] })).size).toBe(0);
  });

  it("says completed once the assessment is passed, and nothing for an anonymous visitor", async () => {
    await seedModules(db(), [{ slug: "basis", sectors: ["bank"] }]);
    const learner = await createLearner("bank");
    await completeLessons(db(), learner, "basis", T0);
    await passAssessment(db(), learner, "basis", T0);
    const [entry] = await listMyLearning(db(), { userId: learner, locale: "nl" });
    expect(entry?.progressStatus).toEqual({ kind: "completed" });
    expect(
      (await getModuleOverview(db(), { moduleSlug: "basis", locale: "nl", userId: null }))?.progressStatus,
    ).toBeNull();
  });
});
