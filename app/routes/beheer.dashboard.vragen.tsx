import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";

import { BarChart } from "~/components/charts/bar-chart";
import { CsvLinks, ReportTableView } from "~/components/charts/report-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { useTranslation } from "~/i18n/use-translation";
import { getItemAnalysis } from "~/reports/item-analysis.server";
import { readDashboardFilter, requireReportViewer } from "~/reports/dashboard-view.server";
import { reportFilterSearchParams } from "~/reports/filter";
import { itemAnalysisVerdict } from "~/reports/item-summary";
import { isMisconception, itemsTable, optionBars, optionsTable } from "~/reports/tables";
import { pageMeta } from "~/utils/meta";

import type { loader as layoutLoader } from "./beheer.dashboard";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, locale, t } = await requireReportViewer(prisma, request);
  const pageTitle = `${t("reports.nav.items")} · ${t("reports.sectionTitle")}`;
  const parsed = await readDashboardFilter(prisma, scope, new URL(request.url).searchParams);
  if (!parsed.ok) return data({ pageTitle, query: "", view: null }, { status: 400 });
  const { filter } = parsed;
  const query = reportFilterSearchParams(filter).toString();
  const analysis = await getItemAnalysis(prisma, scope, filter, { locale });
  if (!analysis) return { pageTitle, query, view: null };
  const ctx = { t, locale };
  return {
    pageTitle,
    query,
    view: {
      moduleTitle: analysis.moduleTitle,
      summary: itemsTable(ctx, analysis),
      verdict: itemAnalysisVerdict(
        analysis.rows.map((row) => ({ suppressed: row.suppressed, misconception: isMisconception(row) })),
      ),
      allOptions: optionsTable(ctx, analysis),
      questions: analysis.rows.map((row) => ({
        id: row.questionId,
        number: row.position,
        text: row.text,
        topic: row.topic,
        suppressed: row.suppressed,
        misconception: isMisconception(row),
        bars: optionBars(ctx, row),
        options: optionsTable(ctx, analysis, row),
      })),
    },
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function DashboardItems() {
  const { query, view } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof layoutLoader>("routes/beheer.dashboard");
  const { t } = useTranslation();
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
          <CsvLinks table="opties" caption={view.allOptions.caption} query={params} />
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
