import { isSector, type Locale } from "~/domain/constants";
import type { Translate } from "~/i18n";

import type { AttitudeRow } from "./attitude-change.server";
import type { Dashboard, FunnelFigures, FunnelRow, TrendPoint } from "./dashboard.server";
import type { ItemRow } from "./item-analysis.server";
import type { EvaluationReport } from "./evaluation.server";
import type { Spread } from "./study-load";
import type { StudyLoadRow } from "./study-load.server";
import type { GroupBy } from "./filter";
import { formatMonthInput, type Month } from "./month";

/**
 * The dashboard's tables, built once from the report data and used both for the HTML tables and
 * for the CSV export, so a page and its download always show the same rows.
 */

export const TABLE_IDS = [
  "totalen",
  "groepen",
  "trend",
  "vragen",
  "opties",
  "houding",
  "evaluatie",
  "studielast",
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export function isTableId(value: unknown): value is TableId {
  return typeof value === "string" && (TABLE_IDS as readonly string[]).includes(value);
}

export interface TableColumn {
  key: string;
  label: string;
  /** The CSV header when the CSV value has a unit the display text leaves out (minutes, %). */
  csvLabel?: string;
  numeric: boolean;
}

export interface TableCell {
  /** What a reader sees, formatted for the locale. */
  text: string;
  /** The exact value for the CSV file; absent: the CSV holds the text. */
  value?: number | string;
  /** A figure hidden because too few participants are behind it (the text says so). */
  suppressed?: boolean;
}

export interface TableRow {
  key: string;
  cells: TableCell[];
  suppressed: boolean;
  /** A link for the row's first cell (cohort rows link to the cohort). */
  href?: string;
}

export interface ReportTable {
  id: TableId;
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
}

/** Share correct below this marks a question as a possible persistent misconception. */
export const MISCONCEPTION_THRESHOLD = 0.6;

export interface TableContext {
  t: Translate;
  locale: Locale;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", options);
    numberFormats.set(key, format);
  }
  return format;
}

export function formatCount(locale: Locale, value: number): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A 0..1 fraction as a percentage with at most one decimal ("62,5%"). */
export function formatShare(locale: Locale, fraction: number): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(fraction);
}

/** A mean on the 1–5 attitude scale, or a change on it (signed). */
function formatMean(locale: Locale, value: number, signed = false): string {
  return numberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(value);
}

/** Minutes as minutes, hours or days, whichever reads best ("45 min", "3,5 uur", "2 dagen"). */
export function formatDuration({ t, locale }: TableContext, minutes: number): string {
  const oneDecimal = (value: number) => numberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  if (minutes < 60) return t("reports.duration.minutes", { count: formatCount(locale, minutes) });
  if (minutes < 24 * 60) {
    const hours = round(minutes / 60, 1);
    return hours === 1 ? t("reports.duration.oneHour") : t("reports.duration.hours", { count: oneDecimal(hours) });
  }
  const days = round(minutes / (24 * 60), 1);
  return days === 1 ? t("reports.duration.oneDay") : t("reports.duration.days", { count: oneDecimal(days) });
}

export function formatMonth(locale: Locale, month: Month): string {
  const date = new Date(Date.UTC(Math.floor(month / 100), (month % 100) - 1, 1));
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** "mrt 2026": the trend chart's axis labels. */
export function formatMonthShort(locale: Locale, month: Month): string {
  const date = new Date(Date.UTC(Math.floor(month / 100), (month % 100) - 1, 1));
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

function countCell(ctx: TableContext, value: number): TableCell {
  return { text: formatCount(ctx.locale, value), value };
}

/** A 0..1 fraction shown as a percentage; the CSV holds the percentage (0..100, one decimal). */
function shareCell(ctx: TableContext, fraction: number | null): TableCell {
  if (fraction === null) return { text: ctx.t("reports.notApplicable"), value: "" };
  return { text: formatShare(ctx.locale, fraction), value: round(fraction * 100, 1) };
}

function suppressedCell(ctx: TableContext): TableCell {
  return { text: ctx.t("reports.suppressed"), suppressed: true };
}

const FIGURE_COLUMNS = [
  "enrolled",
  "started",
  "completed",
  "passed",
  "completionRate",
  "averageScore",
  "medianTime",
  "overdue",
] as const;
type FigureKey = (typeof FIGURE_COLUMNS)[number];

function figureColumns({ t }: TableContext): TableColumn[] {
  return [
    { key: "enrolled", label: t("reports.figure.enrolled"), numeric: true },
    { key: "started", label: t("reports.figure.started"), numeric: true },
    { key: "completed", label: t("reports.figure.completed"), numeric: true },
    { key: "passed", label: t("reports.figure.passed"), numeric: true },
    {
      key: "completionRate",
      label: t("reports.figure.completionRate"),
      csvLabel: t("reports.figure.completionRateCsv"),
      numeric: true,
    },
    {
      key: "averageScore",
      label: t("reports.figure.averageScore"),
      csvLabel: t("reports.figure.averageScoreCsv"),
      numeric: true,
    },
    {
      key: "medianTime",
      label: t("reports.figure.medianTime"),
      csvLabel: t("reports.figure.medianTimeCsv"),
      numeric: true,
    },
    { key: "overdue", label: t("reports.figure.overdue"), numeric: true },
  ];
}

function figureCell(ctx: TableContext, figures: FunnelFigures, key: FigureKey): TableCell {
  switch (key) {
    case "completionRate":
      return shareCell(ctx, figures.completionRate);
    case "averageScore":
      return shareCell(ctx, figures.averageScore === null ? null : figures.averageScore / 100);
    case "medianTime":
      return figures.medianMinutes === null
        ? { text: ctx.t("reports.notApplicable"), value: "" }
        : { text: formatDuration(ctx, figures.medianMinutes), value: figures.medianMinutes };
    default:
      return countCell(ctx, figures[key]);
  }
}

function figureCells(ctx: TableContext, row: FunnelRow): TableCell[] {
  const figures = row.suppressed ? null : row.figures;
  return FIGURE_COLUMNS.map((key) => (figures ? figureCell(ctx, figures, key) : suppressedCell(ctx)));
}

/** The selection's totals as one row per figure (figure | value). */
export function totalsTable(ctx: TableContext, dashboard: Dashboard): ReportTable {
  const columns = figureColumns(ctx);
  const cells = figureCells(ctx, dashboard.totals);
  return {
    id: "totalen",
    caption: ctx.t("reports.totals.caption"),
    columns: [
      { key: "figure", label: ctx.t("reports.totals.figure"), numeric: false },
      { key: "value", label: ctx.t("reports.totals.value"), numeric: true },
    ],
    rows: columns.map((column, index) => ({
      key: column.key,
      cells: [{ text: column.label, value: column.csvLabel ?? column.label }, cells[index] as TableCell],
      suppressed: dashboard.totals.suppressed,
    })),
  };
}

export function groupByLabel({ t }: TableContext, groupBy: GroupBy): string {
  return t(`reports.groupBy.${groupBy}`);
}

export function groupByNoun({ t }: TableContext, groupBy: GroupBy): string {
  return t(`reports.groupNoun.${groupBy}`);
}

/** A group's name; sector groups come as the stored sector value and are named in the reader's language. */
function groupLabel({ t }: TableContext, groupBy: GroupBy, row: FunnelRow): string {
  return groupBy === "sector" && isSector(row.key) ? t(`sector.${row.key}`) : row.label;
}

/** One row per group, in the order the report gives them; cohort rows link to their cohort. */
export function groupsTable(ctx: TableContext, dashboard: Dashboard, groupBy: GroupBy): ReportTable {
  return {
    id: "groepen",
    caption: ctx.t("reports.groups.caption", { group: groupByNoun(ctx, groupBy) }),
    columns: [{ key: "group", label: groupByLabel(ctx, groupBy), numeric: false }, ...figureColumns(ctx)],
    rows: dashboard.groups.map((row) => ({
      key: row.key,
      cells: [{ text: groupLabel(ctx, groupBy, row) }, ...figureCells(ctx, row)],
      suppressed: row.suppressed,
      ...(groupBy === "cohort" ? { href: `/beheer/cohorten/${encodeURIComponent(row.key)}` } : {}),
    })),
  };
}

/** Events per month; no rows when the totals are suppressed (the trend is then null). */
export function trendTable(ctx: TableContext, trend: TrendPoint[] | null): ReportTable {
  return {
    id: "trend",
    caption: ctx.t("reports.trend.caption"),
    columns: [
      { key: "month", label: ctx.t("reports.trend.month"), numeric: false },
      { key: "started", label: ctx.t("reports.figure.started"), numeric: true },
      { key: "completed", label: ctx.t("reports.figure.completed"), numeric: true },
      { key: "passed", label: ctx.t("reports.figure.passed"), numeric: true },
    ],
    rows: (trend ?? []).map((point) => ({
      key: String(point.month),
      cells: [
        { text: formatMonth(ctx.locale, point.month), value: formatMonthInput(point.month) },
        countCell(ctx, point.started),
        countCell(ctx, point.completed),
        countCell(ctx, point.passed),
      ],
      suppressed: false,
    })),
  };
}

export function isMisconception(row: ItemRow): boolean {
  return !row.suppressed && row.shareCorrect !== null && row.shareCorrect < MISCONCEPTION_THRESHOLD;
}

/** One row per question: the item analysis summary. */
export function itemsTable(ctx: TableContext, analysis: { moduleTitle: string; rows: ItemRow[] }): ReportTable {
  const { t } = ctx;
  return {
    id: "vragen",
    caption: t("reports.items.caption", { module: analysis.moduleTitle }),
    columns: [
      { key: "number", label: t("reports.items.number"), numeric: true },
      { key: "question", label: t("reports.items.question"), numeric: false },
      { key: "topic", label: t("reports.items.topic"), numeric: false },
      { key: "answered", label: t("reports.items.answered"), numeric: true },
      {
        key: "shareCorrect",
        label: t("reports.items.shareCorrect"),
        csvLabel: t("reports.items.shareCorrectCsv"),
        numeric: true,
      },
      {
        key: "averageScore",
        label: t("reports.items.averageScore"),
        csvLabel: t("reports.items.averageScoreCsv"),
        numeric: true,
      },
      { key: "signal", label: t("reports.items.signal"), numeric: false },
    ],
    rows: analysis.rows.map((row) => ({
      key: row.questionId,
      cells: [
        countCell(ctx, row.position),
        { text: row.text },
        { text: row.topic ?? "" },
        ...(row.suppressed
          ? [suppressedCell(ctx), suppressedCell(ctx), suppressedCell(ctx), suppressedCell(ctx)]
          : [
              countCell(ctx, row.answered),
              shareCell(ctx, row.shareCorrect),
              shareCell(ctx, row.averageScore),
              { text: isMisconception(row) ? t("reports.items.misconception") : "" },
            ]),
      ],
      suppressed: row.suppressed,
    })),
  };
}

/**
 * How often each option was chosen: for one question (`questions` of length one, shown under the
 * question) or for all of them (the CSV download, with the question in every row).
 */
export function optionsTable(
  ctx: TableContext,
  analysis: { moduleTitle: string; rows: ItemRow[] },
  question?: ItemRow,
): ReportTable {
  const { t } = ctx;
  const questions = question ? [question] : analysis.rows;
  const questionColumns: TableColumn[] = question
    ? []
    : [
        { key: "number", label: t("reports.items.number"), numeric: true },
        { key: "question", label: t("reports.items.question"), numeric: false },
      ];
  return {
    id: "opties",
    caption: question
      ? t("reports.items.optionsCaption", { number: question.position })
      : t("reports.items.allOptionsCaption", { module: analysis.moduleTitle }),
    columns: [
      ...questionColumns,
      { key: "option", label: t("reports.items.option"), numeric: false },
      { key: "correct", label: t("reports.items.correct"), numeric: false },
      { key: "chosen", label: t("reports.items.chosen"), numeric: true },
      { key: "share", label: t("reports.items.share"), csvLabel: t("reports.items.shareCsv"), numeric: true },
    ],
    rows: questions.flatMap((row) =>
      row.options.map((option, index) => ({
        key: `${row.questionId}#${index}`,
        cells: [
          ...(question ? [] : [countCell(ctx, row.position), { text: row.text }]),
          { text: option.text },
          { text: option.correct ? t("reports.items.yes") : t("reports.items.no") },
          ...(row.suppressed
            ? [suppressedCell(ctx), suppressedCell(ctx)]
            : [countCell(ctx, option.chosen), shareCell(ctx, option.share)]),
        ],
        suppressed: row.suppressed,
      })),
    ),
  };
}

export function attitudeTable(ctx: TableContext, rows: AttitudeRow[]): ReportTable {
  const { t, locale } = ctx;
  const meanCell = (value: number | null, signed = false): TableCell =>
    value === null
      ? { text: t("reports.notApplicable"), value: "" }
      : { text: formatMean(locale, value, signed), value: round(value, 2) };
  return {
    id: "houding",
    caption: t("reports.attitude.caption"),
    columns: [
      { key: "item", label: t("reports.attitude.item"), numeric: false },
      { key: "reverse", label: t("reports.attitude.reverse"), numeric: false },
      { key: "before", label: t("reports.attitude.before"), numeric: true },
      { key: "after", label: t("reports.attitude.after"), numeric: true },
      { key: "change", label: t("reports.attitude.change"), numeric: true },
      { key: "pairs", label: t("reports.attitude.pairs"), numeric: true },
    ],
    rows: rows.map((row) => ({
      key: row.itemId,
      cells: [
        { text: row.text },
        { text: row.reverse ? t("reports.attitude.reverseYes") : t("reports.items.no") },
        ...(row.suppressed
          ? [suppressedCell(ctx), suppressedCell(ctx), suppressedCell(ctx), suppressedCell(ctx)]
          : [meanCell(row.before), meanCell(row.after), meanCell(row.change, true), countCell(ctx, row.pairs)]),
      ],
      suppressed: row.suppressed,
    })),
  };
}

/** Bars for a chart: suppressed rows are left out (the note under the chart says how many). */
export interface ChartBar {
  key: string;
  label: string;
  value: number;
  valueText: string;
  marked?: boolean;
}

export function completionRateBars(
  ctx: TableContext,
  dashboard: Dashboard,
  groupBy: GroupBy,
): { bars: ChartBar[]; suppressed: number } {
  const bars: ChartBar[] = [];
  let suppressed = 0;
  for (const row of dashboard.groups) {
    if (row.suppressed || !row.figures) {
      suppressed += 1;
      continue;
    }
    const rate = row.figures.completionRate;
    bars.push({
      key: row.key,
      label: groupLabel(ctx, groupBy, row),
      value: rate ?? 0,
      valueText: rate === null ? ctx.t("reports.notApplicable") : formatShare(ctx.locale, rate),
    });
  }
  return { bars, suppressed };
}

/** The option bars of one question; correct options are marked (and named so in the label). */
export function optionBars(ctx: TableContext, row: ItemRow): ChartBar[] {
  if (row.suppressed) return [];
  return row.options.map((option, index) => ({
    key: String(index),
    // The mark leads, so it survives when a long option text is cut short in the chart.
    label: option.correct ? `✓ ${ctx.t("reports.items.correctMark")}: ${option.text}` : option.text,
    value: option.chosen,
    valueText:
      option.share === null
        ? formatCount(ctx.locale, option.chosen)
        : `${formatCount(ctx.locale, option.chosen)} (${formatShare(ctx.locale, option.share)})`,
    marked: option.correct,
  }));
}

export function formatAttitudeMean(locale: Locale, value: number): string {
  return formatMean(locale, value);
}

/** One row per evaluation statement, then the reported time; all suppressed below five evaluations. */
export function evaluationTable(ctx: TableContext, report: EvaluationReport): ReportTable {
  const { t, locale } = ctx;
  const meanCell = (value: number): TableCell => ({ text: formatMean(locale, value), value: round(value, 2) });
  const ratingRows: TableRow[] = report.suppressed
    ? (["relevance", "objectivesMet", "quality", "independent"] as const).map((rating) => ({
        key: rating,
        cells: [
          { text: t(`evaluation.question.${rating}`) },
          suppressedCell(ctx),
          suppressedCell(ctx),
          suppressedCell(ctx),
        ],
        suppressed: true,
      }))
    : report.ratings.map((figures) => ({
        key: figures.rating,
        cells: [
          { text: t(`evaluation.question.${figures.rating}`) },
          countCell(ctx, figures.answered),
          meanCell(figures.mean),
          shareCell(ctx, figures.agree),
        ],
        suppressed: false,
      }));
  const minutes = report.minutes;
  const minutesRow: TableRow = {
    key: "minutesSpent",
    cells: [
      { text: t("reports.evaluation.minutes"), value: t("reports.evaluation.minutesCsv") },
      ...(report.suppressed
        ? [suppressedCell(ctx), suppressedCell(ctx), suppressedCell(ctx)]
        : minutes === null
          ? [
              { text: t("reports.notApplicable"), value: "" },
              { text: t("reports.notApplicable"), value: "" },
              { text: "", value: "" },
            ]
          : [
              countCell(ctx, minutes.n),
              { text: formatDuration(ctx, minutes.median), value: minutes.median },
              { text: "", value: "" },
            ]),
    ],
    suppressed: report.suppressed,
  };
  return {
    id: "evaluatie",
    caption: t("reports.evaluation.caption"),
    columns: [
      { key: "question", label: t("reports.evaluation.question"), numeric: false },
      { key: "responses", label: t("reports.evaluation.responses"), numeric: true },
      { key: "mean", label: t("reports.evaluation.mean"), numeric: true },
      { key: "agree", label: t("reports.evaluation.agree"), csvLabel: t("reports.evaluation.agreeCsv"), numeric: true },
    ],
    rows: [...ratingRows, minutesRow],
  };
}

/** Minutes with at most one decimal (a median of two learners can fall between whole minutes). */
function minutesCell(ctx: TableContext, minutes: number): TableCell {
  const value = round(minutes, 1);
  return {
    text: ctx.t("reports.duration.minutes", {
      count: numberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(value),
    }),
    value,
  };
}

/** Two rows per module (measured, reported): learners, median and quartiles against the stated minutes. */
export function studyLoadTable(ctx: TableContext, rows: StudyLoadRow[]): ReportTable {
  const { t } = ctx;
  const spreadCells = (measure: { n: number; spread: Spread | null }): TableCell[] =>
    measure.spread === null
      ? [countCell(ctx, measure.n), suppressedCell(ctx), suppressedCell(ctx), suppressedCell(ctx)]
      : [
          countCell(ctx, measure.n),
          minutesCell(ctx, measure.spread.median),
          minutesCell(ctx, measure.spread.q1),
          minutesCell(ctx, measure.spread.q3),
        ];
  return {
    id: "studielast",
    caption: t("reports.studyLoad.caption"),
    columns: [
      { key: "module", label: t("reports.studyLoad.module"), numeric: false },
      { key: "measure", label: t("reports.studyLoad.measure"), numeric: false },
      {
        key: "stated",
        label: t("reports.studyLoad.stated"),
        csvLabel: t("reports.studyLoad.statedCsv"),
        numeric: true,
      },
      { key: "learners", label: t("reports.studyLoad.learners"), numeric: true },
      {
        key: "median",
        label: t("reports.studyLoad.median"),
        csvLabel: t("reports.studyLoad.medianCsv"),
        numeric: true,
      },
      { key: "q1", label: t("reports.studyLoad.q1"), csvLabel: t("reports.studyLoad.q1Csv"), numeric: true },
      { key: "q3", label: t("reports.studyLoad.q3"), csvLabel: t("reports.studyLoad.q3Csv"), numeric: true },
    ],
    rows: rows.flatMap((row) =>
      (["measured", "reported"] as const).map((measure) => ({
        key: `${row.moduleId}#${measure}`,
        cells: [
          { text: row.title },
          { text: t(`reports.studyLoad.${measure}`) },
          minutesCell(ctx, row.statedMinutes),
          ...spreadCells(row[measure]),
        ],
        suppressed: row[measure].spread === null,
      })),
    ),
  };
}
