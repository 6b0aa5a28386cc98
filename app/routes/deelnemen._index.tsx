import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";

import { getSessionUser } from "~/auth/session.server";
import { clientIp, retryAfterMinutes } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { resolveJoinCode } from "~/organisations/cohort-membership.server";
import { joinPath } from "~/organisations/join-code";
import { joinThrottleKeys, lookUpJoinCode } from "~/organisations/join-throttle.server";
import { JoinCodeEntrySchema } from "~/organisations/schemas";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  const { t } = await getTranslator(request, found?.user);
  return { pageTitle: t("cohorts.join.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const found = await getSessionUser(request);
  const { t } = await getTranslator(request, found?.user);
  const submission = parseWithZod(await readFormData(request), { schema: JoinCodeEntrySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const now = new Date();
  const keys = joinThrottleKeys({ ip: clientIp(request, context), userId: found?.user.id });
  const lookup = await lookUpJoinCode(prisma, { keys, now }, () => resolveJoinCode(prisma, submission.value.code));
  if (lookup.throttled) {
    return data(
      submission.reply({
        fieldErrors: {
          code: [t("cohorts.join.throttled", { minutes: retryAfterMinutes(lookup.retryAfterSeconds) })],
        },
      }),
      { status: 429 },
    );
  }
  const target = lookup.found;
  if (target?.kind === "cohort") return redirect(joinPath(target.joinCode));
  if (target?.kind === "organisation") {
    return data(submission.reply({ fieldErrors: { code: [t("cohorts.join.organisationCode")] } }), { status: 400 });
  }
  return data(submission.reply({ fieldErrors: { code: [t("cohorts.join.codeUnknown")] } }), { status: 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function JoinPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "join-code",
    lastResult,
    defaultValue: { code: searchParams.get("code") ?? "" },
    constraint: getZodConstraint(JoinCodeEntrySchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinCodeEntrySchema }),
  });
  return (
    <div className="form">
      <h1>{t("cohorts.join.title")}</h1>
      <p>{t("cohorts.join.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("cohorts.join.codeLabel")}
          hint={t("cohorts.join.codeHint")}
          meta={fields.code}
          type="text"
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t("cohorts.join.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
