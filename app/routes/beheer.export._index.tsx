import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { DataTable, PageHeader } from "~/components/admin-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { listExportableModules } from "~/scorm/export/exportable.server";
import { scormExportPath } from "~/scorm/export/request";
import { SCORM_VERSIONS } from "~/scorm/export/runtime/package-data";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:content:any");
  const { t, locale } = await getTranslator(request, admin);
  return { pageTitle: t("export.title"), modules: await listExportableModules(prisma, locale) };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ScormExportPage() {
  const { modules } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader back={{ to: "/beheer", label: t("nav.admin") }} title={t("export.title")} intro={t("export.intro")} />
      <p>{t("export.versionHelp")}</p>
      <DataTable
        caption={t("export.title")}
        columns={[t("export.module"), t("export.downloads")]}
        rows={modules}
        empty={t("export.noModules")}
      >
        {(module) => (
          <tr key={module.id}>
            <th scope="row">{module.title}</th>
            <td>
              <ul>
                {SCORM_VERSIONS.flatMap((version) =>
                  module.languages.map((language) => (
                    <li key={`${version}-${language}`}>
                      <a
                        href={scormExportPath(module.id, version, language)}
                        download
                        aria-label={t("export.downloadLabel", {
                          module: module.title,
                          version,
                          language: t(`lang.${language}`),
                        })}
                      >
                        {t("export.download", { version: `SCORM ${version}`, language: t(`lang.${language}`) })}
                      </a>
                    </li>
                  )),
                )}
              </ul>
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
