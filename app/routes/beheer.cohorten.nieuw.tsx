import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, FormErrors, SelectField } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { requireCohortManager } from "~/organisations/access.server";
import styles from "~/organisations/cohorts.css";
import { createCohort, listCohortModuleChoices, listScopeOrganisations } from "~/organisations/cohorts.server";
import { CohortSchema } from "~/organisations/schemas";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireCohortManager(prisma, request);
  const { locale, t } = await getTranslator(request, user);
  const [organisations, modules] = await Promise.all([
    listScopeOrganisations(prisma, scope),
    listCohortModuleChoices(prisma, locale),
  ]);
  return { pageTitle: t("cohorts.new"), organisations, modules };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requireCohortManager(prisma, request);
  const submission = parseWithZod(await readFormData(request), { schema: CohortSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createCohort(prisma, { scope, actorId: user.id, input: submission.value, now: new Date() });
  if (!result.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([field, key]) => [field, [key]]));
    return data(submission.reply({ fieldErrors }), { status: 400 });
  }
  return redirect(`/beheer/cohorten/${result.id}?aangemaakt=1`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function NewCohortPage() {
  const { organisations, modules } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "new-cohort",
    lastResult,
    defaultValue: { organisationId: organisations.length === 1 ? organisations[0]?.id : "" },
    constraint: getZodConstraint(CohortSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CohortSchema }),
  });
  const chosen = new Set(Array.isArray(fields.modules.initialValue) ? fields.modules.initialValue : []);
  const modulesHintId = `${fields.modules.id}-hint`;
  const deadlineHintId = `${fields.deadline.id}-hint`;
  // A text field, not type="date": browsers show a date field in their own language's order,
  // while this form asks for the Dutch dd-mm-jjjj the rest of the interface uses.
  const deadlineProps = getInputProps(fields.deadline, { type: "text", ariaDescribedBy: deadlineHintId });
  return (
    <div>
      <p>
        <Link to="/beheer/cohorten">{t("cohorts.back")}</Link>
      </p>
      <h1>{t("cohorts.new")}</h1>
      {organisations.length === 0 ? (
        <p>{t("cohorts.noOrganisations")}</p>
      ) : (
        <div className="form">
          <p>{t("cohorts.newIntro")}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field
              label={t("cohorts.nameLabel")}
              hint={t("cohorts.nameHint")}
              meta={fields.name}
              type="text"
              autoComplete="off"
            />
            <SelectField
              label={t("cohorts.organisationLabel")}
              meta={fields.organisationId}
              options={[
                ...(organisations.length === 1 ? [] : [{ value: "", label: "—" }]),
                ...organisations.map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
            <fieldset
              className="choice-list"
              aria-describedby={`${modulesHintId}${fields.modules.errors ? ` ${fields.modules.errorId}` : ""}`}
            >
              <legend>{t("cohorts.modulesLegend")}</legend>
              <p id={modulesHintId} className="field-hint">
                {t("cohorts.modulesHint")}
              </p>
              {modules.map((module) => (
                <div key={module.id} className="choice-list__option">
                  <input
                    type="checkbox"
                    id={`module-${module.id}`}
                    name={fields.modules.name}
                    value={module.id}
                    defaultChecked={chosen.has(module.id)}
                    aria-invalid={fields.modules.errors ? true : undefined}
                  />
                  <label htmlFor={`module-${module.id}`} lang={module.locale}>
                    {module.title}
                  </label>
                </div>
              ))}
              <ErrorList id={fields.modules.errorId} errors={fields.modules.errors} />
            </fieldset>
            <div className="field">
              <label htmlFor={fields.deadline.id}>
                {t("cohorts.deadlineLabel")}
                <span className="field-optional"> ({t("form.optional")})</span>
              </label>
              <p id={deadlineHintId} className="field-hint">
                {t("cohorts.deadlineHint")}
              </p>
              <input {...deadlineProps} key={deadlineProps.key} autoComplete="off" />
              <ErrorList id={fields.deadline.errorId} errors={fields.deadline.errors} />
            </div>
            <button type="submit" className="button">
              {t("cohorts.submit")}
            </button>
          </Form>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
