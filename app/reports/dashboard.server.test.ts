import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { ALL, filter, NOW, reportDataset } from "../../tests/unit/support/report-dataset";
import type { OrganisationScope } from "~/auth/scope.server";
import { getAttitudeChange } from "./attitude-change.server";
import { getDashboard, type FunnelRow } from "./dashboard.server";
import type { GroupBy } from "./filter";
import { filterInScope } from "./filter-scope.server";
import { getItemAnalysis } from "./item-analysis.server";
import { MIN_GROUP_SIZE } from "./report-query.server";
import { rebuildAllReports } from "./refresh.server";

const database = useTestDatabase();
const db = () => database.prisma;
const { seedDataset, seedModules, createCohort, addLearner } = reportDataset(db);

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
