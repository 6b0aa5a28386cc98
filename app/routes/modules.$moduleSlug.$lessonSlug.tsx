import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";

import { readAnswerForm } from "~/assessment/view";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { KnowledgeCheck } from "~/components/knowledge-check";
import { ProgressBar } from "~/components/progress";
import { useActivityHeartbeat } from "~/components/use-activity-heartbeat";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { answerCheck, resetCheck } from "~/learning/checks.server";
import { completeLesson, viewLesson } from "~/learning/progress.server";
import { evaluationPending } from "~/learning/evaluation.server";
import { surveyPending } from "~/learning/survey.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { learningEvents } from "~/learning-events.server";

/** Lesson HTML alternates text and `<!--check:id-->` markers (see markdown.server). */
const CHECK_SPLIT = /<!--check:([a-z0-9-]+)-->/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale } = await getTranslator(request, user);
  const moduleSlug = params.moduleSlug ?? "";
  const lessonSlug = params.lessonSlug ?? "";
  const view = await viewLesson(prisma, { moduleSlug, lessonSlug, locale, userId: user.id, events: learningEvents });
  if (!view) throw new Response("Not found", { status: 404 });
  if (view.kind === "surveyFirst") {
    const here = new URL(request.url).pathname;
    throw redirect(`/modules/${moduleSlug}/vragenlijst?fase=voor&verder=${encodeURIComponent(here)}`);
  }
  const { lesson, checks } = view;
  return { pageTitle: `${lesson.title} · ${lesson.moduleTitle}`, lesson, checks };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const moduleSlug = params.moduleSlug ?? "";
  const lessonSlug = params.lessonSlug ?? "";
  const form = await readFormData(request);
  const intent = form.get("intent");
  const lessonUrl = `/modules/${moduleSlug}/${lessonSlug}`;

  if (intent === "check" || intent === "check-retry") {
    const checkSlug = String(form.get("check") ?? "");
    const back = `${lessonUrl}#check-${checkSlug}`;
    if (intent === "check-retry") {
      await resetCheck(prisma, { moduleSlug, lessonSlug, checkSlug, userId: user.id });
      return redirect(back);
    }
    const posted = readAnswerForm(form);
    const selected = posted.ok ? (posted.answers.get(checkSlug) ?? []) : null;
    if (selected === null || selected.length === 0)
      return data({ checkError: "check.noAnswer", check: checkSlug }, { status: 400 });
    const result = await answerCheck(prisma, { moduleSlug, lessonSlug, checkSlug, userId: user.id, selected });
    if (!result.ok && result.error === "not_found") throw new Response("Not found", { status: 404 });
    if (!result.ok) return data({ checkError: "check.noAnswer", check: checkSlug }, { status: 400 });
    return redirect(back);
  }

  const result = await completeLesson(prisma, { moduleSlug, lessonSlug, userId: user.id, events: learningEvents });
  if (!result.ok) throw new Response("Not found", { status: 404 });
  if (result.nextLessonSlug) return redirect(`/modules/${moduleSlug}/${result.nextLessonSlug}`);
  if (result.assessmentPending) return redirect(`/modules/${moduleSlug}/toets`);
  if (result.moduleCompleted && (await surveyPending(prisma, { moduleSlug, userId: user.id, phase: "after" }))) {
    return redirect(`/modules/${moduleSlug}/vragenlijst?fase=na`);
  }
  if (result.moduleCompleted && (await evaluationPending(prisma, { moduleSlug, userId: user.id }))) {
    return redirect(`/modules/${moduleSlug}/evaluatie`);
  }
  return redirect(`/modules/${moduleSlug}${result.moduleCompleted ? "?afgerond=1" : ""}`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function LessonPage() {
  const { lesson, checks } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  useActivityHeartbeat(lesson.moduleSlug, lesson.slug, lesson.openedAt);
  const percent = Math.round(lesson.fractionDone * 100);
  const moduleUrl = `/modules/${lesson.moduleSlug}`;
  const parts = lesson.html.split(CHECK_SPLIT);
  return (
    <article className="lesson" lang={lesson.contentLocale}>
      <header className="lesson__header">
        <p className="breadcrumb" lang={locale}>
          <Link to={moduleUrl}>
            <span lang={lesson.contentLocale}>{lesson.moduleTitle}</span>
          </Link>
        </p>
        <p className="lesson__position" lang={locale}>
          {t("lesson.of", { position: lesson.position, total: lesson.total })} ·{" "}
          {t("module.minutes", { minutes: lesson.minutes })}
        </p>
        <h1>{lesson.title}</h1>
        <div lang={locale}>
          <ProgressBar
            label={t("module.progressLabel")}
            value={percent}
            text={t("module.progress", { percent: `${percent}%` })}
          />
        </div>
      </header>
      {parts.map((part, index) => {
        // Odd parts are the ids captured by CHECK_SPLIT.
        if (index % 2 === 0) {
          return part.trim() ? <div key={index} className="prose" dangerouslySetInnerHTML={{ __html: part }} /> : null;
        }
        const check = checks.find((candidate) => candidate.id === part);
        return check ? (
          <div key={index} lang={locale}>
            <KnowledgeCheck check={check} contentLocale={lesson.contentLocale} />
          </div>
        ) : (
          <Fragment key={index} />
        );
      })}
      <nav className="lesson-nav" aria-label={t("lesson.navigation")} lang={locale}>
        {lesson.previousSlug ? (
          <Link className="button button--secondary" to={`${moduleUrl}/${lesson.previousSlug}`} rel="prev">
            {t("lesson.previous")}
          </Link>
        ) : (
          <Link className="button button--secondary" to={moduleUrl}>
            {t("lesson.backToModule")}
          </Link>
        )}
        <Form method="post">
          <button type="submit" className="button" name="intent" value="complete">
            {lesson.nextSlug ? t("lesson.next") : t("lesson.finish")}
          </button>
        </Form>
      </nav>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
