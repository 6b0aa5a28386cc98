import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { createLearner } from "../../tests/unit/support/courses";
import { ALL, filter, reportDataset } from "../../tests/unit/support/report-dataset";
import { getStudyLoad } from "./study-load.server";
import { spreadOf } from "./study-load";

const database = useTestDatabase();
const db = () => database.prisma;
const { seedModules, createCohort } = reportDataset(db);

/** Report facts written directly: one completed learner per value pair. */
async function completedLearners(
  cohortIds: string[],
  moduleId: string,
  values: Array<[activeSeconds: number | null, reportedMinutes: number | null]>,
  completedAt = new Date("2026-03-10T09:00:00.000Z"),
) {
  for (const [activeSeconds, reportedMinutes] of values) {
    const userId = await createLearner(db());
    await db().reportFact.createMany({
      data: cohortIds.map((cohortId) => ({
        cohortId,
        userId,
        moduleId,
        joinedAt: new Date("2026-03-01T09:00:00.000Z"),
        startedAt: new Date("2026-03-02T09:00:00.000Z"),
        completedAt,
        passedAt: completedAt,
        attempts: 1,
        activeSeconds,
        reportedMinutes,
      })),
    });
  }
}

describe("getStudyLoad", () => {
  it("gives the median and quartiles the values themselves give, each learner once per module", async () => {
    await seedModules();
    const organisation = await db().organisation.create({ data: { name: "Bank Noord", sector: "bank" } });
    const first = await createCohort(organisation.id, "Voorjaar", ["alpha", "beta"]);
    const second = await createCohort(organisation.id, "Najaar", ["alpha"]);
    // Learners in both cohorts count once; uneven counts make the quartiles interpolate.
    const alpha: Array<[number | null, number | null]> = [
      [600, 30],
      [1260, 25],
      [3000, null],
      [90, 45],
      [2400, 60],
      [1830, 20],
      [null, 35],
    ];
    await completedLearners([first, second], "alpha", alpha);
    await completedLearners([first], "beta", [
      [300, 10],
      [600, null],
    ]);

    const rows = await getStudyLoad(db(), ALL, filter(), { locale: "nl" });

    const measured = alpha.flatMap(([seconds]) => (seconds === null ? [] : [seconds / 60]));
    const reported = alpha.flatMap(([, minutes]) => (minutes === null ? [] : [minutes]));
    expect(rows.map((row) => row.moduleId)).toEqual(["alpha", "beta"]);
    const [alphaRow, betaRow] = rows;
    expect(alphaRow!.measured.n).toBe(6);
    expect(alphaRow!.measured.spread!.median).toBeCloseTo(spreadOf(measured)!.median, 9);
    expect(alphaRow!.measured.spread!.q1).toBeCloseTo(spreadOf(measured)!.q1, 9);
    expect(alphaRow!.measured.spread!.q3).toBeCloseTo(spreadOf(measured)!.q3, 9);
    expect(alphaRow!.reported).toEqual({ n: 6, spread: spreadOf(reported) });
    // Two learners: counted, but too few for figures.
    expect(betaRow!.measured).toEqual({ n: 2, spread: null });
    expect(betaRow!.reported).toEqual({ n: 1, spread: null });
  });

  it("leaves out modules without completed learners in the scope and period", async () => {
    await seedModules();
    const organisation = await db().organisation.create({ data: { name: "Zorg Zuid", sector: "care" } });
    const cohort = await createCohort(organisation.id, "Voorjaar", ["alpha"]);
    await completedLearners([cohort], "alpha", [
      [60, 1],
      [120, 2],
      [180, 3],
      [240, 4],
      [300, 5],
    ]);
    expect(await getStudyLoad(db(), ALL, filter({ from: 202604 }), { locale: "nl" })).toEqual([]);
    expect(
      await getStudyLoad(db(), { kind: "organisations", organisationIds: [] }, filter(), { locale: "nl" }),
    ).toEqual([]);
    const [row] = await getStudyLoad(db(), ALL, filter({ from: 202603, to: 202603 }), { locale: "nl" });
    expect(row!.measured.spread).toEqual({ n: 5, median: 3, q1: 2, q3: 4 });
    expect(row!.reported.spread).toEqual({ n: 5, median: 3, q1: 2, q3: 4 });
  });
});
