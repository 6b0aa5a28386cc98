import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { LIKERT_MAX, LIKERT_MIN } from "~/content/questions";
import { requireUser, safeRedirectPath } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { getSurvey, saveSurvey, type SurveyAnswers, type SurveyPhase } from "~/learning/survey.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { learningEvents } from "~/learning-events.server";

/** `?fase=voor` before the first lesson, `?fase=na` after completion; `verder` is where to go next. */
const PHASE_PARAM: Record<string, SurveyPhase> = { voor: "before", na: "after" };
const ITEM_PREFIX = "item.";
const SCALE = Array.from({ length: LIKERT_MAX - LIKERT_MIN + 1 }, (_, index) => LIKERT_MIN + index);

function readParams(request: Request, moduleSlug: string) {
  const url = new URL(request.url);
  const phase = PHASE_PARAM[url.searchParams.get("fase") ?? ""];
  // After the attitude survey comes the module evaluation (its page sends on to the module).
  const fallback = phase === "after" ? `/modules/${moduleSlug}/evaluatie` : `/modules/${moduleSlug}`;
  return { phase, next: safeRedirectPath(url.searchParams.get("verder"), fallback) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const moduleSlug = params.moduleSlug ?? "";
  const { phase, next } = readParams(request, moduleSlug);
  if (!phase) throw new Response("Not found", { status: 404 });
  const { locale, t } = await getTranslator(request, user);
  const survey = await getSurvey(prisma, { moduleSlug, userId: user.id, locale, phase });
  if (!survey) throw redirect(next);
  return { pageTitle: t("survey.pageTitle", { module: survey.moduleTitle }), survey, next };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const moduleSlug = params.moduleSlug ?? "";
  const { phase, next } = readParams(request, moduleSlug);
  if (!phase) throw new Response("Not found", { status: 404 });
  const form = await readFormData(request);
  let answers: SurveyAnswers;
  if (form.get("intent") === "skip") {
    answers = { skip: true };
  } else {
    const values = new Map<string, number>();
    for (const [name, value] of form.entries()) {
      if (!name.startsWith(ITEM_PREFIX)) continue;
      if (typeof value !== "string" || !/^\d$/.test(value)) return data({ error: true }, { status: 400 });
      values.set(name.slice(ITEM_PREFIX.length), Number(value));
    }
    answers = { skip: false, values };
  }
  const result = await saveSurvey(prisma, { moduleSlug, userId: user.id, phase, answers, events: learningEvents });
  if (result.ok) return redirect(next);
  if (result.error === "not_found") throw new Response("Not found", { status: 404 });
  return data({ error: true }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function SurveyPage() {
  const { survey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <article className="survey">
      <p className="breadcrumb">
        <Link to={`/modules/${survey.moduleSlug}`}>
          <span lang={survey.contentLocale}>{survey.moduleTitle}</span>
        </Link>
      </p>
      <h1>{t("survey.title")}</h1>
      <p className="lead">{survey.phase === "before" ? t("survey.introBefore") : t("survey.introAfter")}</p>
      {actionData?.error ? (
        <div className="notice notice--error" role="alert">
          {t("survey.error")}
        </div>
      ) : null}
      <Form method="post" className="survey__form">
        {survey.items.map((item, index) => (
          <fieldset key={item.id} className="likert">
            <legend lang={survey.contentLocale}>
              <span className="question__number">{index + 1}. </span>
              {item.text}
            </legend>
            <div className="likert__scale">
              {SCALE.map((value) => {
                const id = `item-${item.id}-${value}`;
                return (
                  <label className="likert__option" key={value} htmlFor={id}>
                    <input
                      type="radio"
                      id={id}
                      name={`${ITEM_PREFIX}${item.id}`}
                      value={value}
                      defaultChecked={item.value === value}
                    />
                    <span>{t(`survey.scale.${value}` as "survey.scale.1")}</span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
        <div className="form-actions">
          <button type="submit" name="intent" value="submit" className="button">
            {t("survey.submit")}
          </button>
          <button type="submit" name="intent" value="skip" className="button button--secondary">
            {t("survey.skip")}
          </button>
        </div>
      </Form>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
