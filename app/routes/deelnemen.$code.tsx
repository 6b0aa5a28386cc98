import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { getSessionUser, requireUser } from "~/auth/session.server";
import { clientIp, retryAfterMinutes } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import styles from "~/organisations/cohorts.css";
import { findCohortByCode, joinCohort } from "~/organisations/cohort-membership.server";
import { joinNeedsDeadlineConfirmation } from "~/organisations/deadline";
import { formatJoinCode, joinPath, normaliseJoinCode } from "~/organisations/join-code";
import { joinThrottleKeys, lookUpJoinCode } from "~/organisations/join-throttle.server";
import { JoinCohortSchema } from "~/organisations/schemas";
import { pageMeta } from "~/utils/meta";
import { CohortModuleList } from "~/components/organisations";
import { learningEvents } from "~/learning-events.server";
import { readFormData } from "~/utils/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  const user = found?.user ?? null;
  const { locale, t } = await getTranslator(request, user);
  const raw = params.code ?? "";
  const code = normaliseJoinCode(raw);
  // One address per cohort: a code typed with dashes or in lower case goes to the canonical one.
  if (code && code !== raw) throw redirect(joinPath(code));
  const now = new Date();
  const keys = joinThrottleKeys({ ip: clientIp(request, context), userId: user?.id });
  const lookup = await lookUpJoinCode(prisma, { keys, now }, () =>
    code ? findCohortByCode(prisma, code, { locale }) : Promise.resolve(null),
  );
  if (lookup.throttled) {
    const message = t("cohorts.join.throttled", { minutes: retryAfterMinutes(lookup.retryAfterSeconds) });
    return data(
      {
        pageTitle: t("cohorts.join.title"),
        cohort: null,
        message,
        signedIn: user !== null,
        member: false,
        pastDeadline: false,
      },
      { status: 429 },
    );
  }
  const cohort = lookup.found;
  if (!cohort) {
    return data(
      {
        pageTitle: t("cohorts.join.title"),
        cohort: null,
        message: t("cohorts.join.codeUnknown"),
        signedIn: user !== null,
        member: false,
        pastDeadline: false,
      },
      { status: 404 },
    );
  }
  const member = user
    ? (await prisma.cohortMember.findUnique({
        where: { cohortId_userId: { cohortId: cohort.id, userId: user.id } },
        select: { userId: true },
      })) !== null
    : false;
  return {
    pageTitle: t("cohorts.join.cohortTitle", { name: cohort.name }),
    cohort,
    message: cohort.closed && !member ? t("cohorts.join.closed") : null,
    signedIn: user !== null,
    member,
    pastDeadline: joinNeedsDeadlineConfirmation(cohort.deadline, now),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const cohort = await findCohortByCode(prisma, params.code ?? "", { locale });
  if (!cohort) throw new Response("Not found", { status: 404 });
  const form = JoinCohortSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!form.success) return data({ error: t("trainer.join.deadlineConfirmRequired") }, { status: 400 });
  const result = await joinCohort(prisma, {
    userId: user.id,
    cohortId: cohort.id,
    now: new Date(),
    events: learningEvents,
    confirmedPastDeadline: form.data.deadlineSeen === "ja",
  });
  if (!result.ok) {
    const message =
      result.error === "closed"
        ? "cohorts.join.closed"
        : result.error === "deadline_passed"
          ? "trainer.join.deadlineConfirmRequired"
          : "cohorts.join.codeUnknown";
    return data({ error: t(message) }, { status: result.error === "not_found" ? 404 : 400 });
  }
  return redirect(`/mijn-leren?deelgenomen=${encodeURIComponent(cohort.id)}`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function JoinCohortPage() {
  const { cohort, message, signedIn, member, pastDeadline } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  if (!cohort) {
    return (
      <div className="form">
        <h1>{t("cohorts.join.title")}</h1>
        <p className="notice notice--error" role="alert">
          {message}
        </p>
        <p>
          <Link to="/deelnemen">{t("cohorts.join.intro")}</Link>
        </p>
      </div>
    );
  }
  const path = joinPath(cohort.joinCode);
  return (
    <div>
      <h1>{t("cohorts.join.cohortTitle", { name: cohort.name })}</h1>
      <dl className="share-box">
        <dt>{t("cohorts.join.organisation")}</dt>
        <dd>{cohort.organisation}</dd>
        <dt>{t("cohorts.join.modules")}</dt>
        <dd>
          <CohortModuleList modules={cohort.modules} />
        </dd>
        {cohort.deadline ? (
          <>
            <dt>{t("cohorts.join.deadline")}</dt>
            <dd>{formatDate(locale, cohort.deadline)}</dd>
          </>
        ) : null}
        <dt>{t("cohorts.joinCode")}</dt>
        <dd className="join-code">{formatJoinCode(cohort.joinCode)}</dd>
      </dl>
      <FormErrors id="join-errors" errors={actionData?.error ? [actionData.error] : null} />
      {member ? (
        <>
          <p className="notice" role="status">
            {t("cohorts.join.alreadyMember")}
          </p>
          <p>
            <Link className="button" to="/mijn-leren">
              {t("cohorts.join.toMyLearning")}
            </Link>
          </p>
        </>
      ) : message ? (
        <p className="notice notice--error" role="alert">
          {message}
        </p>
      ) : signedIn ? (
        <Form method="post">
          {pastDeadline && cohort.deadline ? (
            <div className="notice notice--warning">
              <h2 id="deadline-passed-title">{t("trainer.join.deadlinePassedTitle")}</h2>
              <p>{t("trainer.join.deadlinePassedText", { date: formatDate(locale, cohort.deadline) })}</p>
              <p className="checkbox-field">
                <input
                  type="checkbox"
                  id="deadline-seen"
                  name="deadlineSeen"
                  value="ja"
                  required
                  aria-invalid={actionData?.error ? true : undefined}
                  aria-describedby={actionData?.error ? "join-errors" : undefined}
                />{" "}
                <label htmlFor="deadline-seen">{t("trainer.join.deadlineConfirm")}</label>
              </p>
            </div>
          ) : null}
          <p>{t("cohorts.join.confirmIntro")}</p>
          <button type="submit" className="button">
            {t("cohorts.join.confirm")}
          </button>
        </Form>
      ) : (
        <>
          <p>{t("cohorts.join.anonymousIntro")}</p>
          <p className="form-actions">
            <Link
              className="button"
              to={`/registreren?${new URLSearchParams({ code: formatJoinCode(cohort.joinCode), redirectTo: path })}`}
            >
              {t("cohorts.join.signUp")}
            </Link>
            <Link className="button button--secondary" to={`/inloggen?${new URLSearchParams({ redirectTo: path })}`}>
              {t("cohorts.join.logIn")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
