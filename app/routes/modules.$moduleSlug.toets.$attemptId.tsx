import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useRef, useState, type ComponentProps } from "react";

import { getAttemptPageWithFacts, saveAnswers, submitAttemptForm } from "~/assessment/attempts.server";
import type { AnswerError, AttemptPage } from "~/assessment/attempts.server";
import { REPORTED_MINUTES_MAX } from "~/assessment/schemas";
import { pointsToPass } from "~/assessment/scoring";
import { ANSWER_FIELD_PREFIX, readAnswerForm } from "~/assessment/view";
import { requireUser } from "~/auth/session.server";
import { currentCertificate } from "~/certificates/latest.server";
import { CompletionPanel } from "~/components/completion-panel";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { QuestionFields, QuestionReview } from "~/components/question";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pickNextModule } from "~/learning/next-module.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { learningEvents } from "~/learning-events.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const moduleSlug = params.moduleSlug ?? "";
  const found = await getAttemptPageWithFacts(prisma, {
    moduleSlug,
    attemptId: params.attemptId ?? "",
    userId: user.id,
    locale,
  });
  if (!found) throw new Response("assessment.error.not_found", { status: 404 });
  const { page: attempt, facts } = found;
  // A submitted attempt comes with the learner's facts in the module: no further reads here.
  const passed = attempt.status === "submitted" && attempt.passed && facts !== null;
  const surveyAfter = passed && facts.surveyAfterPending;
  const title =
    attempt.status === "submitted"
      ? t("assessment.resultTitle", { number: attempt.number })
      : t("assessment.attemptOf", { number: attempt.number, max: attempt.maxAttempts });
  return {
    pageTitle: `${title} · ${t("assessment.title")}`,
    attempt,
    surveyAfter,
    evaluationNext: passed && !surveyAfter && facts.evaluationPending,
    finishing: passed
      ? {
          certificate: currentCertificate(facts.certificates, new Date()),
          next: pickNextModule(facts.nextCandidates, facts.sector, locale),
        }
      : null,
  };
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
  const form = await readFormData(request);
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

  const result = await submitAttemptForm(prisma, {
    attemptId,
    userId: user.id,
    answers: posted.answers,
    reportedMinutes: form.get("reportedMinutes"),
    events: learningEvents,
  });
  if (result.ok) return redirect(url);
  return data({ error: result.error, saved: false }, { status: ERROR_STATUS[result.error] });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

/** An autosave changes nothing the page shows (the form already holds the answers): no reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

export default function AttemptRoute() {
  const { attempt, surveyAfter, evaluationNext, finishing } = useLoaderData<typeof loader>();
  // The form and its result share a URL: the page does not change, so focus is moved here.
  const [sawForm, setSawForm] = useState(attempt.status === "in_progress");
  if (attempt.status === "in_progress" && !sawForm) setSawForm(true);
  const justSubmitted = attempt.status === "submitted" && sawForm;
  return attempt.status === "submitted" ? (
    <AttemptResult
      attempt={attempt}
      surveyAfter={surveyAfter}
      evaluationNext={evaluationNext}
      finishing={finishing}
      focusHeading={justSubmitted}
    />
  ) : (
    <AttemptForm attempt={attempt} />
  );
}

/** Questions with at least one option ticked in the form as it is now. */
function answeredIn(form: HTMLFormElement): number {
  const names = new Set<string>();
  form
    .querySelectorAll<HTMLInputElement>(`input[name^="${ANSWER_FIELD_PREFIX}"]:checked`)
    .forEach((input) => names.add(input.name));
  return names.size;
}

function AttemptForm({ attempt }: { attempt: Extract<AttemptPage, { status: "in_progress" }> }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const autosave = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const errorRef = useRef<HTMLDivElement>(null);
  const minutesRef = useRef<HTMLInputElement>(null);
  const error = actionData?.error ?? null;
  const minutesInvalid = error === "missing_minutes";
  const [answered, setAnswered] = useState(
    () => attempt.questions.filter((question) => question.selected.length > 0).length,
  );

  useEffect(() => {
    if (minutesInvalid) minutesRef.current?.focus();
    else if (error) errorRef.current?.focus();
  }, [error, minutesInvalid]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript, answers are saved shortly after every change, so closing the tab loses nothing.
  const onFormChange = () => {
    if (formRef.current) setAnswered(answeredIn(formRef.current));
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
      <p className="answered-count" aria-live="polite" aria-atomic="true">
        {t("assessment.answeredCount", { answered, total })}
      </p>
      {/* The app checks the form itself (noValidate), so every learner gets the same clear message. */}
      <Form method="post" ref={formRef} onChange={onFormChange} className="assessment__form" noValidate>
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
            ref={minutesRef}
            type="number"
            inputMode="numeric"
            min={1}
            max={REPORTED_MINUTES_MAX}
            required
            aria-describedby={minutesInvalid ? "reportedMinutes-hint reportedMinutes-error" : "reportedMinutes-hint"}
            aria-invalid={minutesInvalid ? true : undefined}
          />
          {minutesInvalid ? (
            <ul id="reportedMinutes-error" className="field-errors">
              <li>{t("assessment.minutesError", { max: REPORTED_MINUTES_MAX })}</li>
            </ul>
          ) : null}
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
  finishing,
  focusHeading,
}: {
  attempt: Extract<AttemptPage, { status: "submitted" }>;
  surveyAfter: boolean;
  evaluationNext: boolean;
  finishing: { certificate: { code: string } | null; next: ComponentProps<typeof CompletionPanel>["next"] } | null;
  focusHeading: boolean;
}) {
  const { t, locale } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading]);
  // A form sent again after submitting (a second tab, a resent POST) lands here with its refusal.
  const error = useActionData<typeof action>()?.error ?? null;
  const moduleUrl = `/modules/${attempt.moduleSlug}`;
  const total = attempt.questions.length;
  const next = attempt.next;
  // "Try again" only when another attempt is possible.
  const verdict = attempt.passed
    ? t("assessment.resultPassedText")
    : next.kind === "no_attempts_left"
      ? t("assessment.resultFailedFinal")
      : next.kind === "waiting"
        ? t("assessment.resultFailedWait")
        : t("assessment.resultFailedText");
  return (
    <article className="assessment">
      <p className="breadcrumb">
        <Link to={`${moduleUrl}/toets`}>{t("assessment.toOverview")}</Link>
      </p>
      <h1 ref={headingRef} tabIndex={-1} aria-describedby="result-verdict">
        {t("assessment.resultTitle", { number: attempt.number })}
      </h1>
      {error ? (
        <div className="notice notice--error" role="alert">
          {t(`assessment.error.${error}`)}
        </div>
      ) : null}
      <div className={`result result--${attempt.passed ? "passed" : "failed"}`} role="status">
        <p className="result__verdict" id="result-verdict">
          {verdict}
        </p>
        <p>{t("assessment.resultScore", { percent: attempt.percent, passMark: attempt.passMark })}</p>
        <p>
          {t("assessment.resultPoints", {
            earned: Math.round(attempt.earned * 10) / 10,
            count: attempt.possible,
            needed: pointsToPass(attempt.passMark, attempt.possible),
          })}
        </p>
        {attempt.reportedMinutes !== null ? (
          <p>{t("assessment.reportedMinutes", { minutes: attempt.reportedMinutes })}</p>
        ) : null}
        <p className="result__date">{formatDate(locale, attempt.submittedAt, "datetime")}</p>
      </div>
      {finishing ? <CompletionPanel certificate={finishing.certificate} next={finishing.next} /> : null}
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
