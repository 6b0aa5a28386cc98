import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";

import { resetPassword } from "~/auth/accounts.server";
import { ResetPasswordSchema } from "~/auth/schemas";
import { Field, FormErrors } from "~/components/forms";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  return { pageTitle: t("reset.title") };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: ResetPasswordSchema });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply({ hideFields: ["password", "confirmPassword"] }), invalidToken: false },
      { status: 400 },
    );
  }
  const outcome = await resetPassword(submission.value.token, submission.value.password);
  if (!outcome.ok) {
    const { t } = await getTranslator(request);
    return data(
      {
        result: submission.reply({
          formErrors: [t("reset.invalidToken")],
          hideFields: ["password", "confirmPassword"],
        }),
        invalidToken: true,
      },
      { status: 400 },
    );
  }
  // Every session was ended by the reset; the learner logs in with the new password.
  return redirect("/inloggen?hersteld=1");
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ResetPasswordPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  return (
    <div className="form">
      <h1>{t("reset.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {actionData?.invalidToken ? (
          <p>
            <Link to="/wachtwoord-vergeten">{t("reset.requestNew")}</Link>
          </p>
        ) : null}
        <input type="hidden" name="token" value={searchParams.get("token") ?? ""} />
        <Field
          label={t("reset.password")}
          hint={t("register.passwordHint")}
          meta={fields.password}
          type="password"
          autoComplete="new-password"
        />
        <Field label={t("reset.confirm")} meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <button type="submit" className="button">
          {t("reset.submit")}
        </button>
      </Form>
    </div>
  );
}
