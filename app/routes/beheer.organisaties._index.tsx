import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { DataTable } from "~/components/admin-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, Notice, SelectField } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { SECTORS } from "~/domain/constants";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { TrainerEmailField, TrainerTable, trainerErrorMessage } from "~/components/organisations";
import {
  createOrganisation,
  listOrganisations,
  listSwadWideTrainers,
  listTrainers,
  setSwadWide,
} from "~/organisations/organisations.server";
import { OrganisationSchema, OrganisationsIntentSchema, TrainerEmailSchema } from "~/organisations/schemas";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:organisations:any");
  const { t } = await getTranslator(request, admin);
  const [organisations, swadWide, trainers] = await Promise.all([
    listOrganisations(prisma),
    listSwadWideTrainers(prisma),
    listTrainers(prisma),
  ]);
  return { pageTitle: t("organisations.title"), organisations, swadWide, trainers };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:organisations:any");
  const { t } = await getTranslator(request, admin);
  const formData = await readFormData(request);
  const intent = OrganisationsIntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return data({ intent: null, error: t("validation.tampered") }, { status: 400 });

  if (intent.data === "create") {
    const submission = parseWithZod(formData, { schema: OrganisationSchema });
    if (submission.status !== "success")
      return data({ intent: intent.data, result: submission.reply() }, { status: 400 });
    const created = await createOrganisation(prisma, { actorId: admin.id, input: submission.value });
    return redirect(`/beheer/organisaties/${created.id}?aangemaakt=1`);
  }

  const swadWide = intent.data === "swad-set";
  const submission = parseWithZod(formData, { schema: TrainerEmailSchema });
  if (submission.status !== "success")
    return data({ intent: intent.data, result: submission.reply() }, { status: 400 });
  const result = await setSwadWide(prisma, { actorId: admin.id, email: submission.value.email, swadWide });
  if (!result.ok) {
    const message = trainerErrorMessage(t, result);
    return data(
      {
        intent: intent.data,
        result: submission.reply({ fieldErrors: { email: [message] } }),
        notTrainer: result.error === "not_trainer",
      },
      { status: 400 },
    );
  }
  return data({
    intent: intent.data,
    notice: t(swadWide ? "organisations.swadSet" : "organisations.swadUnset", { name: result.name }),
  });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function OrganisationsPage() {
  const { organisations, swadWide, trainers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [createForm, createFields] = useForm({
    id: "create-organisation",
    lastResult: actionData && "result" in actionData && actionData.intent === "create" ? actionData.result : undefined,
    constraint: getZodConstraint(OrganisationSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
  });
  const [swadForm, swadFields] = useForm({
    id: "swad-wide",
    lastResult:
      actionData && "result" in actionData && actionData.intent === "swad-set" ? actionData.result : undefined,
    constraint: getZodConstraint(TrainerEmailSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrainerEmailSchema }),
  });
  return (
    <div>
      <h1>{t("organisations.title")}</h1>
      <p className="lead">{t("organisations.intro")}</p>
      {actionData && "notice" in actionData && actionData.notice ? <Notice>{actionData.notice}</Notice> : null}
      <FormErrors
        id="organisations-errors"
        errors={actionData && "error" in actionData && actionData.error ? [actionData.error] : null}
      />
      <DataTable
        caption={t("organisations.listCaption")}
        captionClassName=""
        columns={[
          t("organisations.name"),
          t("organisations.sector"),
          t("organisations.learners"),
          t("organisations.cohorts"),
          t("organisations.trainers"),
        ]}
        rows={organisations}
        empty={t("organisations.empty")}
      >
        {(o) => (
          <tr key={o.id}>
            <th scope="row">
              <Link to={`/beheer/organisaties/${o.id}`}>{o.name}</Link>
            </th>
            <td>{t(`sector.${o.sector as "other"}`)}</td>
            <td>{o.learners}</td>
            <td>{o.cohorts}</td>
            <td>{o.trainers}</td>
          </tr>
        )}
      </DataTable>

      <section aria-labelledby="create-title" className="form">
        <h2 id="create-title">{t("organisations.createTitle")}</h2>
        <Form method="post" {...getFormProps(createForm)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrors id={createForm.errorId} errors={createForm.errors} />
          <Field label={t("organisations.name")} meta={createFields.name} type="text" autoComplete="organization" />
          <SelectField
            label={t("organisations.sector")}
            meta={createFields.sector}
            options={[{ value: "", label: "—" }, ...SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))]}
          />
          <button type="submit" className="button">
            {t("organisations.createSubmit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="swad-title">
        <h2 id="swad-title">{t("organisations.swadTitle")}</h2>
        <p>{t("organisations.swadIntro")}</p>
        {swadWide.length === 0 ? (
          <p>{t("organisations.swadEmpty")}</p>
        ) : (
          <TrainerTable
            caption={t("organisations.swadCaption")}
            trainers={swadWide}
            intent="swad-unset"
            fields={(trainer) => ({ email: trainer.email })}
            buttonText={t("organisations.swadUndo")}
            buttonLabel={(name) => t("organisations.swadUndoFor", { name })}
          />
        )}
        <Form method="post" {...getFormProps(swadForm)} className="form">
          <input type="hidden" name="intent" value="swad-set" />
          <TrainerEmailField
            label={t("organisations.swadEmail")}
            hint={t("organisations.appointHint")}
            meta={swadFields.email}
            trainers={trainers}
            showUsersLink={Boolean(actionData && "notTrainer" in actionData && actionData.notTrainer)}
          />
          <button type="submit" className="button">
            {t("organisations.swadSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
