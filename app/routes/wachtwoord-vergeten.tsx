import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";

import { requestPasswordReset } from "~/auth/accounts.server";
import { ForgotPasswordSchema } from "~/auth/schemas";
import { clientIp, retryAfterMinutes } from "~/auth/throttle.server";
import { Field, FormErrors, Notice } from "~/components/forms";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  return { pageTitle: t("forgot.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const { locale, t } = await getTranslator(request);
  const outcome = await requestPasswordReset({
    email: submission.value.email,
    ip: clientIp(request, context),
    locale,
  });
  if (!outcome.ok) {
    const minutes = retryAfterMinutes(outcome.retryAfterSeconds);
    return data(
      { result: submission.reply({ formErrors: [t("forgot.throttled", { minutes })] }), sent: false },
      { status: 429 },
    );
  }
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <div className="form">
      <h1>{t("forgot.title")}</h1>
      {actionData?.sent ? <Notice>{t("forgot.sent")}</Notice> : <p>{t("forgot.intro")}</p>}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("forgot.email")} meta={fields.email} type="email" autoComplete="email" />
        <button type="submit" className="button">
          {t("forgot.submit")}
        </button>
      </Form>
    </div>
  );
}
