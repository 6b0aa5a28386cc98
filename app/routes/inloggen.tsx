import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";

import { authenticate } from "~/auth/accounts.server";
import { LoginSchema } from "~/auth/schemas";
import { createUserSession, requireAnonymous } from "~/auth/session.server";
import { clientIp, retryAfterMinutes } from "~/auth/throttle.server";
import { Field, FormErrors, Notice } from "~/components/forms";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  return {
    pageTitle: t("login.title"),
    notice:
      url.searchParams.get("verlopen") === "1"
        ? t("login.sessionExpired")
        : url.searchParams.get("hersteld") === "1"
          ? t("reset.done")
          : null,
  };
}

// No requireAnonymous here: a login posted while someone else is signed in (a shared computer, a
// stale tab) replaces that session. createUserSession ends the one the request carried.
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { t } = await getTranslator(request);
  const result = await authenticate({ ...submission.value, ip: clientIp(request, context), signal: request.signal });
  if (!result.ok) {
    const message =
      result.error === "throttled"
        ? t("login.throttled", { minutes: retryAfterMinutes(result.retryAfterSeconds) })
        : t("login.invalid");
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.error === "throttled" ? 429 : 400,
    });
  }
  return createUserSession(result.user.id, { redirectTo: submission.value.redirectTo, request });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function LoginPage() {
  const { notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <div className="form">
      <h1>{t("login.title")}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <Form method="post" {...getFormProps(form)} aria-describedby={form.errors ? form.errorId : undefined}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t("login.email")} meta={fields.email} type="email" autoComplete="email" />
        <Field label={t("login.password")} meta={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/wachtwoord-vergeten">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")}{" "}
        <Link
          to={`/registreren${searchParams.get("redirectTo") ? `?redirectTo=${encodeURIComponent(searchParams.get("redirectTo") ?? "")}` : ""}`}
        >
          {t("nav.register")}
        </Link>
      </p>
    </div>
  );
}
