import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { listModuleAccreditations } from "~/certificates/accreditation.server";
import { reminderText, validityText } from "~/certificates/accreditation-text";
import { DataTable, PageHeader } from "~/components/admin-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { REGISTER_INFO } from "~/domain/registers";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:accreditation:any");
  const { t, locale } = await getTranslator(request, admin);
  return { pageTitle: t("accreditation.title"), modules: await listModuleAccreditations(prisma, locale) };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function AccreditationOverview() {
  const { modules } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader
        back={{ to: "/beheer", label: t("nav.admin") }}
        title={t("accreditation.title")}
        intro={t("accreditation.intro")}
      />
      <DataTable
        caption={t("accreditation.title")}
        columns={[
          t("accreditation.module"),
          t("accreditation.validity"),
          t("accreditation.reminder"),
          t("accreditation.registers"),
        ]}
        rows={modules}
        empty={t("accreditation.noModules")}
      >
        {(module) => (
          <tr key={module.id}>
            <th scope="row">
              <Link to={`/beheer/accreditatie/${module.id}`}>{module.title}</Link>{" "}
              {module.archived ? <span className="muted">{t("accreditation.archived")}</span> : null}
            </th>
            <td>{validityText(t, module.settings.validityMonths)}</td>
            <td>{module.settings.validityMonths === null ? "—" : reminderText(t, module.settings.reminderDays)}</td>
            <td>
              {module.accreditations.length === 0 ? (
                t("accreditation.none")
              ) : (
                <ul>
                  {module.accreditations.map((a) => (
                    <li key={a.register}>
                      {t("accreditation.summary", {
                        register: REGISTER_INFO[a.register].name,
                        id: a.accreditationId,
                        points: a.points,
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        )}
      </DataTable>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
