import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, type ShouldRevalidateFunction } from "@remix-run/react";
import { useState } from "react";

import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { ScoFrame } from "~/scorm/player-client/player";
import styles from "~/scorm/player-client/scorm.css";
import type { CommitStatus } from "~/scorm/player-client/session.client";
import { launchSco } from "~/scorm/player.server";
import type { ScoProgress } from "~/scorm/rules";
import { pageMeta } from "~/utils/meta";
import { learningEvents } from "~/learning-events.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Opening the player starts a SCORM session; only a different SCO (or a reload) starts another one. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentParams, nextParams, currentUrl, nextUrl }) =>
  currentParams.scoId !== nextParams.scoId ||
  currentParams.moduleSlug !== nextParams.moduleSlug ||
  currentUrl.pathname !== nextUrl.pathname;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale } = await getTranslator(request, user);
  const moduleId = params.moduleSlug ?? "";
  const launch = await launchSco(prisma, {
    moduleId,
    scoId: params.scoId ?? "",
    user,
    locale,
    now: new Date(),
    events: learningEvents,
  });
  if (!launch) throw new Response("Not found", { status: 404 });
  const base = `/modules/${encodeURIComponent(moduleId)}/speler/${encodeURIComponent(launch.sco.id)}`;
  return {
    pageTitle: `${launch.sco.title} · ${launch.moduleTitle}`,
    launch,
    commitUrl: `${base}/opslaan?sessie=${launch.session}`,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

function progressOf(status: CommitStatus): ScoProgress {
  if (status.success === "failed") return "failed";
  if (status.success === "passed") return "passed";
  if (status.completion === "completed") return "completed";
  return "inProgress";
}

const EXIT_REQUESTS = new Set(["exit", "exitAll", "suspendAll", "abandon", "abandonAll"]);

export default function ScormPlayerPage() {
  const { launch, commitUrl } = useLoaderData<typeof loader>();
  // A new session (another SCO, or the same one opened again) gets a fresh player.
  return <Player key={`${launch.sco.id}:${launch.session}`} launch={launch} commitUrl={commitUrl} />;
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Player({ launch, commitUrl }: Pick<LoaderData, "launch" | "commitUrl">) {
  const { t, locale } = useTranslation();
  const navigate = useNavigate();
  const moduleUrl = `/modules/${encodeURIComponent(launch.moduleId)}`;
  const scoUrl = (id: string) => `${moduleUrl}/speler/${encodeURIComponent(id)}`;
  const index = launch.scos.findIndex((sco) => sco.id === launch.sco.id);
  const next = index >= 0 ? launch.scos[index + 1] : undefined;
  const previous = index > 0 ? launch.scos[index - 1] : undefined;

  const [status, setStatus] = useState<ScoProgress>(launch.scos[index]?.status ?? "notStarted");
  const [moduleCompleted, setModuleCompleted] = useState(launch.moduleCompleted);
  const [saveFailed, setSaveFailed] = useState(false);
  const [finished, setFinished] = useState(false);

  const onStatus = (answer: CommitStatus) => {
    setSaveFailed(false);
    setStatus(progressOf(answer));
    if (answer.moduleCompleted) setModuleCompleted(true);
  };
  const onTerminated = (navigation: string | null) => {
    if (navigation === "continue" && next) navigate(scoUrl(next.id));
    else if (navigation === "previous" && previous) navigate(scoUrl(previous.id));
    else if (navigation && EXIT_REQUESTS.has(navigation)) navigate(moduleUrl);
    else setFinished(true);
  };
  const statusText = (value: ScoProgress) => t(`scorm.player.status.${value}`);

  return (
    <div className="scorm-player">
      <p className="breadcrumb">
        <Link to={moduleUrl}>{t("scorm.player.back")}</Link>
      </p>
      <h1>
        <span lang={launch.contentLocale}>{launch.sco.title}</span>
      </h1>
      <p className="muted">
        <span lang={launch.contentLocale}>{launch.moduleTitle}</span>
        {launch.scos.length > 1
          ? ` · ${t("scorm.player.partOf", { position: index + 1, total: launch.scos.length })}`
          : null}
      </p>

      <div className="scorm-player__status">
        <p role="status">{t("scorm.player.status", { status: statusText(status) })}</p>
        {saveFailed ? (
          <p className="notice notice--error" role="alert">
            {t("scorm.player.saveFailed")}
          </p>
        ) : null}
        {finished && !moduleCompleted ? (
          <p className="notice" role="status">
            {t("scorm.player.finished")}{" "}
            {next ? (
              <Link to={scoUrl(next.id)}>{t("scorm.player.next", { title: next.title })}</Link>
            ) : (
              <Link to={moduleUrl}>{t("scorm.player.back")}</Link>
            )}
          </p>
        ) : null}
        {moduleCompleted ? (
          <div className="notice notice--success" role="status">
            <p>{t("scorm.player.moduleCompleted")}</p>
            <Link to="/mijn-certificaten">{t("scorm.player.toCertificates")}</Link>
          </div>
        ) : null}
      </div>

      <div
        className={launch.scos.length > 1 ? "scorm-player__layout scorm-player__layout--toc" : "scorm-player__layout"}
      >
        {launch.scos.length > 1 ? (
          <nav className="scorm-toc" aria-labelledby="scorm-toc-title">
            <h2 id="scorm-toc-title">{t("scorm.player.tocTitle")}</h2>
            <ol>
              {launch.scos.map((sco) => {
                const current = sco.id === launch.sco.id;
                return (
                  <li key={sco.id}>
                    <Link to={scoUrl(sco.id)} aria-current={current ? "page" : undefined} lang={launch.contentLocale}>
                      {sco.title}
                    </Link>{" "}
                    <span className="muted" lang={locale}>
                      ({statusText(current ? status : sco.status)})
                    </span>
                  </li>
                );
              })}
            </ol>
          </nav>
        ) : null}
        <div className="scorm-player__content">
          {launch.external ? (
            <p className="notice">
              {t("scorm.player.external")}{" "}
              <a href={launch.launchUrl} target="_blank" rel="noopener noreferrer">
                {t("scorm.player.openExternal", { title: launch.sco.title })}
              </a>
            </p>
          ) : launch.sco.kind === "asset" ? (
            <iframe
              className="scorm-frame"
              title={t("scorm.player.frameTitle", { title: launch.sco.title })}
              src={launch.launchUrl}
            />
          ) : (
            <>
              <noscript>
                <p className="notice notice--error">{t("scorm.player.noScript")}</p>
              </noscript>
              <ScoFrame
                version={launch.version}
                state={launch.state}
                sharedData={launch.sharedData}
                launchUrl={launch.launchUrl}
                commitUrl={commitUrl}
                frameTitle={t("scorm.player.frameTitle", { title: launch.sco.title })}
                onStatus={onStatus}
                onSaveFailed={() => setSaveFailed(true)}
                onTerminated={onTerminated}
              />
              <p className="muted">{t("scorm.player.autosave")}</p>
            </>
          )}
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
