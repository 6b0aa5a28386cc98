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
  /** True when the scope has too many organisations to list: only the chosen sector's are offered. */
  organisationsLimited: boolean;
  /** True when the scope has too many cohorts to list: only the chosen organisation's are offered. */
  cohortsLimited: boolean;
  modules: { id: string; title: string }[];
}

/**
 * Cohorts the form lists at most without a chosen organisation: an administrator's 1,500 cohorts
 * would be most of the page (and of its hydration data) on every dashboard view.
 */
export const COHORT_CHOICES_MAX = 100;
/** Organisations likewise: beyond this many, the ones of the chosen sector (and the chosen one). */
export const ORGANISATION_CHOICES_MAX = 100;

/**
 * What the filter form offers: the scope's organisations and cohorts, and the current modules.
 * With more than COHORT_CHOICES_MAX cohorts in scope, only those of the organisation chosen in
 * the filter (or of the chosen cohort's organisation) are listed.
 */
export async function getFilterChoices(
  db: PrismaClient,
  scope: OrganisationScope,
  locale: Locale,
  chosen: Pick<ReportFilter, "sector" | "organisationId" | "cohortId"> = {
    sector: null,
    organisationId: null,
    cohortId: null,
  },
): Promise<FilterChoices> {
  const organisationWhere = scope.kind === "all" ? {} : { id: { in: scope.organisationIds } };
  const collator = new Intl.Collator(locale === "nl" ? "nl-NL" : "en-GB");
  const allOrganisations = (
    await db.organisation.findMany({ where: organisationWhere, select: { id: true, name: true, sector: true } })
  )
    .filter((organisation): organisation is { id: string; name: string; sector: Sector } =>
      isSector(organisation.sector),
    )
    .sort((a, b) => collator.compare(a.name, b.name));
  const organisationsLimited = allOrganisations.length > ORGANISATION_CHOICES_MAX;
  const organisations = organisationsLimited
    ? allOrganisations.filter(
        (organisation) =>
          (chosen.sector !== null && organisation.sector === chosen.sector) ||
          organisation.id === chosen.organisationId,
      )
    : allOrganisations;
  const select = { id: true, name: true, organisationId: true } as const;
  let cohorts = await db.cohort.findMany({
    where: scope.kind === "all" ? {} : { organisationId: { in: scope.organisationIds } },
    select,
    take: COHORT_CHOICES_MAX + 1,
  });
  const cohortsLimited = cohorts.length > COHORT_CHOICES_MAX;
  if (cohortsLimited) {
    const organisationId =
      chosen.organisationId ??
      (chosen.cohortId === null
        ? null
        : ((await db.cohort.findUnique({ where: { id: chosen.cohortId }, select: { organisationId: true } }))
            ?.organisationId ?? null));
    cohorts =
      organisationId !== null && scopeIncludes(scope, organisationId)
        ? await db.cohort.findMany({ where: { organisationId }, select })
        : [];
  }
  cohorts.sort((a, b) => collator.compare(a.name, b.name));
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
  const sectorsPresent = new Set(allOrganisations.map((organisation) => organisation.sector));
  return {
    sectors: SECTORS.filter((sector) => sectorsPresent.has(sector)),
    organisations,
    organisationsLimited,
    cohorts,
    cohortsLimited,
    modules: modules.map((module) => ({ id: module.id, title: titles.get(module.id) ?? module.id })),
  };
}
