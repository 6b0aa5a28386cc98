import { Prisma, type PrismaClient } from "@prisma/client";

import { dialectOf } from "~/db/dialect.server";
import type { Locale } from "~/domain/constants";
import type { OrganisationScope } from "~/auth/scope.server";

import { concatenate, median, parseDurations } from "./durations";
import type { GroupBy, ReportFilter } from "./filter";
import { monthOf, monthsBetween, type Month } from "./month";
import { MIN_GROUP_SIZE, moduleTitles, num, rollupWhere } from "./report-query.server";

/**
 * The dashboard's headline figures: the funnel (enrolled → started → completed → passed, with
 * overdue, average score and median study time) in total and per group, and the monthly trend.
 * Read only from ReportRollup and cohort, organisation and module metadata, limited to the
 * viewer's organisation scope in SQL; groups under MIN_GROUP_SIZE learners are suppressed.
 * The other dashboard pages: item-analysis.server, attitude-change.server, filter-scope.server.
 */

export interface FunnelFigures {
  enrolled: number;
  started: number;
  completed: number;
  passed: number;
  overdue: number;
  /** 0..1, null when enrolled = 0 */
  completionRate: number | null;
  /** 0..100; null when fewer than MIN_GROUP_SIZE learners sat the assessment. */
  averageScore: number | null;
  /** null when fewer than MIN_GROUP_SIZE learners completed. */
  medianMinutes: number | null;
  /** Distinct learners behind the figures (cohort memberships: members of two cohorts count in each). */
  learners: number;
}

export interface FunnelRow {
  key: string;
  label: string;
  suppressed: boolean;
  figures: FunnelFigures | null;
}

export interface TrendPoint {
  month: Month;
  started: number;
  completed: number;
  passed: number;
}

export interface Dashboard {
  totals: FunnelRow;
  groups: FunnelRow[];
  /** null when the totals are suppressed */
  trend: TrendPoint[] | null;
}

export const TOTALS_KEY = "total";

interface PairRow {
  cohortId: string;
  moduleId: string;
  cohortName: string;
  organisationId: string;
  organisationName: string;
  sector: string;
  overdue: number | bigint;
  enrolled: number | bigint;
  started: number | bigint;
  completed: number | bigint;
  passed: number | bigint;
  scored: number | bigint;
  scoreSum: number;
  durations: string | null;
}

class FunnelAccumulator {
  enrolled = 0;
  started = 0;
  completed = 0;
  passed = 0;
  overdue = 0;
  scored = 0;
  scoreSum = 0;
  private durations: Int32Array[] = [];
  /** Per cohort the most learners in any one of its modules: every member is enrolled in each. */
  private cohortLearners = new Map<string, number>();

  add(pair: PairRow, durations: Int32Array) {
    const enrolled = num(pair.enrolled);
    const completed = num(pair.completed);
    this.enrolled += enrolled;
    this.started += num(pair.started);
    this.completed += completed;
    this.passed += num(pair.passed);
    if (num(pair.overdue) !== 0) this.overdue += enrolled - completed;
    this.scored += num(pair.scored);
    this.scoreSum += pair.scoreSum;
    if (durations.length > 0) this.durations.push(durations);
    this.cohortLearners.set(pair.cohortId, Math.max(this.cohortLearners.get(pair.cohortId) ?? 0, enrolled));
  }

  get learners(): number {
    let sum = 0;
    for (const count of this.cohortLearners.values()) sum += count;
    return sum;
  }

  row(key: string, label: string): FunnelRow {
    const learners = this.learners;
    if (learners < MIN_GROUP_SIZE) return { key, label, suppressed: true, figures: null };
    const minutes = concatenate(this.durations);
    return {
      key,
      label,
      suppressed: false,
      figures: {
        enrolled: this.enrolled,
        started: this.started,
        completed: this.completed,
        passed: this.passed,
        overdue: this.overdue,
        completionRate: this.enrolled === 0 ? null : this.completed / this.enrolled,
        averageScore: this.scored < MIN_GROUP_SIZE ? null : this.scoreSum / this.scored,
        medianMinutes: minutes.length < MIN_GROUP_SIZE ? null : median(minutes),
        learners,
      },
    };
  }
}

function groupOf(pair: PairRow, groupBy: GroupBy): string {
  switch (groupBy) {
    case "sector":
      return pair.sector;
    case "organisation":
      return pair.organisationId;
    case "cohort":
      return pair.cohortId;
    case "module":
      return pair.moduleId;
  }
}

export async function getDashboard(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  opts: { now: Date; locale: Locale },
): Promise<Dashboard> {
  const funnelWhere = rollupWhere(scope, filter, { period: true });
  const d = dialectOf(db);
  // Cohort and organisation columns are grouped too (one value per pair): PostgreSQL selects no
  // column that is neither grouped nor aggregated.
  const pairs = await db.$queryRaw<PairRow[]>`
    SELECT r."cohortId" AS "cohortId", r."moduleId" AS "moduleId", c."name" AS "cohortName", r."organisationId" AS "organisationId",
       o."name" AS "organisationName", o."sector" AS "sector",
       (c."deadline" IS NOT NULL AND ${d.instantBefore(Prisma.sql`c."deadline"`, opts.now)}) AS "overdue",
       sum(r."enrolled") AS "enrolled", sum(r."started") AS "started", sum(r."completed") AS "completed", sum(r."passed") AS "passed",
       sum(r."scored") AS "scored", coalesce(sum(r."scoreSum"), 0) AS "scoreSum",
       ${d.joinText(Prisma.sql`nullif(r."durations", '')`, ",")} AS "durations"
     FROM "ReportRollup" r
     JOIN "Cohort" c ON c."id" = r."cohortId"
     JOIN "Organisation" o ON o."id" = r."organisationId"
     WHERE ${funnelWhere}
     GROUP BY r."cohortId", r."moduleId", c."id", o."id", r."organisationId"
     HAVING sum(r."enrolled") > 0`;

  const totals = new FunnelAccumulator();
  const groups = new Map<string, FunnelAccumulator>();
  for (const pair of pairs) {
    const durations = parseDurations(pair.durations);
    totals.add(pair, durations);
    const key = groupOf(pair, filter.groupBy);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new FunnelAccumulator()));
    group.add(pair, durations);
  }

  const labels = new Map<string, string>();
  if (filter.groupBy === "module") {
    const titles = await moduleTitles(db, [...groups.keys()], opts.locale);
    for (const [id, title] of titles) labels.set(id, title);
  } else {
    for (const pair of pairs) {
      const key = groupOf(pair, filter.groupBy);
      const label =
        filter.groupBy === "sector"
          ? pair.sector
          : filter.groupBy === "organisation"
            ? pair.organisationName
            : pair.cohortName;
      labels.set(key, label);
    }
  }
  const collator = new Intl.Collator(opts.locale === "nl" ? "nl-NL" : "en-GB");
  const groupRows = [...groups.entries()]
    .map(([key, group]) => group.row(key, labels.get(key) ?? key))
    .sort((a, b) => collator.compare(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const totalsRow = totals.row(TOTALS_KEY, "");
  return {
    totals: totalsRow,
    groups: groupRows,
    trend: totalsRow.suppressed ? null : await getTrend(db, scope, filter, opts.now),
  };
}

/**
 * Events by the month they happened, every month of the period (or from the first event to
 * this month when the period is open).
 */
async function getTrend(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  now: Date,
): Promise<TrendPoint[]> {
  const where = rollupWhere(scope, filter, { period: true });
  const rows = await db.$queryRaw<
    Array<{ month: number | bigint; started: number | bigint; completed: number | bigint; passed: number | bigint }>
  >`
    SELECT r."month" AS "month", sum(r."startedInMonth") AS "started", sum(r."completedInMonth") AS "completed",
       sum(r."passedInMonth") AS "passed"
     FROM "ReportRollup" r
     WHERE ${where} AND (r."startedInMonth" > 0 OR r."completedInMonth" > 0 OR r."passedInMonth" > 0)
     GROUP BY r."month"
     ORDER BY r."month"`;
  const byMonth = new Map(rows.map((row) => [num(row.month), row]));
  const first = filter.from ?? (rows.length > 0 ? num(rows[0]!.month) : null);
  if (first === null) return [];
  const last = filter.to ?? Math.max(monthOf(now), rows.length > 0 ? num(rows[rows.length - 1]!.month) : 0);
  return monthsBetween(first, last).map((month) => {
    const row = byMonth.get(month);
    return {
      month,
      started: num(row?.started ?? 0),
      completed: num(row?.completed ?? 0),
      passed: num(row?.passed ?? 0),
    };
  });
}
