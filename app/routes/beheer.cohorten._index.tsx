import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { DataTable } from "~/components/admin-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { requireCohortManager } from "~/organisations/access.server";
import { listCohorts } from "~/organisations/cohorts.server";
import { pageMeta } from "~/utils/meta";
import { CohortModuleList } from "~/components/organisations";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireCohortManager(prisma, request);
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
      <DataTable
        caption={t("cohorts.listCaption")}
        columns={[
          t("cohorts.name"),
          t("cohorts.organisation"),
          t("cohorts.modules"),
          t("cohorts.members"),
          t("cohorts.deadline"),
          t("cohorts.state"),
        ]}
        rows={cohorts}
        empty={t("cohorts.empty")}
      >
        {(cohort) => (
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
        )}
      </DataTable>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
