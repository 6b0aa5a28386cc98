import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";

import { createAccounts } from "~/auth/accounts.server";
import { RegisterSchema } from "~/auth/schemas";
import { requireAnonymous } from "~/auth/session.server";
import { clientIp, retryAfterMinutes } from "~/auth/throttle.server";
import { Field, FormErrors, Notice, SelectField } from "~/components/forms";
import { LOCALES, SECTORS } from "~/domain/constants";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { learningEvents } from "~/learning-events.server";
import { signUpJoinCodes } from "~/organisations/sign-up.server";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const { t } = await getTranslator(request);
  return { pageTitle: t("register.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: RegisterSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), sentTo: null }, { status: 400 });
  }
  const { t } = await getTranslator(request);
  const { redirectTo, joinCode, ...input } = submission.value;
  // Wired here, not at module scope: this module is also bundled for the browser.
  const { requestSignup } = createAccounts({ joinCodes: signUpJoinCodes(learningEvents) });
  const result = await requestSignup({
    ...input,
    joinCode: joinCode || null,
    redirectTo: redirectTo || null,
    ip: clientIp(request, context),
  });
  if (!result.ok) {
    const minutes = result.error === "throttled" ? retryAfterMinutes(result.retryAfterSeconds) : 0;
    const reply =
      result.error === "cohort_closed"
        ? { fieldErrors: { joinCode: [t("cohorts.join.closed")] } }
        : result.error === "throttled"
          ? { formErrors: [t("register.throttled", { minutes })] }
          : { fieldErrors: { joinCode: [t("register.invalidJoinCode")] } };
    return data(
      { result: submission.reply({ ...reply, hideFields: ["password"] }), sentTo: null },
      { status: result.error === "throttled" ? 429 : 400 },
    );
  }
  // The same page whether or not the address has an account (see requestSignup): the account is
  // made from the link in the mail, which also signs the learner in.
  return data({ result: submission.reply({ resetForm: true }), sentTo: input.email });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function RegisterPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useTranslation();
  const [form, fields] = useForm({
    id: "register",
    lastResult: actionData?.result,
    constraint: getZodConstraint(RegisterSchema),
    defaultValue: { locale, joinCode: searchParams.get("code") ?? "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
  });
  if (actionData?.sentTo) {
    return (
      <div className="form">
        <h1>{t("register.sentTitle")}</h1>
        <Notice>{t("register.sent", { email: actionData.sentTo })}</Notice>
      </div>
    );
  }
  return (
    <div className="form">
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label={t("register.name")}
          hint={t("register.nameHint")}
          meta={fields.name}
          type="text"
          autoComplete="name"
        />
        <Field label={t("register.email")} meta={fields.email} type="email" autoComplete="email" />
        <Field
          label={t("register.password")}
          hint={t("register.passwordHint")}
          meta={fields.password}
          type="password"
          autoComplete="new-password"
        />
        <SelectField
          label={t("register.locale")}
          meta={fields.locale}
          options={LOCALES.map((l) => ({ value: l, label: l === "nl" ? "Nederlands" : "English", lang: l }))}
        />
        <SelectField
          label={t("register.sector")}
          meta={fields.sector}
          options={[{ value: "", label: "—" }, ...SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))]}
        />
        <Field
          label={t("register.joinCode")}
          hint={t("register.joinCodeHint")}
          optional
          meta={fields.joinCode}
          type="text"
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t("register.submit")}
        </button>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/inloggen">{t("nav.login")}</Link>
      </p>
    </div>
  );
}
