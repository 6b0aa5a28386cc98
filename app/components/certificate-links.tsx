import type { CertificateStatus } from "~/certificates/validity";
import { useTranslation } from "~/i18n/use-translation";

/** The status in words (the class may add colour, never in place of the words). */
export function CertificateStatusText({ status }: { status: CertificateStatus }) {
  const { t } = useTranslation();
  return <span className={`status status--${status}`}>{t(`certificates.status.${status}`)}</span>;
}

/**
 * The PDF download of a certificate, or why there is none (a revoked certificate has no PDF).
 * A plain link: the PDF comes from a resource route, not a page.
 */
export function CertificatePdfLink({
  code,
  status,
  className,
}: {
  code: string;
  status: CertificateStatus;
  className?: string;
}) {
  const { t } = useTranslation();
  if (status === "revoked") return <span className="muted">{t("certificates.noPdfRevoked")}</span>;
  return (
    <a href={certificatePdfUrl(code)} download className={className}>
      {t("certificates.downloadPdf")}
      <span className="visually-hidden"> {t("certificates.downloadPdfFor", { code })}</span>
    </a>
  );
}

export const certificatePdfUrl = (code: string) => `/mijn-certificaten/${code}/pdf`;
export const certificatePageUrl = (code: string) => `/certificaat/${code}`;
