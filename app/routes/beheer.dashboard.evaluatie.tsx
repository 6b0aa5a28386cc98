import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { userHasRole } from "~/auth/permissions";
import { BarChart } from "~/components/charts/bar-chart";
import { CsvLinks, ReportTableView } from "~/components/charts/report-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { useTranslation } from "~/i18n/use-translation";
import { evaluationView } from "~/reports/dashboard-pages.server";
import { readDashboardFilter, requireReportViewer } from "~/reports/dashboard-view.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope, locale, t } = await requireReportViewer(prisma, request);
  const pageTitle = `${t("reports.nav.evaluation")} · ${t("reports.sectionTitle")}`;
  const parsed = await readDashboardFilter(prisma, scope, request);
  if (!parsed.ok) return data({ pageTitle, view: null }, { status: 400 });
  // Free text can identify a colleague even without a name: administrators only.
  const admin = userHasRole(user, "admin");
  const view = await evaluationView(prisma, { scope, filter: parsed.filter, page: parsed.page, t, locale, admin });
  return { pageTitle, view };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function DashboardEvaluation() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!view) return null;
  return (
    <section aria-labelledby="evaluation-title" className="section dashboard-section">
      <h2 id="evaluation-title">{t("reports.nav.evaluation")}</h2>
      <p>{t("reports.evaluation.intro")}</p>
      {view.responses === 0 ? (
        <p>{t("reports.evaluation.none")}</p>
      ) : (
        <>
          {view.suppressed ? null : (
            <BarChart
              id="chart-evaluation"
              texts={{
                title: t("reports.evaluation.chartTitle"),
                description: t("reports.evaluation.chartDesc"),
                empty: t("reports.chart.empty"),
              }}
              bars={view.chart}
              max={5}
            />
          )}
          <ReportTableView table={view.table} />
          <CsvLinks table="evaluatie" caption={view.table.caption} query={new URLSearchParams(view.query)} />
          <section aria-labelledby="evaluation-comments-title">
            <h3 id="evaluation-comments-title">{t("reports.evaluation.comments")}</h3>
            {!view.admin ? (
              <p>{t("reports.evaluation.commentsAdminOnly")}</p>
            ) : view.suppressed || view.comments === null ? (
              <p>{t("reports.evaluation.commentsSuppressed")}</p>
            ) : view.comments.length === 0 ? (
              <p>{t("reports.evaluation.commentsNone")}</p>
            ) : (
              <>
                <p>{t("reports.evaluation.commentsIntro")}</p>
                <ul className="evaluation-comments">
                  {view.comments.map((comment, index) => (
                    <li key={index}>{comment}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
