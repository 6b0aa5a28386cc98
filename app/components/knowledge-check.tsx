import { useActionData, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { QuestionFields, QuestionReview } from "~/components/question";
import { useTranslation } from "~/i18n/use-translation";
import type { LessonCheck } from "~/learning/checks.server";

/**
 * An ungraded question inside a lesson. It posts to the lesson's action; with JavaScript through a
 * fetcher (the page stays where it is and the feedback appears in place), without it as a normal
 * form that returns to this check's anchor.
 */
export function KnowledgeCheck({ check, contentLocale }: { check: LessonCheck; contentLocale: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ checkError?: string }>();
  // Without JavaScript the refusal comes back as the page's action data, naming its check.
  const pageAction = useActionData<{ checkError?: string; check?: string }>();
  const noAnswer =
    Boolean(fetcher.data?.checkError) || (pageAction?.check === check.id && Boolean(pageAction.checkError));
  const resultRef = useRef<HTMLDivElement>(null);
  const wasAnswered = useRef(check.answered);

  // Moving focus to the feedback tells keyboard and screen reader users that it appeared.
  useEffect(() => {
    if (check.answered && !wasAnswered.current) resultRef.current?.focus();
    wasAnswered.current = check.answered;
  }, [check.answered]);

  const titleId = `check-${check.id}-title`;
  return (
    <aside className="check" id={`check-${check.id}`} aria-labelledby={titleId}>
      <h2 className="check__title" id={titleId}>
        {t("check.title")}
      </h2>
      {check.answered ? (
        <>
          <div
            className={`notice ${check.correct ? "notice--success" : check.question.score === 0 ? "notice--error" : "notice--warning"}`}
            role="status"
            tabIndex={-1}
            ref={resultRef}
          >
            {check.correct ? t("check.correct") : check.question.score === 0 ? t("check.wrong") : t("check.partly")}
          </div>
          <QuestionReview question={check.question} contentLocale={contentLocale} />
          {/* A right answer needs no second try. */}
          {check.correct ? null : (
            <fetcher.Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="check-retry" />
              <input type="hidden" name="check" value={check.id} />
              <button type="submit" className="button button--secondary">
                {t("check.retry")}
              </button>
            </fetcher.Form>
          )}
        </>
      ) : (
        <fetcher.Form method="post" preventScrollReset>
          <p className="check__hint">{t("check.hint")}</p>
          <input type="hidden" name="intent" value="check" />
          <input type="hidden" name="check" value={check.id} />
          <QuestionFields
            question={check.question}
            idPrefix={`check-${check.id}`}
            selected={[]}
            contentLocale={contentLocale}
          />
          {noAnswer ? (
            <p className="field-errors" role="alert">
              {t("check.noAnswer")}
            </p>
          ) : null}
          <button type="submit" className="button">
            {t("check.submit")}
          </button>
        </fetcher.Form>
      )}
    </aside>
  );
}
