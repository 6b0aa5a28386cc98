import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { getAssessmentOverview, startAttempt } from "~/assessment/attempts.server";
import { pointsToPass } from "~/assessment/scoring";
import type { AssessmentState } from "~/assessment/attempts.server";
import { requireUser } from "~/auth/session.server";
import { latestCertificateExpiry } from "~/certificates/latest.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableRegion } from "~/components/table-region";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const overview = await getAssessmentOverview(prisma, {
    moduleSlug: params.moduleSlug ?? "",
    userId: user.id,
    locale,
  });
  if (!overview) throw new Response("Not found", { status: 404 });
  const recertifying = overview.state.kind === "can_start" && overview.state.recertify;
  const expiresAt = recertifying
    ? await latestCertificateExpiry(prisma, { userId: user.id, moduleId: overview.moduleSlug })
    : null;
  const certificateExpiry = expiresAt ? { date: expiresAt, past: expiresAt <= new Date() } : null;
  return { pageTitle: t("assessment.pageTitle", { module: overview.moduleTitle }), overview, certificateExpiry };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const moduleSlug = params.moduleSlug ?? "";
  const result = await startAttempt(prisma, { moduleSlug, userId: user.id });
  if (result.ok) return redirect(`/modules/${moduleSlug}/toets/${result.attemptId}`);
  if (result.error === "not_found") throw new Response("Not found", { status: 404 });
  // The overview explains why (waiting, no attempts left, lessons open); nothing was created.
  return redirect(`/modules/${moduleSlug}/toets`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

function StateNotice({
  state,
  maxAttempts,
  moduleSlug,
  certificateExpiry,
}: {
  state: AssessmentState;
  maxAttempts: number;
  moduleSlug: string;
  certificateExpiry: { date: Date; past: boolean } | null;
}) {
  const { t, locale } = useTranslation();
  switch (state.kind) {
    case "lessons_open":
      return (
        <div className="notice" role="status">
          <p>{t("assessment.lessonsOpen")}</p>
          <Link className="button button--secondary" to={`/modules/${moduleSlug}`}>
            {t("assessment.toLessons")}
          </Link>
        </div>
      );
    case "waiting":
      return (
        <p className="notice" role="status">
          {t("assessment.waiting", { time: formatDate(locale, state.until, "datetime") })}
        </p>
      );
    case "passed":
      return (
        <p className="notice notice--success" role="status">
          {t("assessment.passed")}
        </p>
      );
    case "no_attempts_left":
      return (
        <p className="notice notice--error" role="status">
          {t("assessment.noAttemptsLeft", { max: maxAttempts })}
        </p>
      );
    case "in_progress":
      return (
        <Link className="button" to={`/modules/${moduleSlug}/toets/${state.attemptId}`}>
          {t("assessment.resume")}
        </Link>
      );
    case "can_start":
      return (
        <>
          {state.recertify && certificateExpiry ? (
            <p className="notice" role="status">
              {t(certificateExpiry.past ? "assessment.recertifyExpired" : "assessment.recertifyExpires", {
                date: formatDate(locale, certificateExpiry.date),
              })}
            </p>
          ) : null}
          <Form method="post">
            <button type="submit" className="button">
              {state.recertify
                ? t("assessment.recertify")
                : state.resit
                  ? t("assessment.resit")
                  : t("assessment.start")}
            </button>
          </Form>
        </>
      );
  }
}

export default function AssessmentOverviewPage() {
  const { overview, certificateExpiry } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const moduleUrl = `/modules/${overview.moduleSlug}`;
  return (
    <article className="assessment">
      <p className="breadcrumb">
        <Link to={moduleUrl}>
          <span lang={overview.contentLocale}>{overview.moduleTitle}</span>
        </Link>
      </p>
      <h1>{t("assessment.title")}</h1>
      <p className="lead">{t("assessment.intro")}</p>
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t("assessment.rules")}</h2>
        <ul>
          <li>{t("assessment.questionCount", { count: overview.drawCount })}</li>
          <li>
            {t("assessment.passMark", { passMark: overview.passMark })}.{" "}
            {t("assessment.passMarkMeaning", {
              needed: pointsToPass(overview.passMark, overview.drawCount),
              count: overview.drawCount,
            })}
          </li>
          <li>{t("assessment.attemptsAllowed", { max: overview.maxAttempts })}</li>
          <li>
            {overview.waitMinutes > 0
              ? t("assessment.waitRule", { minutes: overview.waitMinutes })
              : t("assessment.noWait")}
          </li>
          <li>{t("assessment.resumeRule")}</li>
        </ul>
      </section>
      <div className="module-actions">
        <StateNotice
          state={overview.state}
          maxAttempts={overview.maxAttempts}
          moduleSlug={overview.moduleSlug}
          certificateExpiry={certificateExpiry}
        />
      </div>
      {overview.attempts.length > 0 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("assessment.history")}</h2>
          <TableRegion caption={t("assessment.history")}>
            <thead>
              <tr>
                <th scope="col">{t("assessment.attempt")}</th>
                <th scope="col">{t("assessment.date")}</th>
                <th scope="col">{t("assessment.score")}</th>
                <th scope="col">{t("assessment.status")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.attempts.map((attempt) => (
                <tr key={attempt.id}>
                  <th scope="row">
                    <Link to={`${moduleUrl}/toets/${attempt.id}`}>
                      {t("assessment.attemptOf", { number: attempt.number, max: overview.maxAttempts })}
                    </Link>
                  </th>
                  <td>{formatDate(locale, attempt.submittedAt ?? attempt.startedAt, "datetime")}</td>
                  <td>{attempt.percent === null ? "–" : `${attempt.percent}%`}</td>
                  <td>
                    {attempt.status === "in_progress"
                      ? t("assessment.inProgress")
                      : attempt.passed
                        ? t("assessment.resultPassed")
                        : t("assessment.resultFailed")}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
