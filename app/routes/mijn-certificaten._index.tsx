import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireUser } from "~/auth/session.server";
import { listMyCertificates } from "~/certificates/list.server";
import { pointsText } from "~/certificates/pdf.server";
import { CertificatePdfLink, CertificateStatusText } from "~/components/certificate-links";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const rows = await listMyCertificates(prisma, { userId: user.id, locale, now: new Date() });
  const certificates = rows.map(({ accreditations, ...row }) => ({
    ...row,
    points: accreditations.map((a) => `${a.registerName}: ${pointsText(t, a.points)}`),
  }));
  return { pageTitle: t("certificates.mine.title"), certificates };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function MyCertificates() {
  const { certificates } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div>
      <h1>{t("certificates.mine.title")}</h1>
      <p className="lead">{t("certificates.mine.intro")}</p>
      {certificates.length === 0 ? (
        <p>
          {t("certificates.mine.empty")} <Link to="/modules">{t("certificates.mine.browse")}</Link>
        </p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{t("certificates.mine.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certificates.module")}</th>
                <th scope="col">{t("certificates.completedOn")}</th>
                <th scope="col">{t("certificates.status")}</th>
                <th scope="col">{t("certificates.validUntil")}</th>
                <th scope="col">{t("certificates.pointsLabel")}</th>
                <th scope="col">{t("certificates.code")}</th>
                <th scope="col">{t("certificates.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => (
                <tr key={c.code}>
                  <th scope="row" lang={c.moduleTitleLocale === locale ? undefined : c.moduleTitleLocale}>
                    {c.moduleTitle}
                  </th>
                  <td>{formatDate(locale, c.completedAt)}</td>
                  <td>
                    <CertificateStatusText status={c.status} />
                  </td>
                  <td>{c.expiresAt ? formatDate(locale, c.expiresAt) : t("certificates.noExpiry")}</td>
                  <td>
                    {c.points.length === 0 ? t("certificates.noPoints") : c.points.map((line) => <div key={line}>{line}</div>)}
                  </td>
                  <td>
                    <code>{c.code}</code>
                  </td>
                  <td>
                    <div className="actions">
                      <CertificatePdfLink code={c.code} status={c.status} />
                      <Link to={`/certificaat/${c.code}`}>
                        {t("certificates.verificationPage")}
                        <span className="visually-hidden"> {t("certificates.verificationPageFor", { code: c.code })}</span>
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
