import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { ChangeChart } from "~/components/charts/change-chart";
import { CsvLinks, ReportTableView } from "~/components/charts/report-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { useTranslation } from "~/i18n/use-translation";
import { attitudeView } from "~/reports/dashboard-pages.server";
import { readDashboardFilter, requireReportViewer } from "~/reports/dashboard-view.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, locale, t } = await requireReportViewer(prisma, request);
  const pageTitle = `${t("reports.nav.attitude")} · ${t("reports.sectionTitle")}`;
  const parsed = await readDashboardFilter(prisma, scope, request);
  if (!parsed.ok) return data({ pageTitle, view: null }, { status: 400 });
  const view = await attitudeView(prisma, { scope, filter: parsed.filter, page: parsed.page, t, locale });
  return { pageTitle, view };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function DashboardAttitude() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!view) return null;
  return (
    <section aria-labelledby="attitude-title" className="section dashboard-section">
      <h2 id="attitude-title">{t("reports.nav.attitude")}</h2>
      <p>{t("reports.attitude.intro")}</p>
      <p className="notice">{t("reports.attitude.reverseNote")}</p>
      {view.table.rows.length === 0 ? (
        <p>{t("reports.attitude.none")}</p>
      ) : (
        <>
          <ChangeChart
            id="chart-attitude"
            texts={{
              title: t("reports.attitude.chartTitle"),
              description: t("trainer.attitude.chartDesc"),
              empty: t("reports.chart.empty"),
            }}
            items={view.chart}
            legend={{ before: t("reports.attitude.legendBefore"), after: t("reports.attitude.legendAfter") }}
            direction={{ worse: t("trainer.attitude.worse"), better: t("trainer.attitude.better") }}
          />
          <p className="chart-note">{t("trainer.attitude.mirrored")}</p>
          {view.suppressed > 0 ? (
            <p className="chart-note">
              {view.suppressed === 1
                ? t("reports.chart.suppressedNoteOne")
                : t("reports.chart.suppressedNote", { count: view.suppressed })}
            </p>
          ) : null}
          <ReportTableView table={view.table} />
          <CsvLinks table="houding" caption={view.table.caption} query={new URLSearchParams(view.query)} />
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
