import type { PrismaClient } from "@prisma/client";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { getTranslator } from "~/i18n/locale.server";
import { organisationScopeFor, type OrganisationScope } from "~/auth/scope.server";

import { getAttitudeChange } from "./attitude-change.server";
import { PageNotFound } from "./dashboard-pages.server";
import { getDashboard } from "./dashboard.server";
import { filterInScope } from "./filter-scope.server";
import { getItemAnalysis } from "./item-analysis.server";
import { getEvaluationReport } from "./evaluation.server";
import { parseReportFilter, type ReportFilter } from "./filter";
import { getStudyLoad } from "./study-load.server";
import {
  attitudeTable,
  evaluationTable,
  groupsTable,
  studyLoadTable,
  itemsTable,
  optionsTable,
  totalsTable,
  trendTable,
  type ReportTable,
  type TableContext,
  type TableId,
} from "./tables";

/**
 * Remix runs the dashboard layout's loader and the page's loader for the same request; they
 * share one session check, scope lookup and filter check through these memos. Only a success is
 * shared: a refusal (redirect, 403, 404) is worked out again by each loader, so every loader
 * throws a Response of its own.
 */
const viewers = new WeakMap<Request, ReturnType<typeof checkReportViewer>>();
const filters = new WeakMap<Request, ReturnType<typeof checkDashboardFilter>>();

function sharedPerRequest<T>(memo: WeakMap<Request, Promise<T>>, request: Request, work: () => Promise<T>): Promise<T> {
  let shared = memo.get(request);
  if (!shared) {
    shared = work();
    memo.set(request, shared);
    return shared;
  }
  return shared.catch(work);
}

async function checkReportViewer(db: PrismaClient, request: Request) {
  const user = await requireUserWithPermission(request, "read:report:own");
  const scope = await organisationScopeFor(db, user);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  const { locale, t } = await getTranslator(request, user);
  return { user, scope, locale, t };
}

/**
 * The access checks every dashboard page and export shares: a user with `read:report:own` and
 * an organisation scope (403 otherwise, like the other management pages).
 */
export function requireReportViewer(db: PrismaClient, request: Request) {
  return sharedPerRequest(viewers, request, () => checkReportViewer(db, request));
}

async function checkDashboardFilter(db: PrismaClient, scope: OrganisationScope, params: URLSearchParams) {
  const parsed = parseReportFilter(params);
  if (parsed.ok && !(await filterInScope(db, scope, parsed.filter))) throw new Response("Not found", { status: 404 });
  return parsed;
}

/**
 * The filter from the request's query string. Malformed values come back as errors (the page
 * answers 400 with messages); an organisation, cohort or module that does not exist or lies
 * outside the scope is answered with 404, so ids of other organisations are never confirmed.
 */
export function readDashboardFilter(db: PrismaClient, scope: OrganisationScope, request: Request) {
  return sharedPerRequest(filters, request, () => checkDashboardFilter(db, scope, new URL(request.url).searchParams));
}

/** A dashboard page's view; a page number past the last page is answered with 404. */
export async function dashboardPage<T>(build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (error instanceof PageNotFound) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

/** One dashboard table for the CSV export; null when the table is about one module and none is chosen. */
export async function dashboardTable(
  db: PrismaClient,
  args: { scope: OrganisationScope; filter: ReportFilter; table: TableId; ctx: TableContext; now: Date },
): Promise<ReportTable | null> {
  const { scope, filter, table, ctx, now } = args;
  switch (table) {
    case "totalen":
    case "groepen":
    case "trend": {
      const dashboard = await getDashboard(db, scope, filter, { now, locale: ctx.locale });
      if (table === "totalen") return totalsTable(ctx, dashboard);
      if (table === "groepen") return groupsTable(ctx, dashboard, filter.groupBy);
      return trendTable(ctx, dashboard.trend);
    }
    case "vragen":
    case "opties": {
      const analysis = await getItemAnalysis(db, scope, filter, { locale: ctx.locale });
      if (!analysis) return null;
      return table === "vragen" ? itemsTable(ctx, analysis) : optionsTable(ctx, analysis);
    }
    case "houding":
      return attitudeTable(ctx, await getAttitudeChange(db, scope, filter, { locale: ctx.locale }));
    case "evaluatie":
      // Comments never go into the CSV: it is the table of figures only.
      return evaluationTable(ctx, await getEvaluationReport(db, scope, filter, { includeComments: false }));
    case "studielast":
      return studyLoadTable(ctx, await getStudyLoad(db, scope, filter, { locale: ctx.locale }));
  }
}
