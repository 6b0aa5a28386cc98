import type { PrismaClient } from "@prisma/client";

import { SECTORS, isSector, type Locale, type Sector } from "~/domain/constants";
import { scopeIncludes, type OrganisationScope } from "~/auth/scope.server";

import type { ReportFilter } from "./filter";
import { moduleTitles } from "./report-query.server";

/**
 * The report filter against the viewer's scope: what the filter form offers, and whether the
 * ids a filter names may be shown at all.
 */

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
