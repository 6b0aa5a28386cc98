import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { DataTable, PageHeader } from "~/components/admin-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { listScormModules } from "~/scorm/admin.server";
import { stateLabel, versionLabel } from "~/scorm/labels";
import { ScormUploadForm } from "~/components/scorm-upload-form";
import styles from "~/scorm/player-client/scorm.css";
import { maxUploadBytes } from "~/scorm/storage.server";
import { importMessage, importedModulePath } from "~/scorm/upload-result.server";
import { receiveScormUpload, UPLOAD_FIELD } from "~/scorm/upload.server";
import { pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:content:any");
  const { t, locale } = await getTranslator(request, admin);
  return {
    pageTitle: t("scorm.admin.title"),
    modules: await listScormModules(prisma, { locale }),
    limitMb: Math.floor(maxUploadBytes() / (1024 * 1024)),
  };
}

/** The upload without JavaScript (with JavaScript the form posts to /beheer/scorm/upload). */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:content:any");
  const { t } = await getTranslator(request, admin);
  const result = await receiveScormUpload(prisma, { request, adminId: admin.id, now: new Date() });
  if (result.ok) throw redirect(importedModulePath(result.moduleId));
  return data({ error: importMessage(t, result) }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ScormPackages() {
  const { modules, limitMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  return (
    <div>
      <PageHeader
        back={{ to: "/beheer", label: t("nav.admin") }}
        title={t("scorm.admin.title")}
        intro={t("scorm.admin.intro")}
      />

      <section className="section form" aria-labelledby="upload-title">
        <h2 id="upload-title">{t("scorm.admin.uploadTitle")}</h2>
        <ScormUploadForm fieldName={UPLOAD_FIELD} limitMb={limitMb} error={actionData?.error ?? null} />
      </section>

      <section className="section" aria-labelledby="list-title">
        <h2 id="list-title">{t("scorm.admin.listTitle")}</h2>
        <DataTable
          caption={t("scorm.admin.listCaption")}
          columns={[
            t("scorm.admin.colTitle"),
            t("scorm.admin.colVersion"),
            t("scorm.admin.colScos"),
            t("scorm.admin.colLearners"),
            t("scorm.admin.colImported"),
            t("scorm.admin.colStatus"),
          ]}
          rows={modules}
          empty={t("scorm.admin.none")}
        >
          {(module) => (
            <tr key={module.moduleId}>
              <th scope="row">
                <Link to={`/beheer/scorm/${encodeURIComponent(module.moduleId)}`}>{module.title}</Link>
              </th>
              <td>{versionLabel(t, module.version)}</td>
              <td>{module.scoCount}</td>
              <td>{module.learners}</td>
              <td>{formatDate(locale, module.importedAt)}</td>
              <td>{stateLabel(t, module.state)}</td>
            </tr>
          )}
        </DataTable>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
