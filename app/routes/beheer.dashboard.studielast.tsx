import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { StudyLoadFigures } from "~/components/charts/study-load-figures";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { useTranslation } from "~/i18n/use-translation";
import { studyLoadView } from "~/reports/dashboard-pages.server";
import { readDashboardFilter, requireReportViewer } from "~/reports/dashboard-view.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, locale, t } = await requireReportViewer(prisma, request);
  const pageTitle = `${t("reports.nav.studyLoad")} · ${t("reports.sectionTitle")}`;
  const parsed = await readDashboardFilter(prisma, scope, request);
  if (!parsed.ok) return data({ pageTitle, view: null }, { status: 400 });
  const view = await studyLoadView(prisma, { scope, filter: parsed.filter, page: parsed.page, t, locale });
  return { pageTitle, view };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function DashboardStudyLoad() {
  const { view } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!view) return null;
  return (
    <section aria-labelledby="study-load-title" className="section dashboard-section">
      <h2 id="study-load-title">{t("reports.nav.studyLoad")}</h2>
      <p>{t("reports.studyLoad.intro")}</p>
      <p className="notice">{t("reports.studyLoad.measuredNote")}</p>
      {view.table.rows.length === 0 ? <p>{t("reports.studyLoad.none")}</p> : <StudyLoadFigures view={view} />}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
