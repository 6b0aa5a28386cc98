import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";

import { BarChart } from "~/components/charts/bar-chart";
import { CsvLinks, ReportTableView } from "~/components/charts/report-table";
import { TablePages } from "~/components/charts/table-pages";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { useTranslation } from "~/i18n/use-translation";
import { itemAnalysisView } from "~/reports/dashboard-pages.server";
import { dashboardPage, readDashboardFilter, requireReportViewer } from "~/reports/dashboard-view.server";
import { reportFilterSearchParams } from "~/reports/filter";
import { formatCount } from "~/reports/tables";
import { pageMeta } from "~/utils/meta";

import type { loader as layoutLoader } from "./beheer.dashboard";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, locale, t } = await requireReportViewer(prisma, request);
  const pageTitle = `${t("reports.nav.items")} · ${t("reports.sectionTitle")}`;
  const parsed = await readDashboardFilter(prisma, scope, request);
  if (!parsed.ok) return data({ pageTitle, query: "", view: null }, { status: 400 });
  const { filter, page } = parsed;
  const query = reportFilterSearchParams(filter).toString();
  const view = await dashboardPage(() => itemAnalysisView(prisma, { scope, filter, page, t, locale }));
  return { pageTitle, query, view };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function DashboardItems() {
  const { query, view } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof layoutLoader>("routes/beheer.dashboard");
  const { t, locale } = useTranslation();
  const params = new URLSearchParams(query);

  if (!view) {
    const modules = layout?.choices.modules ?? [];
    return (
      <section aria-labelledby="items-title" className="section dashboard-section">
        <h2 id="items-title">{t("reports.nav.items")}</h2>
        <p>{t("reports.items.chooseModule")}</p>
        <ul>
          {modules.map((m) => {
            const withModule = new URLSearchParams(params);
            withModule.set("module", m.id);
            return (
              <li key={m.id}>
                <Link to={`?${withModule}`}>{m.title}</Link>
              </li>
            );
          })}
        </ul>
      </section>
    );
  }

  return (
    <section aria-labelledby="items-title" className="section dashboard-section">
      <h2 id="items-title">
        {t("reports.nav.items")}: {view.moduleTitle}
      </h2>
      <p>{t("reports.items.intro")}</p>
      {view.questions.length === 0 ? (
        <p>{t("reports.items.none")}</p>
      ) : (
        <>
          <p className={"count" in view.verdict && view.verdict.count > 0 ? "notice notice--warning" : "notice"}>
            {view.verdict.kind === "notEnoughAnswers"
              ? t("trainer.items.notEnoughAnswers")
              : view.verdict.kind === "misconceptionsPartial"
                ? t("trainer.items.misconceptionCountPartial", view.verdict)
                : view.verdict.kind === "misconceptions"
                  ? t("reports.items.misconceptionCount", view.verdict)
                  : null}
          </p>
          <ReportTableView table={view.summary} />
          <CsvLinks table="vragen" caption={view.summary.caption} query={params} />
          {view.questionsPage.pages > 1 ? (
            <p className="chart-note">
              {t("reports.items.cardsShown", {
                first: formatCount(locale, view.questionsPage.first),
                last: formatCount(locale, view.questionsPage.last),
                total: formatCount(locale, view.questionsPage.total),
              })}
            </p>
          ) : null}
          {view.questions.map((question) => (
            <article
              key={question.id}
              className={question.misconception ? "item-card item-card--flagged" : "item-card"}
              aria-labelledby={`question-${question.number}`}
            >
              <h3 id={`question-${question.number}`}>
                {t("reports.items.questionHeading", { number: question.number })}
                {question.misconception ? (
                  <span className="badge badge--flag">{t("reports.items.misconception")}</span>
                ) : null}
              </h3>
              <p className="item-card__text">{question.text}</p>
              {question.topic ? (
                <p className="muted">
                  {t("reports.items.topic")}: {question.topic}
                </p>
              ) : null}
              {question.suppressed ? (
                <p className="notice">{t("reports.items.suppressed")}</p>
              ) : (
                <>
                  <BarChart
                    id={`chart-question-${question.number}`}
                    texts={{
                      title: question.options.caption,
                      description: t("reports.items.chartDesc"),
                      empty: t("reports.chart.empty"),
                    }}
                    bars={question.bars}
                    measure={t("trainer.chart.chosenMeasure")}
                  />
                  <ReportTableView table={question.options} />
                </>
              )}
            </article>
          ))}
          <TablePages info={view.questionsPage} query={query} label={t("reports.nav.items")} />
          <CsvLinks table="opties" caption={view.allOptionsCaption} query={params} />
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
