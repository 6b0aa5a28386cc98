import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { appOrigin } from "~/config/app-origin.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Button, ButtonGroup, ButtonLink } from "~/components/buttons";
import { ConfirmButtons, ConfirmPanel } from "~/components/confirm";
import { FormErrors, Notice } from "~/components/forms";
import { TableRegion } from "~/components/table-region";
import { prisma } from "~/db/client.server";
import { formatDate, formatPercent, type MessageKey } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { cohortNotFound, requireCohortManager } from "~/organisations/access.server";
import styles from "~/organisations/cohorts.css";
import { removeLearner } from "~/organisations/cohort-membership.server";
import { getCohortDetail } from "~/organisations/cohort-progress.server";
import { closeCohort, reopenCohort } from "~/organisations/cohorts.server";
import { isCohortOverdue } from "~/organisations/deadline";
import { formatJoinCode, joinPath } from "~/organisations/join-code";
import { CohortActionSchema } from "~/organisations/schemas";
import { missesConfirmation } from "~/domain/confirmation";
import { pageMeta } from "~/utils/meta";
import { CohortModuleList } from "~/components/organisations";
import { readFormData } from "~/utils/form-data.server";
import { learningEvents } from "~/learning-events.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const NOTICES: Record<string, MessageKey> = {
  aangemaakt: "cohorts.created",
  gesloten: "cohorts.closedDone",
  heropend: "cohorts.reopenedDone",
  verwijderd: "cohorts.removed",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireCohortManager(prisma, request);
  const { locale, t } = await getTranslator(request, user);
  const cohort = await getCohortDetail(prisma, scope, params.id ?? "", { locale });
  if (!cohort) throw cohortNotFound();
  const url = new URL(request.url);
  const noticeKey = Object.keys(NOTICES).find((key) => url.searchParams.get(key) === "1");
  const removing = cohort.learners.find((learner) => learner.userId === url.searchParams.get("verwijderen")) ?? null;
  return {
    pageTitle: `${cohort.name} · ${t("cohorts.title")}`,
    cohort,
    overdue: isCohortOverdue(cohort.deadline, new Date()),
    joinLink: `${appOrigin()}${joinPath(cohort.joinCode)}`,
    notice: noticeKey ? t(NOTICES[noticeKey]!) : null,
    removing: removing ? { userId: removing.userId, name: removing.name } : null,
    confirmingClose: !cohort.closedAt && url.searchParams.get("sluiten") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requireCohortManager(prisma, request);
  const { t } = await getTranslator(request, user);
  const cohortId = params.id ?? "";
  const parsed = CohortActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) {
    const message = missesConfirmation(parsed.error) ? t("validation.confirmRequired") : t("validation.tampered");
    return data({ error: message }, { status: 400 });
  }
  const now = new Date();
  const args = { scope, actorId: user.id, cohortId, now };
  if (parsed.data.intent === "remove") {
    const result = await removeLearner(prisma, { ...args, userId: parsed.data.userId, events: learningEvents });
    if (!result.ok && result.error === "not_found") throw cohortNotFound();
    if (!result.ok) return data({ error: t("cohorts.learnerNotFound") }, { status: 404 });
    return redirect(`/beheer/cohorten/${cohortId}?verwijderd=1`);
  }
  const result = parsed.data.intent === "close" ? await closeCohort(prisma, args) : await reopenCohort(prisma, args);
  if (!result.ok) throw cohortNotFound();
  return redirect(`/beheer/cohorten/${cohortId}?${parsed.data.intent === "close" ? "gesloten" : "heropend"}=1`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function CohortPage() {
  const { cohort, overdue, joinLink, notice, removing, confirmingClose } = useLoaderData<typeof loader>();
  const selfPath = `/beheer/cohorten/${cohort.id}`;
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  return (
    <div>
      <p>
        <Link to="/beheer/cohorten">{t("cohorts.back")}</Link>
      </p>
      <h1>{cohort.name}</h1>
      <p className="lead">
        {cohort.organisation.name} · {t("cohorts.createdOn", { date: formatDate(locale, cohort.createdAt) })}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <FormErrors id="cohort-errors" errors={actionData?.error ? [actionData.error] : null} />
      {overdue && cohort.deadline ? (
        <p className="notice notice--warning">
          {t("trainer.cohort.overdueNotice", { date: formatDate(locale, cohort.deadline) })}
        </p>
      ) : null}
      {cohort.closedAt ? (
        <p className="notice notice--warning">
          {t("cohorts.closedNotice", { date: formatDate(locale, cohort.closedAt) })}
        </p>
      ) : null}

      <dl className="share-box">
        <dt>{t("cohorts.joinCode")}</dt>
        <dd className="join-code">{formatJoinCode(cohort.joinCode)}</dd>
        <dt>{t("cohorts.joinLink")}</dt>
        <dd>
          <a className="join-link" href={joinLink}>
            {joinLink}
          </a>
        </dd>
        <dt>{t("cohorts.modules")}</dt>
        <dd>
          <CohortModuleList modules={cohort.modules} />
        </dd>
        <dt>{t("cohorts.deadline")}</dt>
        <dd>
          {cohort.deadline ? formatDate(locale, cohort.deadline) : t("cohorts.noDeadline")}
          {overdue ? (
            <>
              {" "}
              <span className="badge badge--flag">{t("trainer.cohort.overdue")}</span>
            </>
          ) : null}
        </dd>
      </dl>
      <p>{t("cohorts.shareHint", { path: "/deelnemen" })}</p>
      <ButtonGroup>
        <ButtonLink to={`/beheer/cohorten/${cohort.id}/afdrukken`}>{t("cohorts.print")}</ButtonLink>
        <ButtonLink variant="secondary" to={`/beheer/dashboard?cohort=${encodeURIComponent(cohort.id)}`}>
          {t("cohorts.dashboard")}
        </ButtonLink>
      </ButtonGroup>

      <section aria-labelledby="learners-title">
        <h2 id="learners-title">{t("cohorts.learnersTitle")}</h2>
        {removing ? (
          <ConfirmPanel
            id="remove-confirm"
            title={t("cohorts.removeConfirmTitle")}
            text={t("cohorts.removeConfirmText", { name: removing.name, cohort: cohort.name })}
          >
            <Form method="post" action={selfPath}>
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="userId" value={removing.userId} />
              <ConfirmButtons confirmLabel={t("cohorts.removeConfirm")} cancelTo={selfPath} />
            </Form>
          </ConfirmPanel>
        ) : null}
        {cohort.learners.length === 0 ? (
          <p>{t("cohorts.noLearners")}</p>
        ) : (
          <TableRegion caption={t("cohorts.learnersCaption", { name: cohort.name })} captionClassName="">
            <thead>
              <tr>
                <th scope="col">{t("cohorts.learnerName")}</th>
                <th scope="col">{t("cohorts.joinedOn")}</th>
                {cohort.modules.map((module) => (
                  <th key={module.id} scope="col" lang={module.locale}>
                    {module.title}
                  </th>
                ))}
                <th scope="col">{t("cohorts.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {cohort.learners.map((learner) => (
                <tr key={learner.userId}>
                  <th scope="row">{learner.name}</th>
                  <td>{formatDate(locale, learner.joinedAt)}</td>
                  {learner.modules.map((module) => (
                    <td key={module.moduleId}>
                      {t(`cohorts.status.${module.status}`)}
                      {module.bestPercent !== null ? (
                        <span className="muted">
                          {" "}
                          · {t("cohorts.bestScore", { percent: formatPercent(locale, module.bestPercent / 100) })}
                        </span>
                      ) : null}
                    </td>
                  ))}
                  <td>
                    <ButtonLink
                      variant="danger-outline"
                      size="small"
                      to={`${selfPath}?verwijderen=${encodeURIComponent(learner.userId)}#remove-confirm`}
                      aria-label={t("cohorts.removeFor", { name: learner.name })}
                    >
                      {t("cohorts.remove")}
                    </ButtonLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>

      <section aria-labelledby="state-title">
        <h2 id="state-title">{cohort.closedAt ? t("cohorts.reopen") : t("cohorts.close")}</h2>
        <p>{t("cohorts.closeHint")}</p>
        {cohort.closedAt ? (
          <Form method="post" action={selfPath}>
            <input type="hidden" name="intent" value="reopen" />
            <ButtonGroup>
              <Button variant="secondary">{t("cohorts.reopen")}</Button>
            </ButtonGroup>
          </Form>
        ) : confirmingClose ? (
          <ConfirmPanel
            id="close-confirm"
            title={t("cohorts.closeConfirmTitle")}
            text={t("cohorts.closeConfirmText", { cohort: cohort.name })}
          >
            <Form method="post" action={selfPath}>
              <input type="hidden" name="intent" value="close" />
              <ConfirmButtons confirmLabel={t("cohorts.closeConfirm")} cancelTo={selfPath} />
            </Form>
          </ConfirmPanel>
        ) : (
          <ButtonGroup>
            <ButtonLink variant="danger-outline" to={`${selfPath}?sluiten=1#close-confirm`}>
              {t("cohorts.close")}
            </ButtonLink>
          </ButtonGroup>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
