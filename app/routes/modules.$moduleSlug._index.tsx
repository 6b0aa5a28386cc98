import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getAuth } from "~/auth/session.server";
import { currentCertificate } from "~/certificates/latest.server";
import { missingRegisters } from "~/certificates/registration.server";
import { CompletionPanel } from "~/components/completion-panel";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { assessmentTarget, ModuleStatusText } from "~/components/module-status";
import { ModuleAboutSection } from "~/components/module-about";
import { ProgressBar } from "~/components/progress";
import { prisma } from "~/db/client.server";
import { SECTORS } from "~/domain/constants";
import { REGISTER_INFO } from "~/domain/registers";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { readLearnerModuleFacts } from "~/learning/module-facts.server";
import { pickNextModule } from "~/learning/next-module.server";
import { getModuleOverview } from "~/learning/progress.server";
import type { ScoState } from "~/scorm/completion.server";
import { ContentsList } from "~/scorm/player-client/contents-list";
import { scormOverview } from "~/scorm/player.server";
import type { ScoProgress } from "~/scorm/rules";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await getAuth(request);
  const { locale } = await getTranslator(request, user);
  const moduleSlug = params.moduleSlug ?? "";
  // A signed-in learner's attempts, certificates, survey, evaluation, registers and next
  // modules in one statement (docs/decisions/016-learner-pages-in-few-statements.md).
  const facts = user ? await readLearnerModuleFacts(prisma, { userId: user.id, moduleId: moduleSlug }) : null;
  const module = await getModuleOverview(prisma, {
    moduleSlug,
    locale,
    userId: user?.id ?? null,
    attempts: facts?.attempts,
  });
  if (!module) throw new Response("Not found", { status: 404 });
  // A SCORM module has SCOs instead of lessons (null for a Markdown module).
  const scorm =
    module.kind === "scorm" ? await scormOverview(prisma, { moduleId: module.slug, userId: user?.id ?? null }) : null;
  const url = new URL(request.url);
  const surveyAfter = facts?.surveyAfterPending ?? false;
  const evaluationNext = facts !== null && !surveyAfter && facts.evaluationPending;
  const missing = facts ? missingRegisters(facts.accreditedRegisters, facts.registeredRegisters) : [];
  const completed = facts !== null && module.progressStatus?.kind === "completed";
  return {
    finishing: completed
      ? {
          certificate: currentCertificate(facts.certificates, new Date()),
          next: pickNextModule(facts.nextCandidates, facts.sector, locale),
        }
      : null,
    pageTitle: module.title,
    loggedIn: Boolean(user),
    missingRegisters: missing.map((register) => REGISTER_INFO[register].name),
    surveyAfter,
    evaluationNext,
    justCompleted: url.searchParams.get("afgerond") === "1" && module.enrollment?.status === "completed",
    sequencingRefused: url.searchParams.get("volgorde") === "geweigerd",
    prerequisitesRefused: url.searchParams.get("volgorde") === "voorwaarden",
    module,
    scorm,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ModulePage() {
  const {
    module,
    scorm,
    loggedIn,
    justCompleted,
    surveyAfter,
    evaluationNext,
    missingRegisters,
    finishing,
    sequencingRefused,
    prerequisitesRefused,
  } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const firstLesson = module.lessons[0]?.slug;
  const started = module.enrollment !== null;
  const completed = module.enrollment?.status === "completed";
  const scormTarget = scorm?.resumeScoId ? `speler/${scorm.resumeScoId}` : undefined;
  const target = scorm ? scormTarget : (module.resumeLessonSlug ?? firstLesson);
  const percent = Math.round((scorm ? scorm.fractionDone : module.fractionDone) * 100);
  const lessonsLeft = module.lessons.filter((lesson) => lesson.status !== "completed").length;
  const status = module.progressStatus;
  const assessmentPending = status?.kind === "assessment_open";
  const assessmentUrl = `/modules/${module.slug}/toets`;
  return (
    <article className="module-page" lang={module.contentLocale}>
      <p className="breadcrumb" lang={locale}>
        <Link to="/modules">{t("nav.modules")}</Link>
      </p>
      <h1>{module.title}</h1>
      {justCompleted ? (
        <div className="notice notice--success" role="status" lang={locale}>
          {t("lesson.completedNotice")}
        </div>
      ) : null}
      <p className="lead">{module.summary}</p>
      <dl className="facts" lang={locale}>
        <div>
          <dt>{t("module.duration")}</dt>
          <dd>{t("module.minutes", { minutes: module.minutes })}</dd>
        </div>
        <div>
          <dt>{scorm ? t("scorm.player.tocTitle") : t("module.lessons")}</dt>
          <dd>{scorm ? scorm.scos.length : module.lessons.length}</dd>
        </div>
        <div>
          <dt>{t("module.audience")}</dt>
          <dd>
            {module.sectors.length === SECTORS.length
              ? t("module.allSectors")
              : module.sectors.map((s) => t(`sector.${s}`)).join(", ")}
          </dd>
        </div>
      </dl>
      {module.contentLocale !== locale ? (
        <p className="notice" lang={locale}>
          {module.contentLocale === "en" ? t("trainer.scorm.contentInEnglish") : t("module.contentInDutch")}
        </p>
      ) : null}

      {sequencingRefused ? (
        <p className="notice" role="status" lang={locale}>
          {t("scorm.player.seq.refused")}
        </p>
      ) : null}
      {prerequisitesRefused ? (
        <p className="notice" role="status" lang={locale}>
          {t("scorm.player.prerequisites.refused")}
        </p>
      ) : null}
      {missingRegisters.length > 0 ? (
        <div className="notice notice--warning" lang={locale}>
          <p>
            {t("registrations.moduleNotice", {
              registers: new Intl.ListFormat(locale, { type: "conjunction" }).format(missingRegisters),
            })}
          </p>
          <Link to="/account/registraties">{t("registrations.moduleNoticeLink")}</Link>
        </div>
      ) : null}

      <div className="module-actions" lang={locale}>
        {status && started ? (
          <p className="module-status">
            <ModuleStatusText status={status} />
          </p>
        ) : null}
        {started && !assessmentPending ? (
          <ProgressBar
            label={t("module.progressLabel")}
            value={percent}
            text={t("module.progress", { percent: `${percent}%` })}
          />
        ) : null}
        {completed && module.enrollment?.completedAt ? (
          <p>{t("module.completedOn", { date: formatDate(locale, module.enrollment.completedAt) })}</p>
        ) : null}
        {module.completion?.percent != null ? (
          <p>
            {scorm
              ? t("scorm.player.passedWith", { percent: module.completion.percent })
              : t("module.assessmentPassed", { percent: module.completion.percent })}
          </p>
        ) : null}
        {surveyAfter ? (
          <div className="notice">
            <p>{t("survey.afterPending")}</p>
            <Link className="button" to={`/modules/${module.slug}/vragenlijst?fase=na`}>
              {t("survey.fillIn")}
            </Link>
          </div>
        ) : null}
        {evaluationNext ? (
          <div className="notice">
            <p>{t("evaluation.pending")}</p>
            <Link className="button" to={`/modules/${module.slug}/evaluatie`}>
              {t("evaluation.fillIn")}
            </Link>
          </div>
        ) : null}
        {finishing ? <CompletionPanel certificate={finishing.certificate} next={finishing.next} /> : null}
        {status?.kind === "assessment_open" ? (
          <div className="notice">
            <p>{t("module.assessmentPending")}</p>
            <Link className="button" to={assessmentTarget(module.slug, status)}>
              {t("module.continue")}
            </Link>
          </div>
        ) : null}
        {target && !assessmentPending ? (
          loggedIn ? (
            <Link className="button" to={`/modules/${module.slug}/${target}`}>
              {completed ? t("module.review") : started ? t("module.continue") : t("module.start")}
            </Link>
          ) : (
            <Link
              className="button"
              to={`/inloggen?redirectTo=${encodeURIComponent(`/modules/${module.slug}/${target}`)}`}
            >
              {t("module.loginToStart")}
            </Link>
          )
        ) : null}
        {loggedIn && module.hasAssessment && !assessmentPending ? (
          lessonsLeft === 0 ? (
            <Link className="button button--secondary" to={assessmentUrl}>
              {t("module.assessment")}
            </Link>
          ) : (
            <p className="muted">
              {t("progressStatus.lessonsLeft", { left: lessonsLeft, total: module.lessons.length })}
            </p>
          )
        ) : null}
      </div>

      {/* An imported SCORM package states no objectives: no heading over an empty list. */}
      {module.objectives.length > 0 ? (
        <section aria-labelledby="objectives-title">
          <h2 id="objectives-title" lang={locale}>
            {t("module.objectives")}
          </h2>
          <ul>
            {module.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {module.introHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: module.introHtml }} /> : null}

      {scorm ? (
        <ScormContents
          moduleSlug={module.slug}
          scos={scorm.scos}
          loggedIn={loggedIn}
          contentLocale={module.contentLocale}
        />
      ) : null}
      {scorm ? null : (
        <section aria-labelledby="lessons-title">
          <h2 id="lessons-title" lang={locale}>
            {t("module.lessons")}
          </h2>
          <ol className="lesson-list">
            {module.lessons.map((lesson) => (
              <li key={lesson.slug} className={`lesson-list__item lesson-list__item--${lesson.status}`}>
                {loggedIn ? (
                  <Link to={`/modules/${module.slug}/${lesson.slug}`}>{lesson.title}</Link>
                ) : (
                  <span>{lesson.title}</span>
                )}
                <span className="lesson-list__meta" lang={locale}>
                  {t("module.minutes", { minutes: lesson.minutes })}
                  {loggedIn ? (
                    <span className={`status status--${lesson.status}`}>{t(`module.status.${lesson.status}`)}</span>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {module.about ? (
        <ModuleAboutSection about={module.about} contentLocale={module.contentLocale} headingId="about-title" />
      ) : null}
    </article>
  );
}

/** A SCORM module's table of contents: its SCOs with the learner's status, each opening the player. */
function ScormContents({
  moduleSlug,
  scos,
  loggedIn,
  contentLocale,
}: {
  moduleSlug: string;
  scos: ScoState[];
  loggedIn: boolean;
  contentLocale: string;
}) {
  const { t, locale } = useTranslation();
  const listStatus = (status: ScoProgress) =>
    status === "notStarted"
      ? "not_started"
      : status === "completed" || status === "passed"
        ? "completed"
        : "in_progress";
  return (
    <section aria-labelledby="lessons-title">
      <h2 id="lessons-title" lang={locale}>
        {t("scorm.player.tocTitle")}
      </h2>
      <ContentsList
        parts={scos}
        className="lesson-list"
        contentLocale={contentLocale}
        renderPart={(sco) => (
          <li key={sco.id} className={`lesson-list__item lesson-list__item--${listStatus(sco.status)}`}>
            {loggedIn && sco.waitsFor === null ? (
              <Link to={`/modules/${moduleSlug}/speler/${sco.id}`}>{sco.title}</Link>
            ) : (
              <span>{sco.title}</span>
            )}
            {loggedIn ? (
              <span className="lesson-list__meta" lang={locale}>
                <span className={`status status--${listStatus(sco.status)}`}>
                  {t(`scorm.player.status.${sco.status}`)}
                </span>
                {sco.waitsFor ? (
                  <span className="muted">
                    {" "}
                    {t("scorm.player.prerequisites.waitsFor", { parts: sco.waitsFor.join(", ") })}
                  </span>
                ) : null}
              </span>
            ) : null}
          </li>
        )}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
