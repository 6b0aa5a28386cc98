import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useSubmit, type ShouldRevalidateFunction } from "@remix-run/react";
import { useState } from "react";

import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { ContentsList } from "~/scorm/player-client/contents-list";
import { ScoFrame } from "~/scorm/player-client/player";
import styles from "~/scorm/player-client/scorm.css";
import type { CommitStatus } from "~/scorm/player-client/session.client";
import { launchSco, scoWaitsFor } from "~/scorm/player.server";
import type { ScoProgress } from "~/scorm/rules";
import {
  deliverSco,
  navigateSequencing,
  sequencedModuleResult,
  sequencingNavigation,
} from "~/scorm/sequencing/learner.server";
import { parseNavigationRequest } from "~/scorm/sequencing/navigation-request";
import { readFormData } from "~/utils/form-data.server";
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
  const scoId = params.scoId ?? "";
  const moduleUrl = `/modules/${encodeURIComponent(moduleId)}`;
  // SCORM 2004 sequencing decides what is delivered (SN 4.4): another SCO than the one asked
  // for, or nothing, in which case the learner goes back to the module page and is told why.
  const decision = await deliverSco(prisma, {
    moduleId,
    scoId,
    userId: user.id,
    events: learningEvents,
    now: new Date(),
  });
  if (decision?.kind === "refused") throw redirect(`${moduleUrl}?volgorde=geweigerd`);
  if (decision?.kind === "deliver" && decision.scoId !== scoId)
    throw redirect(`${moduleUrl}/speler/${encodeURIComponent(decision.scoId)}`);
  // SCORM 1.2 prerequisites (CAM 2.3.2.5.1): a part opens only once what it names is done.
  if (!decision && (await scoWaitsFor(prisma, { moduleId, scoId, userId: user.id })))
    throw redirect(`${moduleUrl}?volgorde=voorwaarden`);
  const launch = await launchSco(prisma, {
    moduleId,
    scoId,
    user,
    locale,
    now: new Date(),
    events: learningEvents,
  });
  if (!launch) throw new Response("Not found", { status: 404 });
  const base = `/modules/${encodeURIComponent(moduleId)}/speler/${encodeURIComponent(launch.sco.id)}`;
  const [navigation, rollup] = decision
    ? await Promise.all([
        sequencingNavigation(prisma, { moduleId, userId: user.id }),
        sequencedModuleResult(prisma, { moduleId, userId: user.id }),
      ])
    : [null, null];
  return {
    pageTitle: `${launch.sco.title} · ${launch.moduleTitle}`,
    launch,
    commitUrl: `${base}/opslaan?sessie=${launch.session}`,
    navigation,
    rollup,
  };
}

/** A navigation request of a sequenced package: an LMS control, or the content's adl.nav.request. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const moduleId = params.moduleSlug ?? "";
  const scoId = params.scoId ?? "";
  const form = await readFormData(request);
  const parsed = parseNavigationRequest(form.get("request"));
  if (!parsed) {
    throw new Response("scorm.player.seq.badRequest", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const moduleUrl = `/modules/${encodeURIComponent(moduleId)}`;
  const outcome = await navigateSequencing(prisma, {
    moduleId,
    fromScoId: scoId,
    userId: user.id,
    request: parsed.request,
    target: parsed.target,
    events: learningEvents,
    now: new Date(),
  });
  if (!outcome) throw new Response("Not found", { status: 404 });
  if (outcome.kind === "deliver") return redirect(`${moduleUrl}/speler/${encodeURIComponent(outcome.scoId)}`);
  if (outcome.kind === "ended") return redirect(moduleUrl);
  return redirect(`${moduleUrl}?volgorde=geweigerd`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

const EXIT_REQUESTS = new Set(["exit", "exitAll", "suspendAll", "abandon", "abandonAll"]);

export default function ScormPlayerPage() {
  const { launch, commitUrl, navigation, rollup } = useLoaderData<typeof loader>();
  // A new session (another SCO, or the same one opened again) gets a fresh player.
  return (
    <Player
      key={`${launch.sco.id}:${launch.session}`}
      launch={launch}
      commitUrl={commitUrl}
      navigation={navigation}
      rollup={rollup}
    />
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Player({ launch, commitUrl, navigation, rollup }: Omit<LoaderData, "pageTitle">) {
  const { t, locale } = useTranslation();
  const navigate = useNavigate();
  const submit = useSubmit();
  const sequenced = navigation !== null;
  const hidden = new Set(navigation?.hideLmsUi ?? []);
  const choosable = new Set(navigation?.choiceScoIds ?? []);
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
    setStatus(answer.progress);
    if (answer.moduleCompleted) setModuleCompleted(true);
  };
  const onTerminated = (request: string | null) => {
    // The sequencer on the server processes the content's request (continue, previous,
    // {target=…}choice / jump, exit…) and redirects to what it delivers.
    if (sequenced) {
      if (request) submit({ request }, { method: "post" });
      else setFinished(true);
      return;
    }
    const navigation = request;
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
            {sequenced ? null : next ? (
              <Link to={scoUrl(next.id)}>{t("scorm.player.next", { title: next.title })}</Link>
            ) : (
              <Link to={moduleUrl}>{t("scorm.player.back")}</Link>
            )}
          </p>
        ) : null}
        {sequenced && finished && !moduleCompleted ? (
          <p className="notice" role="status">
            {t("scorm.player.seq.moduleOpen", {
              reason: t(
                rollup?.success === "failed" ? "scorm.player.seq.reason.failed" : "scorm.player.seq.reason.incomplete",
              ),
            })}
          </p>
        ) : null}
        {sequenced ? (
          <nav className="scorm-seq-nav" aria-label={t("scorm.player.seq.navigation")}>
            {navigation.previousEnabled && !hidden.has("previous") ? (
              <Form method="post">
                <button type="submit" name="request" value="previous" className="button button--secondary">
                  {t("scorm.player.seq.previous")}
                </button>
              </Form>
            ) : null}
            {navigation.continueEnabled && !hidden.has("continue") ? (
              <Form method="post">
                <button type="submit" name="request" value="continue" className="button">
                  {t("scorm.player.seq.continue")}
                </button>
              </Form>
            ) : null}
            {!hidden.has("exit") ? (
              <Form method="post">
                <button type="submit" name="request" value="exit" className="button button--secondary">
                  {t("scorm.player.seq.exit")}
                </button>
              </Form>
            ) : null}
          </nav>
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
            <ContentsList
              parts={launch.scos}
              contentLocale={launch.contentLocale}
              renderPart={(sco) => {
                const current = sco.id === launch.sco.id;
                // A sequenced package offers only the choices sequencing allows (SN 4.8); a 1.2
                // package only the parts whose prerequisites hold (as of this launch).
                const offered = current || (sequenced ? choosable.has(sco.id) : sco.waitsFor === null);
                return (
                  <li key={sco.id}>
                    {offered ? (
                      <Link to={scoUrl(sco.id)} aria-current={current ? "page" : undefined} lang={launch.contentLocale}>
                        {sco.title}
                      </Link>
                    ) : (
                      <span lang={launch.contentLocale}>
                        {sco.title}{" "}
                        <span className="muted" lang={locale}>
                          (
                          {sco.waitsFor
                            ? t("scorm.player.prerequisites.waitsFor", { parts: sco.waitsFor.join(", ") })
                            : t("scorm.player.seq.unavailable")}
                          )
                        </span>
                      </span>
                    )}{" "}
                    <span className="muted" lang={locale}>
                      ({statusText(current ? status : sco.status)})
                    </span>
                  </li>
                );
              }}
            />
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
