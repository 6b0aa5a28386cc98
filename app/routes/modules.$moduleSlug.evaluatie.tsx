import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { LIKERT_MAX, LIKERT_MIN } from "~/content/questions";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import type { MessageKey } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { EVALUATION_COMMENT_MAX, EVALUATION_MINUTES_MAX, EVALUATION_RATINGS } from "~/learning/evaluation";
import { getEvaluation, saveEvaluation } from "~/learning/evaluation.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

const SCALE = Array.from({ length: LIKERT_MAX - LIKERT_MIN + 1 }, (_, index) => LIKERT_MIN + index);
const FIELD_ERRORS: Record<string, MessageKey> = {
  relevance: "evaluation.error.rating",
  objectivesMet: "evaluation.error.rating",
  quality: "evaluation.error.rating",
  independent: "evaluation.error.rating",
  minutesSpent: "evaluation.error.minutes",
  comment: "evaluation.error.comment",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const moduleSlug = params.moduleSlug ?? "";
  const { locale, t } = await getTranslator(request, user);
  const evaluation = await getEvaluation(prisma, { moduleSlug, userId: user.id, locale });
  // Not completed (or no such module): there is nothing to evaluate yet.
  if (!evaluation) throw redirect(`/modules/${encodeURIComponent(moduleSlug)}`);
  return { pageTitle: t("evaluation.pageTitle", { module: evaluation.moduleTitle }), evaluation };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const moduleSlug = params.moduleSlug ?? "";
  const form = await readFormData(request);
  const input: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    // A file or a repeated field is not something this form sends.
    if (typeof value !== "string" || name in input) return data({ fields: ["form"] }, { status: 400 });
    input[name] = value;
  }
  // The skip button sends the ratings filled in so far as well; skipping ignores them.
  const result = await saveEvaluation(prisma, {
    moduleSlug,
    userId: user.id,
    input: input.intent === "skip" ? { intent: "skip" } : input,
  });
  if (result.ok) return redirect(`/modules/${encodeURIComponent(moduleSlug)}?afgerond=1`);
  if (result.error === "not_found") throw new Response("Not found", { status: 404 });
  if (result.error === "not_completed") return data({ fields: ["notCompleted"] }, { status: 400 });
  return data({ fields: "fields" in result ? result.fields : ["form"] }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function EvaluationPage() {
  const { evaluation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errorRef = useRef<HTMLDivElement>(null);
  const fields = new Set(actionData?.fields ?? []);
  const hasError = fields.size > 0;
  useEffect(() => {
    if (hasError) errorRef.current?.focus();
  }, [hasError, actionData]);
  const fieldError = (name: string) => {
    const key = FIELD_ERRORS[name];
    return fields.has(name) && key ? (
      <p id={`${name}-error`} className="field-errors">
        {t(key)}
      </p>
    ) : null;
  };
  const generalError = fields.has("notCompleted")
    ? t("evaluation.error.notCompleted")
    : fields.has("form") || fields.has("intent")
      ? t("evaluation.error.form")
      : t("evaluation.error");
  return (
    <article className="survey">
      <p className="breadcrumb">
        <Link to={`/modules/${evaluation.moduleSlug}`}>
          <span lang={evaluation.contentLocale}>{evaluation.moduleTitle}</span>
        </Link>
      </p>
      <h1>{t("evaluation.title")}</h1>
      <p className="lead">{t("evaluation.intro")}</p>
      {evaluation.done ? <p className="notice">{t("evaluation.changeIntro")}</p> : null}
      {hasError ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={errorRef}>
          {generalError}
        </div>
      ) : null}
      <Form method="post" className="survey__form">
        <p>{t("evaluation.ratingsLegend")}</p>
        {EVALUATION_RATINGS.map((name, index) => (
          <fieldset
            key={name}
            className="likert"
            aria-invalid={fields.has(name) ? true : undefined}
            aria-describedby={fields.has(name) ? `${name}-error` : undefined}
          >
            <legend>
              <span className="question__number">{index + 1}. </span>
              {t(`evaluation.question.${name}`)}
            </legend>
            {fieldError(name)}
            <div className="likert__scale">
              {SCALE.map((value) => {
                const id = `${name}-${value}`;
                return (
                  <div className="likert__option" key={value}>
                    <input
                      type="radio"
                      id={id}
                      name={name}
                      value={value}
                      defaultChecked={evaluation.values[name] === value}
                    />
                    <label htmlFor={id}>{t(`survey.scale.${value}` as "survey.scale.1")}</label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        <div className="field">
          <label htmlFor="minutesSpent">{t("evaluation.minutesLabel")}</label>
          <p className="field-hint" id="minutesSpent-hint">
            {t("evaluation.minutesHint")}
          </p>
          {fieldError("minutesSpent")}
          <input
            id="minutesSpent"
            name="minutesSpent"
            type="number"
            inputMode="numeric"
            min={1}
            max={EVALUATION_MINUTES_MAX}
            defaultValue={evaluation.values.minutesSpent}
            aria-describedby={fields.has("minutesSpent") ? "minutesSpent-hint minutesSpent-error" : "minutesSpent-hint"}
            aria-invalid={fields.has("minutesSpent") ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="comment">{t("evaluation.commentLabel")}</label>
          <p className="field-hint" id="comment-hint">
            {t("evaluation.commentHint")}
          </p>
          {fieldError("comment")}
          <textarea
            id="comment"
            name="comment"
            rows={4}
            maxLength={EVALUATION_COMMENT_MAX}
            defaultValue={evaluation.values.comment}
            aria-describedby={fields.has("comment") ? "comment-hint comment-error" : "comment-hint"}
            aria-invalid={fields.has("comment") ? true : undefined}
          />
        </div>
        <div className="form-actions">
          <button type="submit" name="intent" value="submit" className="button">
            {t("evaluation.submit")}
          </button>
          <button type="submit" name="intent" value="skip" className="button button--secondary" formNoValidate>
            {t("evaluation.skip")}
          </button>
        </div>
      </Form>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
