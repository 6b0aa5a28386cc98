import { Prisma, type PrismaClient } from "@prisma/client";

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

/**
 * WHERE conditions on a rollup table (alias r: organisationId, cohortId, moduleId, month) for
 * the scope and the filter, for either database. Ids are bound parameters; `period` adds the
 * join-month range.
 */
export function rollupWhere(
  scope: OrganisationScope,
  filter: ReportFilter,
  { period }: { period: boolean },
): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (scope.kind === "organisations") {
    if (scope.organisationIds.length === 0) conditions.push(Prisma.sql`FALSE`);
    else conditions.push(Prisma.sql`r."organisationId" IN (${Prisma.join(scope.organisationIds)})`);
  }
  if (filter.sector !== null) {
    conditions.push(
      Prisma.sql`r."organisationId" IN (SELECT o."id" FROM "Organisation" o WHERE o."sector" = ${filter.sector})`,
    );
  }
  if (filter.organisationId !== null) conditions.push(Prisma.sql`r."organisationId" = ${filter.organisationId}`);
  if (filter.cohortId !== null) conditions.push(Prisma.sql`r."cohortId" = ${filter.cohortId}`);
  if (filter.moduleId !== null) conditions.push(Prisma.sql`r."moduleId" = ${filter.moduleId}`);
  if (period && filter.from !== null) conditions.push(Prisma.sql`r."month" >= ${filter.from}`);
  if (period && filter.to !== null) conditions.push(Prisma.sql`r."month" <= ${filter.to}`);
  return conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
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
