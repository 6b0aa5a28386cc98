import type { PrismaClient } from "@prisma/client";

import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import { moduleTitlesById } from "~/domain/module-title";
import type { OrganisationScope } from "~/auth/scope.server";

import type { ReportFilter } from "./filter";

/**
 * What every dashboard query shares: the suppression threshold, the WHERE conditions on a rollup
 * table for the viewer's scope and the filter, raw counts as numbers, and module titles.
 */

/** Figures over fewer learners (answers, before/after pairs) than this are never returned. */
export const MIN_GROUP_SIZE = 5;

export interface Fragment {
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
export const num = (value: number | bigint | null): number => (value === null ? 0 : Number(value));
export const count = (value: number | bigint | string | null | undefined): number =>
  typeof value === "number" || typeof value === "bigint" ? Number(value) : 0;

export async function moduleTitles(
  db: PrismaClient,
  moduleIds: string[],
  locale: Locale,
): Promise<Map<string, string>> {
  const rows = await db.moduleLocale.findMany({
    where: { moduleId: { in: moduleIds }, locale: { in: [locale, DEFAULT_LOCALE] } },
    select: { moduleId: true, locale: true, title: true },
  });
  return moduleTitlesById(moduleIds, rows, locale);
}
