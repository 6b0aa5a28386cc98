import type { PrismaClient } from "@prisma/client";

import type { Locale } from "~/domain/constants";
import type { Translate } from "~/i18n";
import type { OrganisationScope } from "~/auth/scope.server";

import { getAttitudeChange } from "./attitude-change.server";
import { attitudeChartPoints } from "./attitude-chart";
import { getDashboard } from "./dashboard.server";
import { getEvaluationReport } from "./evaluation.server";
import { getFilterChoices } from "./filter-scope.server";
import { reportFilterSearchParams, type ReportFilter } from "./filter";
import { getItemAnalysis } from "./item-analysis.server";
import { itemAnalysisVerdict } from "./item-summary";
import { dashboardCache } from "./report-cache.server";
import { getStudyLoad } from "./study-load.server";
import { studyLoadBars } from "./study-load-view";
import {
  attitudeTable,
  completionRateBars,
  evaluationTable,
  formatAttitudeMean,
  formatMonthShort,
  groupByNoun,
  groupsTable,
  isMisconception,
  itemsTable,
  optionBars,
  optionsTable,
  studyLoadTable,
  totalsTable,
  trendTable,
  type ReportTable,
  type TableCell,
} from "./tables";

/**
 * What each dashboard page sends to the browser: the rows it renders, already formatted, and no
 * more. Long tables come a page at a time (the CSV export has every row); table cells carry only
 * their text (the exact CSV values stay on the server). Each view is computed once per filter and
 * report generation (report-cache.server).
 */

/** Rows of a grouped table per page; the bar chart above it shows the same rows. */
export const GROUP_PAGE_SIZE = 25;
/** Question cards (chart and option table) per page of the item analysis. */
export const QUESTION_PAGE_SIZE = 8;

export interface PageInfo {
  page: number;
  pages: number;
  /** 1-based numbers of the first and last row shown; 0 when there are none. */
  first: number;
  last: number;
  total: number;
}

export class PageNotFound extends Error {}

/** One page of `rows`; a page past the last one (when there are rows) is PageNotFound. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): { rows: T[]; info: PageInfo } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  if (page > pages) throw new PageNotFound();
  const start = (page - 1) * size;
  const shown = rows.slice(start, start + size);
  return {
    rows: shown,
    info: {
      page,
      pages,
      first: shown.length === 0 ? 0 : start + 1,
      last: start + shown.length,
      total: rows.length,
    },
  };
}

/** The table as the page shows it: texts only, the CSV's exact values and headers left out. */
export function displayTable(table: ReportTable): ReportTable {
  return {
    id: table.id,
    caption: table.caption,
    columns: table.columns.map(({ key, label, numeric }) => ({ key, label, numeric })),
    rows: table.rows.map((row) => ({
      key: row.key,
      suppressed: row.suppressed,
      ...(row.href ? { href: row.href } : {}),
      cells: row.cells.map((cell): TableCell =>
        cell.suppressed ? { text: cell.text, suppressed: true } : { text: cell.text },
      ),
    })),
  };
}

export interface DashboardPageArgs {
  scope: OrganisationScope;
  filter: ReportFilter;
  page: number;
  t: Translate;
  locale: Locale;
}

function scopeKey(scope: OrganisationScope): string {
  return scope.kind === "all" ? "all" : [...scope.organisationIds].sort().join(",");
}

/** A view from the cache when its filter, page, scope and locale were computed for this generation. */
function cached<T>(db: PrismaClient, view: string, args: DashboardPageArgs, compute: () => Promise<T>): Promise<T> {
  const key = [view, args.locale, scopeKey(args.scope), reportFilterSearchParams(args.filter), args.page].join("|");
  return dashboardCache.get(db, key, compute);
}

/**
 * The filter form's choices, names and ids only. Cached like the views: creating or renaming an
 * organisation and creating a cohort bump the report generation too.
 */
export function filterChoicesView(
  db: PrismaClient,
  args: {
    scope: OrganisationScope;
    locale: Locale;
    chosen: Pick<ReportFilter, "sector" | "organisationId" | "cohortId">;
  },
) {
  const { scope, locale, chosen } = args;
  const key = ["choices", locale, scopeKey(scope), chosen.sector, chosen.organisationId, chosen.cohortId].join("|");
  return dashboardCache.get(db, key, async () => {
    const choices = await getFilterChoices(db, scope, locale, chosen);
    return {
      ...choices,
      organisations: choices.organisations.map(({ id, name }) => ({ id, name })),
    };
  });
}

export function overviewView(db: PrismaClient, args: DashboardPageArgs & { now: Date }) {
  return cached(db, "overview", args, async () => {
    const { scope, filter, locale } = args;
    const ctx = { t: args.t, locale };
    const dashboard = await getDashboard(db, scope, filter, { now: args.now, locale });
    const groups = pageOf(dashboard.groups, args.page, GROUP_PAGE_SIZE);
    const shown = { ...dashboard, groups: groups.rows };
    return {
      query: reportFilterSearchParams(filter).toString(),
      group: groupByNoun(ctx, filter.groupBy),
      totalsSuppressed: dashboard.totals.suppressed,
      totals: displayTable(totalsTable(ctx, dashboard)),
      groups: withDrillDown(displayTable(groupsTable(ctx, shown, filter.groupBy)), filter),
      groupsPage: groups.info,
      completion: completionRateBars(ctx, shown, filter.groupBy),
      trend: dashboard.trend
        ? {
            table: displayTable(trendTable(ctx, dashboard.trend)),
            months: dashboard.trend.map((point) => formatMonthShort(locale, point.month)),
            started: dashboard.trend.map((point) => point.started),
            completed: dashboard.trend.map((point) => point.completed),
            passed: dashboard.trend.map((point) => point.passed),
          }
        : null,
    };
  });
}

/**
 * Organisation rows link to the same view narrowed to that organisation, per cohort: the way to
 * an organisation when the filter form lists only one sector's organisations.
 */
function withDrillDown(table: ReportTable, filter: ReportFilter): ReportTable {
  if (filter.groupBy !== "organisation") return table;
  return {
    ...table,
    rows: table.rows.map((row) => {
      const params = reportFilterSearchParams({
        ...filter,
        organisationId: row.key,
        cohortId: null,
        groupBy: "cohort",
      });
      return { ...row, href: `/beheer/dashboard?${params}` };
    }),
  };
}

export function itemAnalysisView(db: PrismaClient, args: DashboardPageArgs) {
  return cached(db, "items", args, async () => {
    const analysis = await getItemAnalysis(db, args.scope, args.filter, { locale: args.locale });
    if (!analysis) return null;
    const ctx = { t: args.t, locale: args.locale };
    const cards = pageOf(analysis.rows, args.page, QUESTION_PAGE_SIZE);
    return {
      moduleTitle: analysis.moduleTitle,
      summary: displayTable(itemsTable(ctx, analysis)),
      verdict: itemAnalysisVerdict(
        analysis.rows.map((row) => ({ suppressed: row.suppressed, misconception: isMisconception(row) })),
      ),
      // Only the caption: the table with every option of every question is the CSV download.
      allOptionsCaption: optionsTable(ctx, { ...analysis, rows: [] }).caption,
      questionsPage: cards.info,
      questions: cards.rows.map((row) => ({
        id: row.questionId,
        number: row.position,
        text: row.text,
        topic: row.topic,
        suppressed: row.suppressed,
        misconception: isMisconception(row),
        bars: optionBars(ctx, row),
        options: displayTable(optionsTable(ctx, analysis, row)),
      })),
    };
  });
}

export function attitudeView(db: PrismaClient, args: DashboardPageArgs) {
  return cached(db, "attitude", args, async () => {
    const { t, locale } = args;
    const rows = await getAttitudeChange(db, args.scope, args.filter, { locale });
    return {
      query: reportFilterSearchParams(args.filter).toString(),
      table: displayTable(attitudeTable({ t, locale }, rows)),
      chart: attitudeChartPoints(rows).map((point) => ({
        key: point.itemId,
        // The mark leads, so it survives when a long statement wraps on a phone.
        label: point.reverse ? `(${t("reports.attitude.reverseMark")}) ${point.text}` : point.text,
        before: point.before,
        after: point.after,
        valueText: `${formatAttitudeMean(locale, point.before)} → ${formatAttitudeMean(locale, point.after)}`,
      })),
      suppressed: rows.filter((row) => row.suppressed).length,
    };
  });
}

export function studyLoadView(db: PrismaClient, args: DashboardPageArgs) {
  return cached(db, "study-load", args, async () => {
    const rows = await getStudyLoad(db, args.scope, args.filter, { locale: args.locale });
    const ctx = { t: args.t, locale: args.locale };
    return {
      query: reportFilterSearchParams(args.filter).toString(),
      table: displayTable(studyLoadTable(ctx, rows)),
      chart: studyLoadBars(ctx, rows),
    };
  });
}

/**
 * Not cached: evaluations are read live from ModuleEvaluation, whose changes do not pass through
 * the report tables' generation.
 */
export async function evaluationView(db: PrismaClient, args: DashboardPageArgs & { admin: boolean }) {
  const { t, locale } = args;
  const report = await getEvaluationReport(db, args.scope, args.filter, { includeComments: args.admin });
  return {
    admin: args.admin,
    query: reportFilterSearchParams(args.filter).toString(),
    responses: report.responses,
    suppressed: report.suppressed,
    table: displayTable(evaluationTable({ t, locale }, report)),
    chart: report.ratings.map((figures) => ({
      key: figures.rating,
      label: t(`evaluation.question.${figures.rating}`),
      value: figures.mean,
      valueText: formatAttitudeMean(locale, figures.mean),
    })),
    comments: report.comments,
  };
}
