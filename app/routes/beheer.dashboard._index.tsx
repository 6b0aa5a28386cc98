import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { BarChart } from "~/components/charts/bar-chart";
import { CsvLinks, ReportTableView } from "~/components/charts/report-table";
import { TablePages } from "~/components/charts/table-pages";
import { TrendChart } from "~/components/charts/trend-chart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { useTranslation } from "~/i18n/use-translation";
import { overviewView } from "~/reports/dashboard-pages.server";
import { dashboardPage, readDashboardFilter, requireReportViewer } from "~/reports/dashboard-view.server";
import { formatCount, formatShare } from "~/reports/tables";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, locale, t } = await requireReportViewer(prisma, request);
  const pageTitle = `${t("reports.nav.overview")} · ${t("reports.sectionTitle")}`;
  const parsed = await readDashboardFilter(prisma, scope, request);
  // The layout shows the filter's messages; this page then has nothing to add.
  if (!parsed.ok) return data({ pageTitle, view: null }, { status: 400 });
  const view = await dashboardPage(() =>
    overviewView(prisma, { scope, filter: parsed.filter, page: parsed.page, t, locale, now: new Date() }),
  );
  return { pageTitle, view };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function DashboardOverview() {
  const { view } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  if (!view) return null;
  const query = new URLSearchParams(view.query);
  const suppressedNote = (count: number) =>
    count === 0 ? null : (
      <p className="chart-note">
        {count === 1 ? t("reports.chart.suppressedNoteOne") : t("reports.chart.suppressedNote", { count })}
      </p>
    );

  return (
    <>
      <section aria-labelledby="totals-title" className="section dashboard-section">
        <h2 id="totals-title">{t("reports.totals.title")}</h2>
        {view.totalsSuppressed ? (
          <p className="notice">{t("reports.totals.suppressed")}</p>
        ) : (
          <ul className="figure-cards" aria-label={t("trainer.totals.cardsLabel")}>
            {view.totals.rows.map((row) => (
              <li key={row.key} className="figure-card">
                <span className="figure-card__label">{row.cells[0]?.text}</span>
                <span className="figure-card__value">{row.cells[1]?.text}</span>
              </li>
            ))}
          </ul>
        )}
        <ReportTableView table={view.totals} />
        <CsvLinks table="totalen" caption={view.totals.caption} query={query} />
      </section>

      <section aria-labelledby="groups-title" className="section dashboard-section">
        <h2 id="groups-title">{t("reports.groups.title", { group: view.group })}</h2>
        {view.groups.rows.length === 0 ? (
          <p>{t("reports.groups.none")}</p>
        ) : (
          <>
            <BarChart
              id="chart-groups"
              texts={{
                title: t("reports.groups.chartTitle", { group: view.group }),
                description: t("reports.groups.chartDesc", { group: view.group }),
                empty: t("reports.chart.empty"),
              }}
              bars={view.completion.bars}
              max={1}
              measure={t("trainer.chart.completionMeasure")}
              scale={[formatShare(locale, 0), formatShare(locale, 1)]}
            />
            {view.groupsPage.pages > 1 ? (
              <p className="chart-note">
                {t("reports.chart.showingPage", {
                  first: formatCount(locale, view.groupsPage.first),
                  last: formatCount(locale, view.groupsPage.last),
                  total: formatCount(locale, view.groupsPage.total),
                })}
              </p>
            ) : null}
            {suppressedNote(view.completion.suppressed)}
            <ReportTableView table={view.groups} />
            <TablePages info={view.groupsPage} query={view.query} label={view.groups.caption} />
          </>
        )}
        <CsvLinks table="groepen" caption={view.groups.caption} query={query} />
      </section>

      <section aria-labelledby="trend-title" className="section dashboard-section">
        <h2 id="trend-title">{t("reports.trend.title")}</h2>
        <p>{t("reports.trend.note")}</p>
        {view.trend === null ? (
          <p className="notice">{t("reports.trend.suppressed")}</p>
        ) : view.trend.table.rows.length === 0 ? (
          <p>{t("reports.trend.none")}</p>
        ) : (
          <>
            <TrendChart
              id="chart-trend"
              texts={{
                title: t("reports.trend.title"),
                description: t("reports.trend.chartDesc"),
                empty: t("reports.chart.empty"),
              }}
              xLabels={view.trend.months}
              formatValue={(value) => formatCount(locale, value)}
              axis={{ y: t("trainer.chart.countAxis"), x: t("trainer.chart.monthAxis") }}
              series={[
                { key: "started", label: t("reports.figure.started"), values: view.trend.started },
                { key: "completed", label: t("reports.figure.completed"), values: view.trend.completed },
                { key: "passed", label: t("reports.figure.passed"), values: view.trend.passed },
              ]}
            />
            <ReportTableView table={view.trend.table} />
            <CsvLinks table="trend" caption={view.trend.table.caption} query={query} />
          </>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
