import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { CorrectNameSchema, RevokeSchema } from "~/certificates/forms";
import {
  certificateOwnerId,
  getCertificateAdminDetail,
  type CertificateHistoryEntry,
} from "~/certificates/admin-detail.server";
import { correctNameAndReissue, revokeCertificate } from "~/certificates/lifecycle.server";
import { PageHeader } from "~/components/admin-page";
import { CertificateFactRows, STATUS_ICON } from "~/components/certificate-verification";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Button, ButtonGroup, ButtonLink } from "~/components/buttons";
import { ConfirmButtons, ConfirmPanel } from "~/components/confirm";
import { ErrorList, Field, FormErrors, Notice } from "~/components/forms";
import { prisma } from "~/db/client.server";
import type { Locale } from "~/domain/constants";
import { formatDate, isMessageKey, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:certificates:any");
  const { locale, t } = await getTranslator(request, admin);
  const certificate = await getCertificateAdminDetail(prisma, { code: params.code ?? "", locale, now: new Date() });
  if (!certificate) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const reissued = url.searchParams.get("opnieuw-uitgegeven");
  const notice =
    url.searchParams.get("ingetrokken") === "1"
      ? t("certAdmin.revoke.done")
      : reissued !== null && /^\d+$/.test(reissued)
        ? t("certAdmin.name.done", { count: Number(reissued) })
        : url.searchParams.get("ongewijzigd") === "1"
          ? t("certAdmin.name.unchanged")
          : null;
  return {
    pageTitle: t("certAdmin.title", { code: certificate.code }),
    certificate,
    notice,
    confirmingRevoke: url.searchParams.get("intrekken") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:certificates:any");
  const { locale, t } = await getTranslator(request, admin);
  const code = params.code ?? "";
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const now = new Date();

  if (intent === "revoke") {
    const submission = parseWithZod(formData, { schema: RevokeSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const outcome = await revokeCertificate(prisma, { code, reason: submission.value.reason, actorId: admin.id, now });
    if (outcome.ok) return redirect(`/beheer/certificaat/${encodeURIComponent(code)}?ingetrokken=1`);
    if (outcome.error === "not_found") throw new Response("Not found", { status: 404 });
    if (outcome.error === "forbidden") throw new Response("Forbidden", { status: 403 });
    const message =
      outcome.error === "already_revoked"
        ? t("certAdmin.revoke.already", { date: formatDate(locale, outcome.revokedAt) })
        : t("certAdmin.revoke.reasonRequired");
    return data(
      { intent, result: submission.reply({ formErrors: [message] }) },
      { status: outcome.error === "already_revoked" ? 409 : 400 },
    );
  }

  if (intent === "correct-name") {
    const submission = parseWithZod(formData, { schema: CorrectNameSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const userId = await certificateOwnerId(prisma, code);
    if (!userId) throw new Response("Not found", { status: 404 });
    const outcome = await correctNameAndReissue(prisma, {
      userId,
      newName: submission.value.name,
      actorId: admin.id,
      now,
    });
    if (!outcome.ok) {
      if (outcome.error === "not_found") throw new Response("Not found", { status: 404 });
      if (outcome.error === "forbidden") throw new Response("Forbidden", { status: 403 });
      return data(
        { intent, result: submission.reply({ fieldErrors: { name: [t("validation.nameRequired")] } }) },
        { status: 400 },
      );
    }
    const changed = outcome.nameChanged || outcome.reissued.length > 0;
    const query = changed ? `opnieuw-uitgegeven=${outcome.reissued.length}` : "ongewijzigd=1";
    return redirect(`/beheer/certificaat/${encodeURIComponent(code)}?${query}`);
  }

  throw new Response("Bad request", { status: 400 });
}

export const meta: MetaFunction<typeof loader> = (args) => [...pageMeta(args), { name: "robots", content: "noindex" }];

export default function CertificateAdminPage() {
  const { certificate, notice, confirmingRevoke } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const date = (value: Date) => formatDate(locale, value);
  const [revokeForm, revokeFields] = useForm({
    id: "revoke",
    lastResult: actionData?.intent === "revoke" ? actionData.result : undefined,
    constraint: getZodConstraint(RevokeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RevokeSchema }),
  });
  const [nameForm, nameFields] = useForm({
    id: "correct-name",
    lastResult: actionData?.intent === "correct-name" ? actionData.result : undefined,
    constraint: getZodConstraint(CorrectNameSchema),
    defaultValue: { name: certificate.learner.name },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectNameSchema }),
  });
  const reasonHintId = `${revokeFields.reason.id}-hint`;
  const selfPath = `/beheer/certificaat/${encodeURIComponent(certificate.code)}`;
  return (
    <div>
      <PageHeader
        back={{ to: "/beheer/certificaten", label: t("certAdmin.back") }}
        title={t("certAdmin.title", { code: certificate.code })}
      />
      {notice ? <Notice>{notice}</Notice> : null}

      <section className="section" aria-labelledby="summary-title">
        <h2 id="summary-title">{t("certAdmin.summary")}</h2>
        <dl className="details-list">
          <dt>{t("certAdmin.status")}</dt>
          <dd>
            <span aria-hidden="true">{STATUS_ICON[certificate.status]} </span>
            <strong>{t(`verify.status.${certificate.status}`)}</strong>
            {certificate.status === "revoked" && certificate.revokedAt ? (
              <>
                {" — "}
                {t("verify.status.revokedText", { date: date(certificate.revokedAt) })}{" "}
                {certificate.revokedReason
                  ? t("verify.status.revokedReason", { reason: certificate.revokedReason })
                  : null}
              </>
            ) : null}
          </dd>
          <dt>{t("certAdmin.learnerName")}</dt>
          <dd>{certificate.learnerName}</dd>
          <dt>{t("certAdmin.accountName")}</dt>
          <dd>{certificate.learner.name}</dd>
          <dt>{t("certAdmin.email")}</dt>
          <dd>{certificate.learner.email}</dd>
          <dt>{t("certAdmin.contentHash")}</dt>
          <dd>
            <code>{certificate.contentHash.slice(0, 12)}</code>
          </dd>
          <dt>{t("certAdmin.issued")}</dt>
          <dd>{date(certificate.issuedAt)}</dd>
          <dt>{t("certAdmin.version")}</dt>
          <dd>{certificate.version}</dd>
          <CertificateFactRows certificate={certificate} />
          <dt>{t("certAdmin.reminder")}</dt>
          <dd>{certificate.reminderSentAt ? date(certificate.reminderSentAt) : t("certAdmin.reminderNotSent")}</dd>
        </dl>
        <p>
          <Link to={`/certificaat/${certificate.code}`}>{t("certAdmin.publicPage")}</Link>
        </p>
      </section>

      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">{t("certAdmin.history")}</h2>
        <div className="table-wrapper" role="region" aria-labelledby="history-title" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("certAdmin.when")}</th>
                <th scope="col">{t("certAdmin.event")}</th>
                <th scope="col">{t("certAdmin.actor")}</th>
                <th scope="col">{t("certAdmin.eventDetails")}</th>
              </tr>
            </thead>
            <tbody>
              {certificate.history.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDate(locale, entry.createdAt, "datetime")}</td>
                  <th scope="row">{eventLabel(t, locale, entry.action)}</th>
                  <td>
                    {entry.actor === null
                      ? t("certAdmin.actorSystem")
                      : entry.actor === "deleted"
                        ? t("certAdmin.actorDeleted")
                        : entry.actor.name}
                  </td>
                  <td>{eventDetails(t, entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section form" aria-labelledby="name-title">
        <h2 id="name-title">{t("certAdmin.name.title")}</h2>
        <p>{t("certAdmin.name.intro")}</p>
        <Form method="post" {...getFormProps(nameForm)}>
          <input type="hidden" name="intent" value="correct-name" />
          <FormErrors id={nameForm.errorId} errors={nameForm.errors} />
          <Field label={t("certAdmin.name.label")} meta={nameFields.name} type="text" autoComplete="off" />
          <ButtonGroup>
            <Button>{t("certAdmin.name.submit")}</Button>
          </ButtonGroup>
        </Form>
      </section>

      {certificate.status === "revoked" ? null : (
        <section className="section form" aria-labelledby="revoke-title">
          <h2 id="revoke-title">{t("certAdmin.revoke.title")}</h2>
          <p>{t("certAdmin.revoke.intro")}</p>
          {confirmingRevoke || actionData?.intent === "revoke" ? (
            <ConfirmPanel
              id="revoke-confirm"
              title={t("certAdmin.revoke.confirmTitle", { code: certificate.code })}
              text={t("certAdmin.revoke.confirmText")}
            >
              <Form method="post" action={`${selfPath}?intrekken=1`} {...getFormProps(revokeForm)}>
                <input type="hidden" name="intent" value="revoke" />
                <FormErrors
                  id={revokeForm.errorId}
                  errors={[...(revokeForm.errors ?? []), ...(revokeFields.confirm.errors ?? [])]}
                />
                <div className="field">
                  <label htmlFor={revokeFields.reason.id}>{t("certAdmin.revoke.reason")}</label>
                  <p id={reasonHintId} className="field-hint">
                    {t("certAdmin.revoke.reasonHint")}
                  </p>
                  <textarea
                    {...getTextareaProps(revokeFields.reason, { ariaDescribedBy: reasonHintId })}
                    key={revokeFields.reason.key}
                    rows={3}
                  />
                  <ErrorList id={revokeFields.reason.errorId} errors={revokeFields.reason.errors} />
                </div>
                <ConfirmButtons confirmLabel={t("certAdmin.revoke.confirm")} cancelTo={selfPath} />
              </Form>
            </ConfirmPanel>
          ) : (
            <ButtonGroup>
              <ButtonLink variant="danger-outline" to={`${selfPath}?intrekken=1#revoke-confirm`}>
                {t("certAdmin.revoke.submit")}
              </ButtonLink>
            </ButtonGroup>
          )}
        </section>
      )}
    </div>
  );
}

function eventLabel(t: Translate, locale: Locale, action: string): string {
  const key = `certAdmin.action.${action}`;
  return isMessageKey(key, locale) ? t(key) : action;
}

function eventDetails(t: Translate, entry: CertificateHistoryEntry): string {
  const { details } = entry;
  if (entry.action === "reissued" && details.previousName !== undefined && details.learnerName !== undefined) {
    return t("certAdmin.detail.renamed", { previousName: details.previousName, learnerName: details.learnerName });
  }
  if (entry.action === "revoked" && details.reason !== undefined)
    return t("certAdmin.detail.reason", { reason: details.reason });
  if (entry.action === "issued" && details.learnerName !== undefined)
    return t("certAdmin.detail.issuedName", { name: details.learnerName });
  if (entry.action === "reminded" && details.locale !== undefined) {
    return t("certAdmin.detail.language", { language: details.locale === "en" ? "English" : "Nederlands" });
  }
  return "";
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
