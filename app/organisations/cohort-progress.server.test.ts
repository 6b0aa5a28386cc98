import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { cohortWorld, NOW } from "../../tests/unit/support/cohorts";
import { learningEvents } from "~/learning-events.server";

import { joinCohort, removeLearner } from "./cohort-membership.server";
import { getCohortDetail, listMyCohorts } from "./cohort-progress.server";
import { COHORT_AUDIT } from "./cohorts.server";

const database = useTestDatabase();
const db = () => database.prisma;
const { w, setUp, person, cohortOfA, audits } = cohortWorld(db);

beforeEach(setUp);

describe("learners in a cohort", () => {
  async function withProgress() {
    const a = await cohortOfA({ deadline: "2026-03-20" });
    const anna = await person("Anna");
    const bram = await person("Bram");
    // Anna started the basics and completed the bank module; Bram has not begun.
    await db().enrollment.create({
      data: { userId: anna.id, moduleId: "basis", contentHash: "hash-basis", startedAt: NOW },
    });
    await db().enrollment.create({
      data: {
        userId: anna.id,
        moduleId: "bank",
        contentHash: "hash-bank",
        startedAt: NOW,
        status: "completed",
        completedAt: NOW,
      },
    });
    await db().moduleCompletion.create({
      data: { userId: anna.id, moduleId: "bank", completedAt: NOW, contentHash: "hash-bank" },
    });
    await joinCohort(db(), { userId: anna.id, cohortId: a.id, now: NOW, events: learningEvents });
    await joinCohort(db(), { userId: bram.id, cohortId: a.id, now: NOW, events: learningEvents });
    return { a, anna, bram };
  }

  it("shows names with each learner's status per module, from the report facts", async () => {
    const { a, anna, bram } = await withProgress();
    const detail = await getCohortDetail(db(), w.scopeA, a.id, { locale: "nl" });
    expect(detail?.learners.map((l) => [l.name, l.userId, l.modules.map((m) => `${m.moduleId}:${m.status}`)])).toEqual([
      ["Anna", anna.id, ["basis:started", "bank:completed"]],
      ["Bram", bram.id, ["basis:not_started", "bank:not_started"]],
    ]);
  });

  it("removes a learner's membership but keeps their own progress, and rebuilds the cohort's figures", async () => {
    const { a, anna } = await withProgress();
    expect(
      await removeLearner(db(), {
        scope: w.scopeA,
        actorId: w.trainerA.id,
        cohortId: a.id,
        userId: anna.id,
        now: NOW,
        events: learningEvents,
      }),
    ).toEqual({ ok: true });
    expect(
      await removeLearner(db(), {
        scope: w.scopeA,
        actorId: w.trainerA.id,
        cohortId: a.id,
        userId: anna.id,
        now: NOW,
        events: learningEvents,
      }),
    ).toEqual({ ok: false, error: "not_member" });
    expect((await getCohortDetail(db(), w.all, a.id, { locale: "nl" }))?.learners.map((l) => l.name)).toEqual(["Bram"]);
    expect(await db().enrollment.count({ where: { userId: anna.id } })).toBe(2);
    expect(await db().moduleCompletion.count({ where: { userId: anna.id } })).toBe(1);
    expect(await db().reportFact.count({ where: { userId: anna.id } })).toBe(0);
    expect(await audits(COHORT_AUDIT.learnerRemoved)).toHaveLength(1);
  });

  it("lists a learner's cohorts on Mijn leren with status and overdue modules after the deadline", async () => {
    const { anna } = await withProgress();
    const before = await listMyCohorts(db(), { userId: anna.id, locale: "nl", now: NOW });
    expect(before.map((c) => [c.name, c.modules.map((m) => [m.id, m.status, m.overdue])])).toEqual([
      [
        "Bank A — regio Utrecht — maart",
        [
          ["basis", "started", false],
          ["bank", "completed", false],
        ],
      ],
    ]);
    const after = await listMyCohorts(db(), {
      userId: anna.id,
      locale: "nl",
      now: new Date("2026-03-21T08:00:00.000Z"),
    });
    expect(after[0]?.modules.map((m) => m.overdue)).toEqual([true, false]);
    expect(await listMyCohorts(db(), { userId: w.trainerA.id, locale: "nl", now: NOW })).toEqual([]);
  });
});
