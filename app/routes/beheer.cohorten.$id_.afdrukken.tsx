import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { appOrigin } from "~/config/app-origin.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { cohortNotFound, requireCohortManager } from "~/organisations/access.server";
import styles from "~/organisations/cohorts.css";
import { getCohortDetail } from "~/organisations/cohort-progress.server";
import { formatJoinCode, joinPath } from "~/organisations/join-code";
import { qrCodeSvg } from "~/organisations/qr.server";
import { pageMeta } from "~/utils/meta";
import { CohortModuleList } from "~/components/organisations";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireCohortManager(prisma, request);
  const { locale } = await getTranslator(request, user);
  const cohort = await getCohortDetail(prisma, scope, params.id ?? "", { locale });
  if (!cohort) throw cohortNotFound();
  const joinLink = `${appOrigin()}${joinPath(cohort.joinCode)}`;
  return {
    pageTitle: cohort.name,
    cohort: {
      id: cohort.id,
      name: cohort.name,
      organisation: cohort.organisation.name,
      joinCode: cohort.joinCode,
      deadline: cohort.deadline,
      modules: cohort.modules,
    },
    joinLink,
    qrSvg: await qrCodeSvg(joinLink),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function PrintableCohortPage() {
  const { cohort, joinLink, qrSvg } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="print-sheet">
      <p className="no-print">
        <Link to={`/beheer/cohorten/${cohort.id}`}>{cohort.name}</Link> · {t("cohorts.print.hint")}
      </p>
      <h1 className="print-sheet__title">{cohort.name}</h1>
      <p className="lead">{cohort.organisation}</p>
      <CohortModuleList modules={cohort.modules} />
      {/* The sheet is for learners, so it uses their word for the deadline. */}
      {cohort.deadline ? <p>{t("cohorts.mine.deadline", { date: formatDate(locale, cohort.deadline) })}</p> : null}
      <h2>{t("cohorts.print.heading")}</h2>
      <p>{t("cohorts.print.scan")}</p>
      {/* The SVG comes from the qrcode package on the server: paths only, no script or links. */}
      <div
        className="print-sheet__qr"
        role="img"
        aria-label={t("cohorts.print.qrLabel", { link: joinLink })}
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <p className="join-link">{joinLink}</p>
      <p>{t("cohorts.print.orCode")}</p>
      <p className="join-code">{formatJoinCode(cohort.joinCode)}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
