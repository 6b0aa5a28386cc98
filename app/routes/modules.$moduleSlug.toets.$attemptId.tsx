import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { getAttemptPage, REPORTED_MINUTES_MAX, saveAnswers, submitAttempt } from "~/assessment/attempts.server";
import type { AnswerError, AttemptPage } from "~/assessment/attempts.server";
import { readAnswerForm } from "~/assessment/view";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { QuestionFields, QuestionReview } from "~/components/question";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { evaluationPending } from "~/learning/evaluation.server";
import { surveyPending } from "~/learning/survey.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const moduleSlug = params.moduleSlug ?? "";
  const attempt = await getAttemptPage(prisma, { moduleSlug, attemptId: params.attemptId ?? "", userId: user.id, locale });
  if (!attempt) throw new Response("assessment.error.not_found", { status: 404 });
  const surveyAfter = attempt.status === "submitted" && attempt.passed
    ? await surveyPending(prisma, { moduleSlug, userId: user.id, phase: "after" })
    : false;
  const evaluationNext = attempt.status === "submitted" && attempt.passed && !surveyAfter
    ? await evaluationPending(prisma, { moduleSlug, userId: user.id })
    : false;
  const title = attempt.status === "submitted"
    ? t("assessment.resultTitle", { number: attempt.number })
    : t("assessment.attemptOf", { number: attempt.number, max: attempt.maxAttempts });
  return { pageTitle: `${title} · ${t("assessment.title")}`, attempt, surveyAfter, evaluationNext };
}

const ERROR_STATUS: Record<AnswerError, number> = {
  not_found: 404,
  already_submitted: 409,
  not_drawn: 400,
  invalid_answer: 400,
  missing_minutes: 400,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const moduleSlug = params.moduleSlug ?? "";
  const attemptId = params.attemptId ?? "";
  const form = await request.formData();
  const intent = form.get("intent");
  const posted = readAnswerForm(form);
  if (!posted.ok) return data({ error: "invalid_answer" as AnswerError, saved: false }, { status: 400 });
  const url = `/modules/${moduleSlug}/toets/${attemptId}`;

  if (intent === "save" || intent === "autosave") {
    const saved = await saveAnswers(prisma, { attemptId, userId: user.id, answers: posted.answers });
    if (!saved.ok) return data({ error: saved.error, saved: false }, { status: ERROR_STATUS[saved.error] });
    return intent === "autosave" ? { error: null, saved: true } : redirect(`${url}?opgeslagen=1`);
  }
  if (intent !== "submit") return data({ error: "invalid_answer" as AnswerError, saved: false }, { status: 400 });

  const minutesText = String(form.get("reportedMinutes") ?? "").trim();
  const reportedMinutes = /^\d{1,4}$/.test(minutesText) ? Number(minutesText) : null;
  const result = await submitAttempt(prisma, { attemptId, userId: user.id, answers: posted.answers, reportedMinutes });
  if (result.ok) return redirect(url);
  if (result.error === "missing_minutes") {
    // Keep the learner's answers while they fill in the one field that was missing.
    await saveAnswers(prisma, { attemptId, userId: user.id, answers: posted.answers });
  }
  return data({ error: result.error, saved: false }, { status: ERROR_STATUS[result.error] });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function AttemptRoute() {
  const { attempt, surveyAfter, evaluationNext } = useLoaderData<typeof loader>();
  return attempt.status === "submitted" ? (
    <AttemptResult attempt={attempt} surveyAfter={surveyAfter} evaluationNext={evaluationNext} />
  ) : (
    <AttemptForm attempt={attempt} />
  );
}

function AttemptForm({ attempt }: { attempt: Extract<AttemptPage, { status: "in_progress" }> }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const autosave = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const errorRef = useRef<HTMLDivElement>(null);
  const error = actionData?.error ?? null;

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript, answers are saved shortly after every change, so closing the tab loses nothing.
  const scheduleAutosave = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const body = new FormData(formRef.current);
      body.set("intent", "autosave");
      autosave.submit(body, { method: "post" });
    }, 600);
  };

  const total = attempt.questions.length;
  const savedNotice = autosave.data?.saved || (searchParams.get("opgeslagen") === "1" && !error);
  return (
    <article className="assessment">
      <p className="breadcrumb">
        <Link to={`/modules/${attempt.moduleSlug}/toets`}>{t("assessment.toOverview")}</Link>
      </p>
      <h1>{t("assessment.attemptOf", { number: attempt.number, max: attempt.maxAttempts })}</h1>
      {error ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={errorRef}>
          {t(`assessment.error.${error}`)}
        </div>
      ) : null}
      <p className="sr-status" role="status" aria-live="polite">
        {savedNotice ? t("assessment.saved") : ""}
      </p>
      <Form method="post" ref={formRef} onChange={scheduleAutosave} className="assessment__form">
        {attempt.questions.map((question, index) => (
          <QuestionFields
            key={question.id}
            question={question}
            idPrefix={`q${index + 1}`}
            selected={question.selected}
            label={t("assessment.question", { number: index + 1, total })}
            contentLocale={attempt.contentLocale}
          />
        ))}
        <div className="field">
          <label htmlFor="reportedMinutes">{t("assessment.minutesLabel")}</label>
          <p className="field-hint" id="reportedMinutes-hint">
            {t("assessment.minutesHint")}
          </p>
          <input
            id="reportedMinutes"
            name="reportedMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={REPORTED_MINUTES_MAX}
            required
            aria-describedby="reportedMinutes-hint"
            aria-invalid={error === "missing_minutes" ? true : undefined}
          />
        </div>
        <div className="form-actions">
          <button type="submit" name="intent" value="submit" className="button">
            {t("assessment.submit")}
          </button>
          <button type="submit" name="intent" value="save" className="button button--secondary" formNoValidate>
            {t("assessment.save")}
          </button>
        </div>
      </Form>
    </article>
  );
}

function AttemptResult({
  attempt,
  surveyAfter,
  evaluationNext,
}: {
  attempt: Extract<AttemptPage, { status: "submitted" }>;
  surveyAfter: boolean;
  evaluationNext: boolean;
}) {
  const { t, locale } = useTranslation();
  // A form sent again after submitting (a second tab, a resent POST) lands here with its refusal.
  const error = useActionData<typeof action>()?.error ?? null;
  const moduleUrl = `/modules/${attempt.moduleSlug}`;
  const total = attempt.questions.length;
  const next = attempt.next;
  return (
    <article className="assessment">
      <p className="breadcrumb">
        <Link to={`${moduleUrl}/toets`}>{t("assessment.toOverview")}</Link>
      </p>
      <h1>{t("assessment.resultTitle", { number: attempt.number })}</h1>
      {error ? (
        <div className="notice notice--error" role="alert">
          {t(`assessment.error.${error}`)}
        </div>
      ) : null}
      <div className={`result result--${attempt.passed ? "passed" : "failed"}`} role="status">
        <p className="result__verdict">
          {attempt.passed ? t("assessment.resultPassedText") : t("assessment.resultFailedText")}
        </p>
        <p>{t("assessment.resultScore", { percent: attempt.percent, passMark: attempt.passMark })}</p>
        {attempt.reportedMinutes !== null ? (
          <p>{t("assessment.reportedMinutes", { minutes: attempt.reportedMinutes })}</p>
        ) : null}
        <p className="result__date">{formatDate(locale, attempt.submittedAt, "datetime")}</p>
      </div>
      <div className="module-actions">
        {attempt.passed ? <p>{t("assessment.moduleCompleted")}</p> : null}
        {surveyAfter ? (
          <Link className="button" to={`${moduleUrl}/vragenlijst?fase=na`}>
            {t("survey.fillIn")}
          </Link>
        ) : null}
        {evaluationNext ? (
          <Link className="button" to={`${moduleUrl}/evaluatie`}>
            {t("evaluation.fillIn")}
          </Link>
        ) : null}
        {next.kind === "can_start" ? (
          <Form method="post" action={`${moduleUrl}/toets`}>
            <button type="submit" className="button">
              {t("assessment.resit")}
            </button>
          </Form>
        ) : null}
        {next.kind === "waiting" ? (
          <p className="notice">{t("assessment.waiting", { time: formatDate(locale, next.until, "datetime") })}</p>
        ) : null}
        {next.kind === "no_attempts_left" ? (
          <p className="notice notice--error">{t("assessment.noAttemptsLeft", { max: attempt.maxAttempts })}</p>
        ) : null}
        <Link className="button button--secondary" to={moduleUrl}>
          {t("assessment.toModule")}
        </Link>
      </div>
      <section aria-labelledby="review-title">
        <h2 id="review-title">{t("assessment.reviewList")}</h2>
        {attempt.questions.map((question, index) => (
          <QuestionReview
            key={question.id}
            question={question}
            label={`${t("assessment.question", { number: index + 1, total })} · ${t("assessment.questionScore", {
              score: Math.round(question.score * 100) / 100,
            })}`}
            contentLocale={attempt.contentLocale}
          />
        ))}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
