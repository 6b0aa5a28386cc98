import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { deleteAccount } from "~/account/privacy.server";
import { changePassword, setUserLocale } from "~/auth/accounts.server";
import { ChangePasswordSchema, DeleteAccountSchema, LanguagePreferenceSchema } from "~/auth/schemas";
import { createUserSession, destroyUserSession, requireUser } from "~/auth/session.server";
import { retryAfterMinutes } from "~/auth/throttle.server";
import { Button, ButtonGroup, ButtonLink } from "~/components/buttons";
import { ConfirmButtons, ConfirmPanel } from "~/components/confirm";
import { Field, FormErrors, Notice, SelectField } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { LOCALES } from "~/domain/constants";
import { getTranslator, localeCookie } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { learningEvents } from "~/learning-events.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request, user);
  const organisation = user.organisationId
    ? await prisma.organisation.findUnique({ where: { id: user.organisationId }, select: { name: true } })
    : null;
  const url = new URL(request.url);
  return {
    pageTitle: t("account.title"),
    account: { name: user.name, email: user.email, role: user.role, sector: user.sector, locale: user.locale },
    organisationName: organisation?.name ?? null,
    confirmingDelete: url.searchParams.get("verwijderen") === "1",
    notice:
      url.searchParams.get("wachtwoord") === "gewijzigd"
        ? t("account.password.changed")
        : url.searchParams.get("taal") === "opgeslagen"
          ? t("account.language.saved")
          : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");

  if (intent === "language") {
    const submission = parseWithZod(formData, { schema: LanguagePreferenceSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await setUserLocale(user.id, submission.value.locale);
    return redirect("/account?taal=opgeslagen", {
      headers: { "Set-Cookie": await localeCookie.serialize(submission.value.locale) },
    });
  }

  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    const hidden = ["currentPassword", "password", "confirmPassword"];
    if (submission.status !== "success")
      return data({ intent, result: submission.reply({ hideFields: hidden }) }, { status: 400 });
    const outcome = await changePassword(user.id, submission.value.currentPassword, submission.value.password);
    if (!outcome.ok) {
      const { t } = await getTranslator(request, user);
      const fieldErrors =
        outcome.error === "throttled"
          ? { currentPassword: [t("login.throttled", { minutes: retryAfterMinutes(outcome.retryAfterSeconds) })] }
          : { currentPassword: [t("account.password.wrong")] };
      return data({ intent, result: submission.reply({ fieldErrors, hideFields: hidden }) }, { status: 400 });
    }
    // All sessions (this one too) were revoked; continue here in a new one.
    return createUserSession(user.id, { redirectTo: "/account?wachtwoord=gewijzigd", request });
  }

  if (intent === "delete") {
    const submission = parseWithZod(formData, { schema: DeleteAccountSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
    const outcome = await deleteAccount(prisma, {
      userId: user.id,
      password: submission.value.password,
      events: learningEvents,
    });
    if (!outcome.ok) {
      const { t } = await getTranslator(request, user);
      const message =
        outcome.error === "throttled"
          ? t("login.throttled", { minutes: retryAfterMinutes(outcome.retryAfterSeconds) })
          : outcome.error === "last_admin"
            ? t("account.delete.lastAdmin")
            : t("account.delete.wrongPassword");
      const result =
        outcome.error === "last_admin"
          ? submission.reply({ formErrors: [message], hideFields: ["password"] })
          : submission.reply({ fieldErrors: { password: [message] }, hideFields: ["password"] });
      return data({ intent, result }, { status: outcome.error === "throttled" ? 429 : 400 });
    }
    // The cascade already removed every session of the account; this clears the browser's cookie.
    return destroyUserSession(request, "/?account=verwijderd");
  }

  throw new Response("Bad request", { status: 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function AccountPage() {
  const { account, organisationName, notice, confirmingDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [languageForm, languageFields] = useForm({
    id: "language",
    lastResult: actionData?.intent === "language" ? actionData.result : undefined,
    defaultValue: { locale: account.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LanguagePreferenceSchema }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const [deleteForm, deleteFields] = useForm({
    id: "delete",
    lastResult: actionData?.intent === "delete" ? actionData.result : undefined,
    constraint: getZodConstraint(DeleteAccountSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
  });
  return (
    <div>
      <h1>{t("account.title")}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <section className="section" aria-labelledby="details-title">
        <h2 id="details-title">{t("account.details")}</h2>
        <dl className="details-list">
          <dt>{t("account.name")}</dt>
          <dd>{account.name}</dd>
          <dt>{t("account.email")}</dt>
          <dd>{account.email}</dd>
          <dt>{t("account.role")}</dt>
          <dd>{t(`role.${account.role}`)}</dd>
          <dt>{t("account.sector")}</dt>
          <dd>{t(`sector.${account.sector}`)}</dd>
          <dt>{t("account.organisation")}</dt>
          <dd>{organisationName ?? t("account.none")}</dd>
        </dl>
      </section>

      <section className="section form" aria-labelledby="language-title">
        <h2 id="language-title">{t("account.language.title")}</h2>
        <Form method="post" {...getFormProps(languageForm)}>
          <input type="hidden" name="intent" value="language" />
          <FormErrors id={languageForm.errorId} errors={languageForm.errors} />
          <SelectField
            label={t("account.language.label")}
            meta={languageFields.locale}
            options={LOCALES.map((l) => ({ value: l, label: l === "nl" ? "Nederlands" : "English", lang: l }))}
          />
          <ButtonGroup>
            <Button>{t("account.language.submit")}</Button>
          </ButtonGroup>
        </Form>
      </section>

      <section className="section form" aria-labelledby="password-title">
        <h2 id="password-title">{t("account.password.title")}</h2>
        <p>{t("account.password.intro")}</p>
        <Form method="post" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <Field
            label={t("account.password.current")}
            meta={passwordFields.currentPassword}
            type="password"
            autoComplete="current-password"
          />
          <Field
            label={t("account.password.new")}
            hint={t("register.passwordHint")}
            meta={passwordFields.password}
            type="password"
            autoComplete="new-password"
          />
          <Field
            label={t("account.password.confirm")}
            meta={passwordFields.confirmPassword}
            type="password"
            autoComplete="new-password"
          />
          <ButtonGroup>
            <Button>{t("account.password.submit")}</Button>
          </ButtonGroup>
        </Form>
      </section>

      <section className="section" aria-labelledby="registrations-title">
        <h2 id="registrations-title">{t("registrations.title")}</h2>
        <p>{t("registrations.accountIntro")}</p>
        <p>
          <Link to="/account/registraties">{t("registrations.manage")}</Link>
        </p>
      </section>

      <section className="section" aria-labelledby="data-title">
        <h2 id="data-title">{t("account.data.title")}</h2>
        <p>{t("account.data.intro")}</p>
        {/* A plain link, not <Link>: the response is a file download, not a page to route to. */}
        <ButtonGroup>
          <a className="button button--secondary" href="/account/export" download>
            {t("account.data.download")}
          </a>
        </ButtonGroup>
      </section>

      <section className="section form" aria-labelledby="delete-title">
        <h2 id="delete-title">{t("account.delete.title")}</h2>
        <p>{t("account.delete.intro")}</p>
        <p>
          <strong>{t("account.delete.irreversible")}</strong>
        </p>
        {confirmingDelete || actionData?.intent === "delete" ? (
          <ConfirmPanel
            id="delete-confirm"
            title={t("account.delete.confirmTitle")}
            text={t("account.delete.confirmText")}
          >
            <Form method="post" action="/account?verwijderen=1" {...getFormProps(deleteForm)}>
              <input type="hidden" name="intent" value="delete" />
              <FormErrors
                id={deleteForm.errorId}
                errors={[...(deleteForm.errors ?? []), ...(deleteFields.confirm.errors ?? [])]}
              />
              <Field
                label={t("account.delete.password")}
                hint={t("account.delete.passwordHint")}
                meta={deleteFields.password}
                type="password"
                autoComplete="current-password"
              />
              <ConfirmButtons confirmLabel={t("account.delete.confirm")} cancelTo="/account" />
            </Form>
          </ConfirmPanel>
        ) : (
          <ButtonGroup>
            <ButtonLink variant="danger-outline" to="/account?verwijderen=1#delete-confirm">
              {t("account.delete.start")}
            </ButtonLink>
          </ButtonGroup>
        )}
      </section>
    </div>
  );
}
