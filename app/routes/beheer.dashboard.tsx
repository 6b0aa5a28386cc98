import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";

import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { prisma } from "~/db/client.server";
import type { MessageKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { filterChoicesView } from "~/reports/dashboard-pages.server";
import { readDashboardFilter, requireReportViewer } from "~/reports/dashboard-view.server";
import { GROUP_BYS } from "~/reports/filter";
import { pageMeta } from "~/utils/meta";

/** The filter's query parameters, in the order of the form. */
const FILTER_PARAMS = ["van", "tot", "sector", "organisatie", "cohort", "module", "per"] as const;
type FilterParam = (typeof FILTER_PARAMS)[number];

const GROUP_BY_PARAMS = { sector: "sector", organisation: "organisatie", cohort: "cohort", module: "module" } as const;

/**
 * /beheer/dashboard and its sub-pages share this frame: heading, sub-navigation and the filter
 * form (a GET form, so it works without JavaScript and every view has a shareable URL).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, locale, t } = await requireReportViewer(prisma, request);
  const params = new URL(request.url).searchParams;
  const parsed = await readDashboardFilter(prisma, scope, request);
  const choices = await filterChoicesView(prisma, {
    scope,
    locale,
    chosen: parsed.ok ? parsed.filter : { sector: null, organisationId: null, cohortId: null },
  });
  const values = Object.fromEntries(FILTER_PARAMS.map((name) => [name, params.get(name) ?? ""])) as Record<
    FilterParam,
    string
  >;
  const errors: Partial<Record<FilterParam, string>> = {};
  if (!parsed.ok) {
    for (const [param, key] of Object.entries(parsed.errors) as [FilterParam, MessageKey][]) errors[param] = t(key);
  }
  return data(
    {
      pageTitle: t("reports.sectionTitle"),
      scopeAll: scope.kind === "all",
      hasOrganisations: scope.kind === "all" || scope.organisationIds.length > 0,
      choices,
      values,
      errors: parsed.ok ? null : errors,
    },
    { status: parsed.ok ? 200 : 400 },
  );
}

export const meta: MetaFunction<typeof loader> = pageMeta;

function FilterField({
  name,
  label,
  error,
  hint,
  children,
}: {
  name: FilterParam;
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = `filter-${name}`;
  const describedBy = [hint, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        ...(error ? { "aria-invalid": true } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {error ? (
        <p id={`${id}-error`} className="field-errors">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export default function DashboardLayout() {
  const { scopeAll, hasOrganisations, choices, values, errors } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  const organisationName = new Map(choices.organisations.map((o) => [o.id, o.name]));
  const cohortsByOrganisation = new Map<string, typeof choices.cohorts>();
  for (const cohort of choices.cohorts) {
    cohortsByOrganisation.set(cohort.organisationId, [
      ...(cohortsByOrganisation.get(cohort.organisationId) ?? []),
      cohort,
    ]);
  }
  const search = location.search;
  const tabs = [
    { to: "/beheer/dashboard", label: t("reports.nav.overview"), end: true },
    { to: "/beheer/dashboard/vragen", label: t("reports.nav.items"), end: false },
    { to: "/beheer/dashboard/houding", label: t("reports.nav.attitude"), end: false },
    { to: "/beheer/dashboard/evaluatie", label: t("reports.nav.evaluation"), end: false },
    { to: "/beheer/dashboard/studielast", label: t("reports.nav.studyLoad"), end: false },
  ];

  return (
    <div className="dashboard">
      <h1>{t("reports.sectionTitle")}</h1>
      {!hasOrganisations ? (
        <p className="notice">{t("reports.noOrganisation")}</p>
      ) : (
        <>
          <p>{scopeAll ? t("reports.introAll") : t("reports.intro")}</p>
          <nav aria-label={t("reports.nav.label")} className="dashboard-tabs">
            <ul>
              {tabs.map((tab) => (
                <li key={tab.to}>
                  <NavLink to={{ pathname: tab.to, search }} end={tab.end} prefetch="intent">
                    {tab.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>

          <section aria-labelledby="dashboard-filter-title" className="dashboard-filter">
            <h2 id="dashboard-filter-title">{t("reports.form.title")}</h2>
            <FormErrors id="dashboard-filter-errors" errors={errors ? [t("reports.form.invalid")] : null} />
            {/* Keyed by the query: after a client-side navigation the fields show the new filter. */}
            <Form
              key={search}
              method="get"
              action={location.pathname}
              className="filter-form dashboard-filter__form"
              aria-labelledby="dashboard-filter-title"
            >
              {(["van", "tot"] as const).map((name) => (
                <FilterField
                  key={name}
                  name={name}
                  label={t(name === "van" ? "reports.form.from" : "reports.form.to")}
                  error={errors?.[name]}
                  hint="filter-month-hint"
                >
                  {(props) => <input {...props} type="month" defaultValue={values[name]} placeholder="2026-03" />}
                </FilterField>
              ))}
              {choices.sectors.length > 1 || values.sector ? (
                <FilterField name="sector" label={t("reports.groupBy.sector")} error={errors?.sector}>
                  {(props) => (
                    <select {...props} defaultValue={values.sector}>
                      <option value="">{t("reports.form.allSectors")}</option>
                      {choices.sectors.map((sector) => (
                        <option key={sector} value={sector}>
                          {t(`sector.${sector}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </FilterField>
              ) : null}
              <FilterField
                name="organisatie"
                label={t("reports.groupBy.organisation")}
                error={errors?.organisatie}
                hint={choices.organisationsLimited ? "filter-organisation-hint" : undefined}
              >
                {(props) => (
                  <select {...props} defaultValue={values.organisatie}>
                    <option value="">{t("reports.form.allOrganisations")}</option>
                    {choices.organisations.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                )}
              </FilterField>
              {choices.organisationsLimited ? (
                <p id="filter-organisation-hint" className="field-hint">
                  {t("reports.form.organisationHint")}
                </p>
              ) : null}
              <FilterField
                name="cohort"
                label={t("reports.groupBy.cohort")}
                error={errors?.cohort}
                hint={choices.cohortsLimited ? "filter-cohort-hint" : undefined}
              >
                {(props) => (
                  <select {...props} defaultValue={values.cohort}>
                    <option value="">{t("reports.form.allCohorts")}</option>
                    {[...cohortsByOrganisation].map(([organisationId, cohorts]) => (
                      <optgroup key={organisationId} label={organisationName.get(organisationId) ?? organisationId}>
                        {cohorts.map((cohort) => (
                          <option key={cohort.id} value={cohort.id}>
                            {cohort.name}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                )}
              </FilterField>
              {choices.cohortsLimited ? (
                <p id="filter-cohort-hint" className="field-hint">
                  {t("reports.form.cohortHint")}
                </p>
              ) : null}
              <FilterField name="module" label={t("reports.groupBy.module")} error={errors?.module}>
                {(props) => (
                  <select {...props} defaultValue={values.module}>
                    <option value="">{t("reports.form.allModules")}</option>
                    {choices.modules.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.title}
                      </option>
                    ))}
                  </select>
                )}
              </FilterField>
              <FilterField name="per" label={t("reports.form.groupBy")} error={errors?.per}>
                {(props) => (
                  <select {...props} defaultValue={values.per || GROUP_BY_PARAMS.organisation}>
                    {GROUP_BYS.map((groupBy) => (
                      <option key={groupBy} value={GROUP_BY_PARAMS[groupBy]}>
                        {t(`reports.groupBy.${groupBy}`)}
                      </option>
                    ))}
                  </select>
                )}
              </FilterField>
              <div className="form-actions">
                <button type="submit" className="button button--secondary">
                  {t("reports.form.apply")}
                </button>
                {search ? <Link to={location.pathname}>{t("reports.form.reset")}</Link> : null}
              </div>
            </Form>
            <p id="filter-month-hint" className="field-hint">
              {t("reports.form.monthHint")}
            </p>
          </section>

          {errors ? null : <Outlet />}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
