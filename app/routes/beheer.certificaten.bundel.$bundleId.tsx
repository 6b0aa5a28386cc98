import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { BUNDLE_INTERRUPTED, getCertificateBundle } from "~/certificates/bundle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";

const POLL_MS = 1000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "export:certificates:own");
  const { t } = await getTranslator(request, user);
  const bundle = await getCertificateBundle(prisma, { viewer: user, bundleId: params.bundleId ?? "", now: new Date() });
  if (!bundle) throw new Response("Not found", { status: 404 });
  return { pageTitle: t("certificates.bundle.pageTitle"), bundle };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

/** While the bundle is being made, reload this page's data every second (with JavaScript). */
function usePolling(active: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!active || state !== "idle") return;
    const timer = setTimeout(revalidate, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, state, revalidate]);
}

export default function BundlePage() {
  const { bundle } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const working = bundle.status === "queued" || bundle.status === "running";
  usePolling(working);
  const percent = bundle.total > 0 ? Math.round((bundle.done / bundle.total) * 100) : 0;
  const self = `/beheer/certificaten/bundel/${bundle.id}`;

  return (
    <div>
      <h1>{t("certificates.bundle.pageTitle")}</h1>
      <p>{t("certificates.bundle.requestedAt", { date: formatDate(locale, bundle.createdAt, "datetime") })}</p>

      <ProgressBar
        label={t("certificates.bundle.progressLabel")}
        value={bundle.status === "done" ? 100 : percent}
        text={t("certificates.bundle.progress", { done: bundle.done, total: bundle.total })}
      />

      {/* Announced when the state changes, not on every step of the progress. */}
      <div role="status" className="section">
        {bundle.status === "queued" ? <p>{t("certificates.bundle.queued")}</p> : null}
        {bundle.status === "running" ? <p>{t("certificates.bundle.running")}</p> : null}
        {bundle.status === "done" ? <p className="notice notice--success">{t("certificates.bundle.ready")}</p> : null}
      </div>

      {working ? (
        <p>
          <a href={self}>{t("certificates.bundle.refresh")}</a>
        </p>
      ) : null}

      {bundle.status === "done" ? (
        bundle.downloadable ? (
          <>
            <p>
              <a className="button" href={`${self}/download`} download>
                {t("certificates.bundle.download")}
              </a>
            </p>
            <p className="muted">{t("certificates.bundle.removedAfter")}</p>
          </>
        ) : (
          <p className="notice notice--warning">{t("certificates.bundle.gone")}</p>
        )
      ) : null}

      {bundle.status === "failed" ? (
        <div className="notice notice--error" role="alert">
          <p>
            {bundle.error === BUNDLE_INTERRUPTED
              ? t("certificates.bundle.interrupted")
              : t("certificates.bundle.failed")}
          </p>
          {bundle.error && bundle.error !== BUNDLE_INTERRUPTED ? (
            <p>{t("certificates.bundle.errorDetail", { error: bundle.error })}</p>
          ) : null}
        </div>
      ) : null}

      <p>
        <Link to="/beheer/certificaten">{t("certificates.bundle.back")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
