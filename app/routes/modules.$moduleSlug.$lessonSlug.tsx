import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { completeLesson, openLesson } from "~/learning/progress.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale } = await getTranslator(request, user);
  const lesson = await openLesson(prisma, {
    moduleSlug: params.moduleSlug ?? "",
    lessonSlug: params.lessonSlug ?? "",
    locale,
    userId: user.id,
  });
  if (!lesson) throw new Response("Not found", { status: 404 });
  return { pageTitle: `${lesson.title} · ${lesson.moduleTitle}`, lesson };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const moduleSlug = params.moduleSlug ?? "";
  const result = await completeLesson(prisma, { moduleSlug, lessonSlug: params.lessonSlug ?? "", userId: user.id });
  if (!result.ok) throw new Response("Not found", { status: 404 });
  if (result.nextLessonSlug) return redirect(`/modules/${moduleSlug}/${result.nextLessonSlug}`);
  return redirect(`/modules/${moduleSlug}${result.moduleCompleted ? "?afgerond=1" : ""}`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function LessonPage() {
  const { lesson } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const percent = Math.round(lesson.fractionDone * 100);
  const moduleUrl = `/modules/${lesson.moduleSlug}`;
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
          <ProgressBar label={t("module.progressLabel")} value={percent} text={t("module.progress", { percent: `${percent}%` })} />
        </div>
      </header>
      <div className="prose" dangerouslySetInnerHTML={{ __html: lesson.html }} />
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
          <button type="submit" className="button">
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
