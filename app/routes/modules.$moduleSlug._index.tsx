import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getAuth } from "~/auth/session.server";
import { missingRegistrationsForModule } from "~/certificates/registration.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress";
import { prisma } from "~/db/client.server";
import { SECTORS } from "~/domain/constants";
import { REGISTER_INFO } from "~/domain/registers";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { getModuleOverview } from "~/learning/progress.server";
import { surveyPending } from "~/learning/survey.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await getAuth(request);
  const { locale } = await getTranslator(request, user);
  const module = await getModuleOverview(prisma, {
    moduleSlug: params.moduleSlug ?? "",
    locale,
    userId: user?.id ?? null,
  });
  if (!module) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const surveyAfter = user
    ? await surveyPending(prisma, { moduleSlug: module.slug, userId: user.id, phase: "after" })
    : false;
  const missingRegisters = user ? await missingRegistrationsForModule(prisma, { userId: user.id, moduleId: module.slug }) : [];
  return {
    pageTitle: module.title,
    loggedIn: Boolean(user),
    missingRegisters: missingRegisters.map((register) => REGISTER_INFO[register].name),
    surveyAfter,
    justCompleted: url.searchParams.get("afgerond") === "1" && module.enrollment?.status === "completed",
    module,
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ModulePage() {
  const { module, loggedIn, justCompleted, surveyAfter, missingRegisters } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const firstLesson = module.lessons[0]?.slug;
  const started = module.enrollment !== null;
  const completed = module.enrollment?.status === "completed";
  const target = module.resumeLessonSlug ?? firstLesson;
  const percent = Math.round(module.fractionDone * 100);
  const allLessonsDone = module.lessons.length > 0 && module.lessons.every((lesson) => lesson.status === "completed");
  const assessmentPending = loggedIn && module.hasAssessment && allLessonsDone && !completed;
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
          <dt>{t("module.lessons")}</dt>
          <dd>{module.lessons.length}</dd>
        </div>
        <div>
          <dt>{t("module.audience")}</dt>
          <dd>{module.sectors.length === SECTORS.length ? t("module.allSectors") : module.sectors.map((s) => t(`sector.${s}`)).join(", ")}</dd>
        </div>
      </dl>
      {module.contentLocale !== locale ? (
        <p className="notice" lang={locale}>
          {t("module.contentInDutch")}
        </p>
      ) : null}

      {missingRegisters.length > 0 ? (
        <div className="notice notice--warning" lang={locale}>
          <p>{t("registrations.moduleNotice", { registers: new Intl.ListFormat(locale, { type: "conjunction" }).format(missingRegisters) })}</p>
          <Link to="/account/registraties">{t("registrations.moduleNoticeLink")}</Link>
        </div>
      ) : null}

      <div className="module-actions" lang={locale}>
        {started ? (
          <ProgressBar label={t("module.progressLabel")} value={percent} text={t("module.progress", { percent: `${percent}%` })} />
        ) : null}
        {completed && module.enrollment?.completedAt ? (
          <p>{t("module.completedOn", { date: formatDate(locale, module.enrollment.completedAt) })}</p>
        ) : null}
        {module.completion?.percent != null ? (
          <p>{t("module.assessmentPassed", { percent: module.completion.percent })}</p>
        ) : null}
        {surveyAfter ? (
          <div className="notice">
            <p>{t("survey.afterPending")}</p>
            <Link className="button" to={`/modules/${module.slug}/vragenlijst?fase=na`}>
              {t("survey.fillIn")}
            </Link>
          </div>
        ) : null}
        {assessmentPending ? (
          <div className="notice">
            <p>{t("module.assessmentPending")}</p>
            <Link className="button" to={assessmentUrl}>
              {t("module.toAssessment")}
            </Link>
          </div>
        ) : null}
        {target && !assessmentPending ? (
          loggedIn ? (
            <Link className="button" to={`/modules/${module.slug}/${target}`}>
              {completed ? t("module.review") : started ? t("module.continue") : t("module.start")}
            </Link>
          ) : (
            <Link className="button" to={`/inloggen?redirectTo=${encodeURIComponent(`/modules/${module.slug}/${target}`)}`}>
              {t("module.loginToStart")}
            </Link>
          )
        ) : null}
        {loggedIn && module.hasAssessment && !assessmentPending ? (
          <Link className="button button--secondary" to={assessmentUrl}>
            {t("module.assessment")}
          </Link>
        ) : null}
      </div>

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
      {module.introHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: module.introHtml }} /> : null}

      <section aria-labelledby="lessons-title">
        <h2 id="lessons-title" lang={locale}>
          {t("module.lessons")}
        </h2>
        <ol className="lesson-list">
          {module.lessons.map((lesson) => (
            <li key={lesson.slug} className={`lesson-list__item lesson-list__item--${lesson.status}`}>
              {loggedIn ? <Link to={`/modules/${module.slug}/${lesson.slug}`}>{lesson.title}</Link> : <span>{lesson.title}</span>}
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
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
