import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { requireCohortManager } from "~/organisations/access.server";
import { listCohorts } from "~/organisations/cohorts.server";
import { pageMeta } from "~/utils/meta";
import { CohortModuleList } from "~/organisations/components";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireCohortManager(request);
  const { locale, t } = await getTranslator(request, user);
  const cohorts = await listCohorts(prisma, scope, { locale, now: new Date() });
  return {
    pageTitle: t("cohorts.title"),
    cohorts,
    canCreate: scope.kind === "all" || scope.organisationIds.length > 0,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function CohortsPage() {
  const { cohorts, canCreate } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div>
      <h1>{t("cohorts.title")}</h1>
      <p className="lead">{t("cohorts.intro")}</p>
      {canCreate ? (
        <p>
          <Link className="button" to="/beheer/cohorten/nieuw">
            {t("cohorts.new")}
          </Link>
        </p>
      ) : (
        <p>{t("cohorts.noOrganisations")}</p>
      )}
      {cohorts.length === 0 ? (
        <p>{t("cohorts.empty")}</p>
      ) : (
        <TableRegion caption={t("cohorts.listCaption")}>
          <thead>
            <tr>
              <th scope="col">{t("cohorts.name")}</th>
              <th scope="col">{t("cohorts.organisation")}</th>
              <th scope="col">{t("cohorts.modules")}</th>
              <th scope="col">{t("cohorts.members")}</th>
              <th scope="col">{t("cohorts.deadline")}</th>
              <th scope="col">{t("cohorts.state")}</th>
            </tr>
          </thead>
          <tbody>
            {cohorts.map((cohort) => (
              <tr key={cohort.id}>
                <th scope="row">
                  <Link to={`/beheer/cohorten/${cohort.id}`}>{cohort.name}</Link>
                </th>
                <td>{cohort.organisation}</td>
                <td>
                  <CohortModuleList modules={cohort.modules} />
                </td>
                <td>{cohort.members}</td>
                <td>
                  {cohort.deadline ? formatDate(locale, cohort.deadline) : t("cohorts.noDeadline")}
                  {cohort.overdue ? (
                    <>
                      {" "}
                      <span className="badge badge--flag">{t("trainer.cohort.overdue")}</span>
                    </>
                  ) : null}
                </td>
                <td>{cohort.closed ? t("cohorts.closed") : t("cohorts.open")}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
