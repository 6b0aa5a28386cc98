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
        <ul className="cards certificate-cards">
          {certificates.map((c) => (
            <li key={c.code} className="card certificate-card">
              <h2 className="card__title" lang={c.moduleTitleLocale === locale ? undefined : c.moduleTitleLocale}>
                {c.moduleTitle}
              </h2>
              <dl className="certificate-card__facts">
                <div>
                  <dt>{t("certificates.status")}</dt>
                  <dd>
                    <CertificateStatusText status={c.status} />
                  </dd>
                </div>
                <div>
                  <dt>{t("certificates.completedOn")}</dt>
                  <dd>{formatDate(locale, c.completedAt)}</dd>
                </div>
                <div>
                  <dt>{t("certificates.validUntil")}</dt>
                  <dd>{c.expiresAt ? formatDate(locale, c.expiresAt) : t("certificates.noExpiry")}</dd>
                </div>
                <div>
                  <dt>{t("certificates.pointsLabel")}</dt>
                  <dd>
                    {c.points.length === 0
                      ? t("certificates.noPoints")
                      : c.points.map((line) => <div key={line}>{line}</div>)}
                  </dd>
                </div>
                <div>
                  <dt>{t("certificates.code")}</dt>
                  <dd>
                    <code>{c.code}</code>
                  </dd>
                </div>
              </dl>
              <div className="actions">
                <CertificatePdfLink code={c.code} status={c.status} className="button" />
                <Link className="button button--secondary" to={`/certificaat/${c.code}`}>
                  {t("certificates.verificationPage")}
                  <span className="visually-hidden"> {t("certificates.verificationPageFor", { code: c.code })}</span>
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
