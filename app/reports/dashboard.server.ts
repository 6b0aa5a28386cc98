import type { PrismaClient } from "@prisma/client";

import type { Question } from "~/content/questions";
import { localText } from "~/assessment/view";
import { DEFAULT_LOCALE, SECTORS, isSector, type Locale, type Sector } from "~/domain/constants";
import { createTranslator } from "~/i18n";
import { scopeIncludes, type OrganisationScope } from "~/auth/scope.server";

import type { GroupBy, ReportFilter } from "./filter";
import { monthOf, monthsBetween, type Month } from "./month";
import { sqlJulianDay } from "./sql.server";

/**
 * The dashboard's figures, read only from the report tables (ReportRollup, ItemRollup,
 * AttitudeRollup) and cohort, organisation and module metadata. Every query is limited to the
 * viewer's organisation scope in SQL. Figures over fewer than MIN_GROUP_SIZE learners (answers,
 * before/after pairs) are never returned.
 */

export const MIN_GROUP_SIZE = 5;

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

interface Fragment {
  sql: string;
  params: unknown[];
}

/**
 * WHERE conditions on a rollup table (alias r: organisationId, cohortId, moduleId, month) for
 * the scope and the filter. Ids are bound parameters; `period` adds the join-month range.
 */
export function rollupWhere(scope: OrganisationScope, filter: ReportFilter, { period }: { period: boolean }): Fragment {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (scope.kind === "organisations") {
    if (scope.organisationIds.length === 0) conditions.push("0");
    else {
      conditions.push(`r.organisationId IN (${scope.organisationIds.map(() => "?").join(", ")})`);
      params.push(...scope.organisationIds);
    }
  }
  if (filter.sector !== null) {
    conditions.push("r.organisationId IN (SELECT o.id FROM Organisation o WHERE o.sector = ?)");
    params.push(filter.sector);
  }
  if (filter.organisationId !== null) {
    conditions.push("r.organisationId = ?");
    params.push(filter.organisationId);
  }
  if (filter.cohortId !== null) {
    conditions.push("r.cohortId = ?");
    params.push(filter.cohortId);
  }
  if (filter.moduleId !== null) {
    conditions.push("r.moduleId = ?");
    params.push(filter.moduleId);
  }
  if (period && filter.from !== null) {
    conditions.push("r.month >= ?");
    params.push(filter.from);
  }
  if (period && filter.to !== null) {
    conditions.push("r.month <= ?");
    params.push(filter.to);
  }
  return { sql: conditions.length > 0 ? conditions.join(" AND ") : "1", params };
}

/** A raw count comes back as a number or a bigint depending on its size. */
const num = (value: number | bigint | null): number => (value === null ? 0 : Number(value));
const count = (value: number | bigint | string | null | undefined): number =>
  typeof value === "number" || typeof value === "bigint" ? Number(value) : 0;

async function moduleTitles(db: PrismaClient, moduleIds: string[], locale: Locale): Promise<Map<string, string>> {
  const rows = await db.moduleLocale.findMany({
    where: { moduleId: { in: moduleIds }, locale: { in: [locale, DEFAULT_LOCALE] } },
    select: { moduleId: true, locale: true, title: true },
  });
  const titles = new Map<string, string>();
  for (const row of rows) {
    if (row.locale === locale || !titles.has(row.moduleId)) titles.set(row.moduleId, row.title);
  }
  for (const id of moduleIds) if (!titles.has(id)) titles.set(id, id);
  return titles;
}

// --- Funnel ---------------------------------------------------------------------------------

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

/** "12,40,95" (ReportRollup.durations, possibly several joined) → integers, without an array of strings. */
export function parseDurations(text: string | null): Int32Array {
  if (!text) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const values = new Int32Array(count);
  let index = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      values[index++] = value;
      value = 0;
    } else {
      value = value * 10 + (code - 48);
    }
  }
  values[index] = value;
  return values;
}

function concatenate(parts: Int32Array[]): Int32Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const all = new Int32Array(length);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/** The k-th smallest value (0-based), reordering `values` in place (quickselect). */
function kthSmallest(values: Int32Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** Median of a non-empty list; the mean of the two middle values for an even count. */
export function median(values: Int32Array): number {
  const middle = values.length >> 1;
  const upper = kthSmallest(values, middle);
  if (values.length % 2 === 1) return upper;
  // After the selection everything before `middle` is at most `upper`: the lower middle is their maximum.
  let lower = values[0]!;
  for (let i = 1; i < middle; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
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
  const pairs = await db.$queryRawUnsafe<PairRow[]>(
    `SELECT r.cohortId AS cohortId, r.moduleId AS moduleId, c.name AS cohortName, r.organisationId AS organisationId,
       o.name AS organisationName, o.sector AS sector,
       (c.deadline IS NOT NULL AND ${sqlJulianDay("c.deadline")} < julianday(?)) AS overdue,
       sum(r.enrolled) AS enrolled, sum(r.started) AS started, sum(r.completed) AS completed, sum(r.passed) AS passed,
       sum(r.scored) AS scored, total(r.scoreSum) AS scoreSum, group_concat(nullif(r.durations, ''), ',') AS durations
     FROM ReportRollup r
     JOIN Cohort c ON c.id = r.cohortId
     JOIN Organisation o ON o.id = r.organisationId
     WHERE ${funnelWhere.sql}
     GROUP BY r.cohortId, r.moduleId
     HAVING sum(r.enrolled) > 0`,
    opts.now.toISOString(),
    ...funnelWhere.params,
  );

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
  const rows = await db.$queryRawUnsafe<
    Array<{ month: number | bigint; started: number | bigint; completed: number | bigint; passed: number | bigint }>
  >(
    `SELECT r.month AS month, sum(r.startedInMonth) AS started, sum(r.completedInMonth) AS completed, sum(r.passedInMonth) AS passed
     FROM ReportRollup r
     WHERE ${where.sql} AND (r.startedInMonth > 0 OR r.completedInMonth > 0 OR r.passedInMonth > 0)
     GROUP BY r.month
     ORDER BY r.month`,
    ...where.params,
  );
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

// --- Access ---------------------------------------------------------------------------------

/**
 * True when every organisation, cohort and module named in the filter exists and lies inside
 * the scope; routes answer 404 otherwise, so an id outside the scope is not confirmed.
 */
export async function filterInScope(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
): Promise<boolean> {
  if (filter.organisationId !== null) {
    const organisation = await db.organisation.findUnique({
      where: { id: filter.organisationId },
      select: { id: true },
    });
    if (!organisation || !scopeIncludes(scope, organisation.id)) return false;
  }
  if (filter.cohortId !== null) {
    const cohort = await db.cohort.findUnique({ where: { id: filter.cohortId }, select: { organisationId: true } });
    if (!cohort || !scopeIncludes(scope, cohort.organisationId)) return false;
  }
  if (filter.moduleId !== null) {
    const module = await db.module.findUnique({ where: { id: filter.moduleId }, select: { id: true } });
    if (!module) return false;
  }
  return true;
}

// --- Item analysis --------------------------------------------------------------------------

export interface ItemOption {
  text: string;
  correct: boolean;
  chosen: number;
  /** chosen ÷ answered, 0..1 */
  share: number | null;
}

export interface ItemRow {
  questionId: string;
  /** 1-based number of the question in the module's item bank order. */
  position: number;
  type: string;
  topic: string | null;
  text: string;
  /** Times the question was sat in a submitted attempt (a blank answer counts). */
  answered: number;
  suppressed: boolean;
  /** Fully correct answers ÷ answered, 0..1 */
  shareCorrect: number | null;
  /** Mean score per answer, 0..1 (partial credit counts). */
  averageScore: number | null;
  options: ItemOption[];
}

export async function getItemAnalysis(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  opts: { locale: Locale },
): Promise<{ moduleId: string; moduleTitle: string; rows: ItemRow[] } | null> {
  const moduleId = filter.moduleId;
  if (moduleId === null) return null;
  const bank = await db.question.findMany({
    where: { moduleId, kind: "assessment" },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, position: true, type: true, topic: true, data: true, archived: true },
  });
  const parsed = new Map(bank.map((question) => [question.id, JSON.parse(question.data) as Question]));
  let width = 0;
  for (const data of parsed.values()) width = Math.max(width, data.options.length);

  const where = rollupWhere(scope, filter, { period: true });
  // Option counts summed per position with json_extract: several times faster than json_each.
  const optionSums = Array.from(
    { length: width },
    (_, index) => `sum(json_extract(r.optionCounts, '$[${index}]')) AS option${index}`,
  );
  const totals = await db.$queryRawUnsafe<Array<Record<string, number | bigint | string | null>>>(
    `SELECT r.questionId AS questionId, sum(r.answered) AS answered, sum(r.correct) AS correct, total(r.scoreSum) AS scoreSum
       ${optionSums.map((sum) => `, ${sum}`).join("")}
     FROM ItemRollup r WHERE ${where.sql} GROUP BY r.questionId`,
    ...where.params,
  );
  const totalsByQuestion = new Map(totals.map((row) => [String(row.questionId), row]));
  // The current item bank, and archived questions that still have answers in the selection.
  const questions = bank.filter((question) => !question.archived || totalsByQuestion.has(question.id));
  const titles = await moduleTitles(db, [moduleId], opts.locale);
  const t = createTranslator(opts.locale);

  const rows = questions.map((question, index): ItemRow => {
    const data = parsed.get(question.id)!;
    const total = totalsByQuestion.get(question.id);
    const answered = count(total?.answered);
    const suppressed = answered < MIN_GROUP_SIZE;
    return {
      questionId: question.id,
      position: index + 1,
      type: question.type,
      topic: question.topic,
      text: localText(data.text, opts.locale),
      answered,
      suppressed,
      shareCorrect: suppressed || !total ? null : count(total.correct) / answered,
      averageScore: suppressed || !total ? null : count(total.scoreSum) / answered,
      options: data.options.map((option, optionIndex) => {
        const times = suppressed ? 0 : count(total?.[`option${optionIndex}`]);
        return {
          text: option.text ? localText(option.text, opts.locale) : t(optionIndex === 0 ? "quiz.true" : "quiz.false"),
          correct: option.correct,
          chosen: times,
          share: suppressed ? null : times / answered,
        };
      }),
    };
  });
  return { moduleId, moduleTitle: titles.get(moduleId) ?? moduleId, rows };
}

// --- Attitude change ------------------------------------------------------------------------

export interface AttitudeRow {
  itemId: string;
  text: string;
  /** Agreeing is the stigmatising answer; the means are on the scale as answered, not flipped. */
  reverse: boolean;
  pairs: number;
  suppressed: boolean;
  before: number | null;
  after: number | null;
  change: number | null;
}

export async function getAttitudeChange(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  opts: { locale: Locale },
): Promise<AttitudeRow[]> {
  const where = rollupWhere(scope, filter, { period: true });
  const sums = await db.$queryRawUnsafe<
    Array<{ itemId: string; pairs: number | bigint; beforeSum: number | bigint; afterSum: number | bigint }>
  >(
    `SELECT r.itemId AS itemId, sum(r.pairs) AS pairs, sum(r.beforeSum) AS beforeSum, sum(r.afterSum) AS afterSum
     FROM AttitudeRollup r WHERE ${where.sql} GROUP BY r.itemId`,
    ...where.params,
  );
  const sumsByItem = new Map(sums.map((row) => [row.itemId, row]));
  const surveyKey =
    filter.moduleId === null
      ? null
      : ((await db.module.findUnique({ where: { id: filter.moduleId }, select: { surveyKey: true } }))?.surveyKey ??
        null);
  const items = await db.surveyItem.findMany({
    where: {
      OR: [{ id: { in: [...sumsByItem.keys()] } }, ...(surveyKey === null ? [] : [{ surveyKey, archived: false }])],
    },
    orderBy: [{ surveyKey: "asc" }, { position: "asc" }, { id: "asc" }],
    select: { id: true, reverse: true, text: true },
  });
  return items.map((item): AttitudeRow => {
    const sum = sumsByItem.get(item.id);
    const pairs = num(sum?.pairs ?? 0);
    const suppressed = pairs < MIN_GROUP_SIZE;
    const before = suppressed || !sum ? null : num(sum.beforeSum) / pairs;
    const after = suppressed || !sum ? null : num(sum.afterSum) / pairs;
    return {
      itemId: item.id,
      text: localText(JSON.parse(item.text) as Record<string, string>, opts.locale),
      reverse: item.reverse,
      pairs,
      suppressed,
      before,
      after,
      change: before === null || after === null ? null : after - before,
    };
  });
}

// --- Filter choices -------------------------------------------------------------------------

export interface FilterChoices {
  sectors: Sector[];
  organisations: { id: string; name: string; sector: Sector }[];
  cohorts: { id: string; name: string; organisationId: string }[];
  modules: { id: string; title: string }[];
}

/** What the filter form offers: the scope's organisations and cohorts, and the current modules. */
export async function getFilterChoices(
  db: PrismaClient,
  scope: OrganisationScope,
  locale: Locale,
): Promise<FilterChoices> {
  const organisationWhere = scope.kind === "all" ? {} : { id: { in: scope.organisationIds } };
  const collator = new Intl.Collator(locale === "nl" ? "nl-NL" : "en-GB");
  const organisations = (
    await db.organisation.findMany({ where: organisationWhere, select: { id: true, name: true, sector: true } })
  )
    .filter((organisation): organisation is { id: string; name: string; sector: Sector } =>
      isSector(organisation.sector),
    )
    .sort((a, b) => collator.compare(a.name, b.name));
  const cohorts = (
    await db.cohort.findMany({
      where: scope.kind === "all" ? {} : { organisationId: { in: scope.organisationIds } },
      select: { id: true, name: true, organisationId: true },
    })
  ).sort((a, b) => collator.compare(a.name, b.name));
  const modules = await db.module.findMany({
    where: {
      OR: [
        { archived: false },
        {
          cohorts: { some: { cohort: scope.kind === "all" ? {} : { organisationId: { in: scope.organisationIds } } } },
        },
      ],
    },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  const titles = await moduleTitles(
    db,
    modules.map((module) => module.id),
    locale,
  );
  const sectorsPresent = new Set(organisations.map((organisation) => organisation.sector));
  return {
    sectors: SECTORS.filter((sector) => sectorsPresent.has(sector)),
    organisations,
    cohorts,
    modules: modules.map((module) => ({ id: module.id, title: titles.get(module.id) ?? module.id })),
  };
}
