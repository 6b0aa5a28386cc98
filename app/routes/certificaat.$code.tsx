import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { getSessionUser } from "~/auth/session.server";
import { clientIp, retryAfterMinutes } from "~/auth/throttle.server";
import { lookUpCertificate, type VerifiedCertificate } from "~/certificates/verify.server";
import {
  CertificateFactRows,
  CertificateLookupForm,
  EXAMPLE_CODE,
  STATUS_ICON,
} from "~/components/certificate-verification";
import type { ModuleAbout } from "~/content/about";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ModuleAboutSection } from "~/components/module-about";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";

/**
 * The public verification page (no login). Problems are pages of their own with the right
 * status (400 malformed, 404 unknown, 429 too many lookups) rather than thrown errors, so each
 * explains itself and offers the lookup form again.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const session = await getSessionUser(request);
  const { locale, t } = await getTranslator(request, session?.user);
  const lookup = await lookUpCertificate(prisma, {
    input: params.code ?? "",
    ip: clientIp(request, context),
    locale,
    now: new Date(),
  });
  // The status can change at any moment (revoked, expired): never serve it from a cache.
  const headers = new Headers({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });
  switch (lookup.kind) {
    case "found":
      return data({ pageTitle: t("verify.title"), outcome: lookup }, { headers });
    case "malformed":
      return data({ pageTitle: t("verify.malformed.title"), outcome: lookup }, { status: 400, headers });
    case "not_found":
      return data({ pageTitle: t("verify.notFound.title"), outcome: lookup }, { status: 404, headers });
    case "throttled":
      headers.set("Retry-After", String(lookup.retryAfterSeconds));
      return data(
        {
          pageTitle: t("verify.throttled.title"),
          outcome: { kind: "throttled" as const, minutes: retryAfterMinutes(lookup.retryAfterSeconds) },
        },
        { status: 429, headers },
      );
  }
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = (args) => [...pageMeta(args), { name: "robots", content: "noindex" }];

export default function VerifyCertificatePage() {
  const { outcome } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (outcome.kind === "found") return <VerifiedCertificateView certificate={outcome.certificate} />;
  const { title, text } =
    outcome.kind === "malformed"
      ? { title: t("verify.malformed.title"), text: t("verify.malformed.text", { example: EXAMPLE_CODE }) }
      : outcome.kind === "not_found"
        ? { title: t("verify.notFound.title"), text: t("verify.notFound.text") }
        : { title: t("verify.throttled.title"), text: t("verify.throttled.text", { minutes: outcome.minutes }) };
  return (
    <div>
      <h1>{title}</h1>
      <p className="lead">{text}</p>
      {outcome.kind === "throttled" ? null : (
        <section className="section" aria-labelledby="lookup-title">
          <h2 id="lookup-title">{t("verify.another")}</h2>
          <CertificateLookupForm />
        </section>
      )}
    </div>
  );
}

/** The certificate page shows only authors, reviewers and the review date. */
const EMPTY_ABOUT: Omit<ModuleAbout, "authors" | "reviewers" | "lastReviewed"> = {
  professions: [],
  level: null,
  literature: [],
  independence: null,
  complaints: null,
};

const STATUS_CLASS = { valid: "result result--passed", expired: "result", revoked: "result result--failed" } as const;

function VerifiedCertificateView({ certificate }: { certificate: VerifiedCertificate }) {
  const { t, locale } = useTranslation();
  const date = (value: Date) => formatDate(locale, value);
  return (
    <div>
      <h1>{t("verify.title")}</h1>
      <section className={STATUS_CLASS[certificate.status]} aria-labelledby="verdict">
        <h2 id="verdict" className="result__verdict">
          <span aria-hidden="true">{STATUS_ICON[certificate.status]} </span>
          {t(`verify.status.${certificate.status}`)}
        </h2>
        {certificate.status === "valid" ? (
          <p>
            {certificate.expiresAt
              ? t("verify.status.validUntil", { date: date(certificate.expiresAt) })
              : t("verify.status.validText")}
          </p>
        ) : null}
        {certificate.status === "expired" && certificate.expiresAt ? (
          <p>{t("verify.status.expiredText", { date: date(certificate.expiresAt) })}</p>
        ) : null}
        {certificate.status === "revoked" && certificate.revokedAt ? (
          <>
            <p>{t("verify.status.revokedText", { date: date(certificate.revokedAt) })}</p>
            {certificate.revokedReason ? (
              <p>{t("verify.status.revokedReason", { reason: certificate.revokedReason })}</p>
            ) : null}
          </>
        ) : null}
      </section>

      <section className="section" aria-labelledby="details-title">
        <h2 id="details-title">{t("verify.details")}</h2>
        <dl className="details-list">
          <dt>{t("verify.field.name")}</dt>
          <dd>{certificate.learnerName}</dd>
          <CertificateFactRows certificate={certificate} />
          <dt>{t("verify.field.code")}</dt>
          <dd>
            <code>{certificate.code}</code>
          </dd>
          <dt>{t("verify.field.contentVersion")}</dt>
          <dd>
            <code>{certificate.contentVersion}</code>
          </dd>
        </dl>
        <p className="muted">{t("verify.privacy")}</p>
      </section>

      {certificate.about ? (
        <ModuleAboutSection
          about={{ ...EMPTY_ABOUT, ...certificate.about }}
          contentLocale={certificate.about.locale}
          headingId="about-title"
          heading={t("about.certificateTitle")}
          minimal
        />
      ) : null}

      <section className="section" aria-labelledby="lookup-title">
        <h2 id="lookup-title">{t("verify.another")}</h2>
        <CertificateLookupForm />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
