import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
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
      <p className="breadcrumb">
        <Link to="/beheer">{t("nav.admin")}</Link>
      </p>
      <h1>{t("export.title")}</h1>
      <p>{t("export.intro")}</p>
      <p>{t("export.versionHelp")}</p>
      {modules.length === 0 ? (
        <p>{t("export.noModules")}</p>
      ) : (
        <TableRegion caption={t("export.title")}>
          <thead>
            <tr>
              <th scope="col">{t("export.module")}</th>
              <th scope="col">{t("export.downloads")}</th>
            </tr>
          </thead>
          <tbody>
            {modules.map((module) => (
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
