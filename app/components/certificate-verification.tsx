import { Form } from "@remix-run/react";

import type { VerifiedAccreditation, VerifiedCertificate } from "~/certificates/verify.server";
import { formatDate, type Translate } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";

/** Shown next to the status word, so the status never rests on colour alone. */
export const STATUS_ICON = { valid: "✓", expired: "!", revoked: "✕" } as const;

/** What a code looks like, for hints and error messages. */
export const EXAMPLE_CODE = "K7QM-2XPD-9HTR-WB4N";

/**
 * Type a certificate code to verify it: a plain GET form to /certificaat, which sends a
 * well-formed code on to /certificaat/<code> (works without JavaScript).
 */
export function CertificateLookupForm({ defaultValue = "", error }: { defaultValue?: string; error?: string | null }) {
  const { t } = useTranslation();
  const describedBy = error ? "certificate-code-hint certificate-code-error" : "certificate-code-hint";
  return (
    <Form method="get" action="/certificaat" className="form">
      <div className="field">
        <label htmlFor="certificate-code">{t("verify.codeLabel")}</label>
        <p id="certificate-code-hint" className="field-hint">
          {t("verify.codeHint", { example: EXAMPLE_CODE })}
        </p>
        <input
          id="certificate-code"
          name="code"
          type="text"
          defaultValue={defaultValue}
          maxLength={64}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {error ? (
          <ul id="certificate-code-error" className="field-errors">
            <li>{error}</li>
          </ul>
        ) : null}
      </div>
      <button type="submit" className="button">
        {t("verify.submit")}
      </button>
    </Form>
  );
}

/** Study load as on the certificate: minutes, with hours as well from an hour on. */
function studyLoadText(t: Translate, minutes: number): string {
  return minutes < 60
    ? t("verify.studyMinutes", { minutes })
    : t("verify.studyHours", { hours: Math.round((minutes / 60) * 10) / 10, minutes });
}

/** The points per register a certificate states, or that it states none. */
function AccreditationPoints({ accreditations }: { accreditations: readonly VerifiedAccreditation[] }) {
  const { t } = useTranslation();
  if (accreditations.length === 0) return <>{t("verify.noPoints")}</>;
  return (
    <ul>
      {accreditations.map((accreditation) => (
        <li key={accreditation.register}>
          {t(accreditation.points === 1 ? "verify.pointsOne" : "verify.points", {
            points: accreditation.points,
            register: accreditation.registerName,
            accreditationId: accreditation.accreditationId,
          })}
        </li>
      ))}
    </ul>
  );
}

type CertifiedFacts = Pick<
  VerifiedCertificate,
  "moduleTitle" | "moduleTitleLocale" | "completedAt" | "studyMinutes" | "accreditations" | "expiresAt"
>;

/** What a certificate certifies, as rows of a details list (the public page and the admin page). */
export function CertificateFactRows({ certificate }: { certificate: CertifiedFacts }) {
  const { t, locale } = useTranslation();
  return (
    <>
      <dt>{t("verify.field.module")}</dt>
      <dd lang={certificate.moduleTitleLocale}>{certificate.moduleTitle}</dd>
      <dt>{t("verify.field.completed")}</dt>
      <dd>{formatDate(locale, certificate.completedAt)}</dd>
      <dt>{t("verify.field.studyLoad")}</dt>
      <dd>{studyLoadText(t, certificate.studyMinutes)}</dd>
      <dt>{t("verify.field.points")}</dt>
      <dd>
        <AccreditationPoints accreditations={certificate.accreditations} />
      </dd>
      <dt>{t("verify.field.expires")}</dt>
      <dd>{certificate.expiresAt ? formatDate(locale, certificate.expiresAt) : t("verify.noExpiry")}</dd>
    </>
  );
}
