import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

import { useTranslation } from "~/i18n/use-translation";

import { certificatePageUrl, certificatePdfUrl } from "./certificate-links";

export interface CompletionPanelProps {
  /** The learner's current certificate for the module (none when it was revoked). */
  certificate: { code: string } | null;
  /** The next module suggested for the learner's sector, or null when none is left. */
  next: { slug: string; title: string; contentLocale: string; minutes: number } | null;
  /** Further steps after completing (the questionnaire, an evaluation), shown between the two. */
  children?: ReactNode;
}

/**
 * What passing leads to: the certificate (download and the shareable verification page) and
 * the next module. Not a live region: the page's own result status announces the outcome.
 */
export function CompletionPanel({ certificate, next, children }: CompletionPanelProps) {
  const { t, locale } = useTranslation();
  return (
    <section className="completion-panel" aria-labelledby="completion-panel-title" lang={locale}>
      <h2 id="completion-panel-title" className="completion-panel__title">
        {certificate ? t("finishing.title") : t("module.status.completed")}
      </h2>
      {certificate ? (
        <>
          <div className="actions">
            <a className="button" href={certificatePdfUrl(certificate.code)} download>
              {t("finishing.downloadCertificate")}
            </a>
            <Link
              className="button button--secondary"
              to={certificatePageUrl(certificate.code)}
              aria-describedby="completion-panel-share"
            >
              {t("finishing.viewCertificate")}
            </Link>
          </div>
          <p className="muted" id="completion-panel-share">
            {t("finishing.viewCertificateHint")}
          </p>
        </>
      ) : null}
      {children ? <div className="completion-panel__more">{children}</div> : null}
      <div className="completion-panel__next">
        <h3>{t("finishing.nextTitle")}</h3>
        {next ? (
          <p>
            <Link to={`/modules/${next.slug}`} lang={next.contentLocale}>
              {next.title}
            </Link>{" "}
            <span className="muted">({t("finishing.nextMinutes", { minutes: next.minutes })})</span>
          </p>
        ) : (
          <p>{t("finishing.noNext")}</p>
        )}
      </div>
    </section>
  );
}
