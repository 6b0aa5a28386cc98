import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { ALL, filter, NOW, reportDataset } from "../../tests/unit/support/report-dataset";
import { createTranslator } from "~/i18n";
import { createOrganisation } from "~/organisations/organisations.server";

import { filterChoicesView, GROUP_PAGE_SIZE, overviewView, PageNotFound } from "./dashboard-pages.server";
import { COHORT_CHOICES_MAX } from "./filter-scope.server";
import { createReportCache, dashboardCache } from "./report-cache.server";
import { rebuildAllReports, rebuildCohortReports, refreshLearnerReports } from "./refresh.server";

const database = useTestDatabase();
const db = () => database.prisma;
const { seedModules, createCohort, addLearner } = reportDataset(db);
const t = createTranslator("nl");

beforeEach(() => dashboardCache.clear());

describe("overviewView pages", () => {
  it("shows a grouped table GROUP_PAGE_SIZE rows at a time, with a working next page", async () => {
    await seedModules();
    const organisation = await db().organisation.create({ data: { name: "Groot", sector: "police" } });
    const total = GROUP_PAGE_SIZE + 2;
    for (let i = 1; i <= total; i++) {
      const cohort = await createCohort(organisation.id, `Cohort ${String(i).padStart(2, "0")}`, ["beta"]);
      await addLearner(cohort, { joined: "2026-03-01T09:00:00.000Z" });
    }
    await rebuildAllReports(db(), { now: NOW });
    const args = { scope: ALL, filter: filter({ groupBy: "cohort" }), t, locale: "nl" as const, now: NOW };

    const first = await overviewView(db(), { ...args, page: 1 });
    expect(first.groups.rows).toHaveLength(GROUP_PAGE_SIZE);
    expect(first.groupsPage).toEqual({ page: 1, pages: 2, first: 1, last: GROUP_PAGE_SIZE, total });
    expect(first.groups.rows[0]!.cells[0]!.text).toBe("Cohort 01");
    // One learner per cohort: every row stays suppressed, page or not.
    expect(first.groups.rows.every((row) => row.suppressed)).toBe(true);
    // Only texts reach the browser; the CSV's exact values stay on the server.
    expect(first.totals.rows.flatMap((row) => row.cells).some((cell) => "value" in cell)).toBe(false);

    const second = await overviewView(db(), { ...args, page: 2 });
    expect(second.groups.rows.map((row) => row.cells[0]!.text)).toEqual([
      `Cohort ${GROUP_PAGE_SIZE + 1}`,
      `Cohort ${GROUP_PAGE_SIZE + 2}`,
    ]);
    expect(second.groupsPage).toEqual({ page: 2, pages: 2, first: GROUP_PAGE_SIZE + 1, last: total, total });
    // The bars show the page's rows, like the table.
    expect(second.completion.bars.length + second.completion.suppressed).toBe(2);

    await expect(overviewView(db(), { ...args, page: 3 })).rejects.toBeInstanceOf(PageNotFound);
  });

  it("lets organisation rows lead to the organisation's cohorts with the rest of the filter", async () => {
    await seedModules();
    const organisation = await db().organisation.create({ data: { name: "Bank", sector: "bank" } });
    const cohort = await createCohort(organisation.id, "Een", ["beta"]);
    await addLearner(cohort, { joined: "2026-03-01T09:00:00.000Z" });
    await rebuildAllReports(db(), { now: NOW });
    const view = await overviewView(db(), {
      scope: ALL,
      filter: filter({ from: 202601, moduleId: "beta" }),
      page: 1,
      t,
      locale: "nl",
      now: NOW,
    });
    expect(view.groups.rows[0]!.href).toBe(
      `/beheer/dashboard?van=2026-01&organisatie=${organisation.id}&module=beta&per=cohort`,
    );
  });
});

describe("the per-filter view cache", () => {
  it("serves a view again until the report tables change, then computes it anew", async () => {
    await seedModules();
    const organisation = await db().organisation.create({ data: { name: "Gemeente", sector: "municipality" } });
    const cohort = await createCohort(organisation.id, "Handhaving", ["beta"]);
    const learners: string[] = [];
    for (let i = 0; i < 5; i++) learners.push(await addLearner(cohort, { joined: "2026-03-01T09:00:00.000Z" }));
    await rebuildAllReports(db(), { now: NOW });

    const cache = createReportCache();
    let computed = 0;
    const view = () => cache.get(db(), "view", async () => ++computed);
    expect(await view()).toBe(1);
    expect(await view()).toBe(1);

    await rebuildCohortReports(db(), { cohortIds: [cohort], now: NOW });
    expect(await view()).toBe(2);
    expect(await view()).toBe(2);

    // A learning event of a cohort learner refreshes their rows, and so the stamp.
    await db().enrollment.create({
      data: { userId: learners[0]!, moduleId: "beta", contentHash: "h", startedAt: NOW, status: "in_progress" },
    });
    await refreshLearnerReports(db(), { userId: learners[0]!, now: NOW });
    expect(await view()).toBe(3);

    // A new organisation changes what the filter form offers.
    await createOrganisation(db(), { actorId: learners[1]!, input: { name: "Nieuw", sector: "care" } });
    expect(await view()).toBe(4);
  });

  it("never serves the overview from before a refresh", async () => {
    await seedModules();
    const organisation = await db().organisation.create({ data: { name: "Zorg", sector: "care" } });
    const cohort = await createCohort(organisation.id, "Spoed", ["beta"]);
    for (let i = 0; i < 5; i++) await addLearner(cohort, { joined: "2026-03-01T09:00:00.000Z" });
    await rebuildAllReports(db(), { now: NOW });
    const args = { scope: ALL, filter: filter(), page: 1, t, locale: "nl" as const, now: NOW };
    const enrolled = (view: Awaited<ReturnType<typeof overviewView>>) =>
      view.totals.rows.find((row) => row.key === "enrolled")!.cells[1]!.text;

    expect(enrolled(await overviewView(db(), args))).toBe("5");
    await addLearner(cohort, { joined: "2026-03-02T09:00:00.000Z" });
    // Rows written but the reports not yet refreshed: the cached view is still the truth of the report tables.
    expect(enrolled(await overviewView(db(), args))).toBe("5");
    await rebuildCohortReports(db(), { cohortIds: [cohort], now: NOW });
    expect(enrolled(await overviewView(db(), args))).toBe("6");
  });

  it("expires entries after their maximum age, keeps at most maxEntries, and caches nothing without a stamp", async () => {
    const cache = createReportCache({ maxEntries: 2, maxAgeMs: 1000 });
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get(db(), "a", compute, 0)).toBe(1);
    expect(await cache.get(db(), "a", compute, 999)).toBe(1);
    expect(await cache.get(db(), "a", compute, 2000)).toBe(2);
    await cache.get(db(), "b", compute, 2000);
    await cache.get(db(), "c", compute, 2000);
    expect(cache.size).toBe(2);

    await db().$executeRawUnsafe(`DELETE FROM "ReportGeneration"`);
    try {
      const uncached = createReportCache();
      expect(await uncached.get(db(), "a", compute)).toBe(5);
      expect(await uncached.get(db(), "a", compute)).toBe(6);
      expect(uncached.size).toBe(0);
    } finally {
      await db().$executeRawUnsafe(`INSERT INTO "ReportGeneration" ("id", "generation") VALUES (1, 0)`);
    }
  });
});

describe("filterChoicesView", () => {
  it("lists a large scope's cohorts only for the chosen organisation", async () => {
    const big = await db().organisation.create({ data: { name: "Politie", sector: "police" } });
    const small = await db().organisation.create({ data: { name: "GGD", sector: "care" } });
    await db().cohort.createMany({
      data: Array.from({ length: COHORT_CHOICES_MAX }, (_, i) => ({
        organisationId: big.id,
        name: `Team ${i}`,
        joinCode: `BIG${String(i).padStart(4, "0")}`,
      })),
    });
    await db().cohort.create({ data: { organisationId: small.id, name: "Wijkteam", joinCode: "SMALL001" } });

    const none = await filterChoicesView(db(), {
      scope: ALL,
      locale: "nl",
      chosen: { sector: null, organisationId: null, cohortId: null },
    });
    expect(none.cohortsLimited).toBe(true);
    expect(none.cohorts).toEqual([]);
    const chosen = await filterChoicesView(db(), {
      scope: ALL,
      locale: "nl",
      chosen: { sector: null, organisationId: small.id, cohortId: null },
    });
    expect(chosen.cohorts.map((cohort) => cohort.name)).toEqual(["Wijkteam"]);
    expect(chosen.organisations).toEqual([
      { id: small.id, name: "GGD" },
      { id: big.id, name: "Politie" },
    ]);
  });
});
