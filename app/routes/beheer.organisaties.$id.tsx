import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { ConfirmButtons, ConfirmPanel } from "~/components/confirm";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, Notice, SelectField } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { missesConfirmation } from "~/domain/confirmation";
import { SECTORS } from "~/domain/constants";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { TrainerEmailField, TrainerTable, trainerErrorMessage } from "~/components/organisations";
import {
  appointTrainer,
  getOrganisation,
  listTrainers,
  removeTrainer,
  updateOrganisation,
} from "~/organisations/organisations.server";
import {
  OrganisationIntentSchema,
  OrganisationSchema,
  RemoveTrainerSchema,
  TrainerEmailSchema,
} from "~/organisations/schemas";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:organisations:any");
  const { t } = await getTranslator(request, admin);
  const [organisation, trainers] = await Promise.all([getOrganisation(prisma, params.id ?? ""), listTrainers(prisma)]);
  if (!organisation) throw notFound();
  const appointed = new Set(organisation.trainers.map((trainer) => trainer.id));
  return {
    pageTitle: `${organisation.name} · ${t("organisations.title")}`,
    organisation,
    candidates: trainers.filter((trainer) => !appointed.has(trainer.id)),
    created: new URL(request.url).searchParams.get("aangemaakt") === "1",
    removing: new URL(request.url).searchParams.get("verwijderen"),
    removed: new URL(request.url).searchParams.get("verwijderd") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:organisations:any");
  const { t } = await getTranslator(request, admin);
  const organisationId = params.id ?? "";
  const formData = await readFormData(request);
  const intent = OrganisationIntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return data({ intent: null, error: t("validation.tampered") }, { status: 400 });

  if (intent.data === "update") {
    const submission = parseWithZod(formData, { schema: OrganisationSchema });
    if (submission.status !== "success")
      return data({ intent: intent.data, result: submission.reply() }, { status: 400 });
    const result = await updateOrganisation(prisma, { actorId: admin.id, id: organisationId, input: submission.value });
    if (!result.ok) throw notFound();
    return data({ intent: intent.data, result: submission.reply(), notice: t("organisations.saved") });
  }

  if (intent.data === "appoint") {
    const submission = parseWithZod(formData, { schema: TrainerEmailSchema });
    if (submission.status !== "success")
      return data({ intent: intent.data, result: submission.reply() }, { status: 400 });
    const result = await appointTrainer(prisma, { actorId: admin.id, organisationId, email: submission.value.email });
    if (!result.ok) {
      if (result.error === "not_found") throw notFound();
      return data(
        {
          intent: intent.data,
          result: submission.reply({ fieldErrors: { email: [trainerErrorMessage(t, result)] } }),
          notTrainer: result.error === "not_trainer",
        },
        { status: 400 },
      );
    }
    return data({
      intent: intent.data,
      result: submission.reply({ resetForm: true }),
      notice: t("organisations.appointed", { name: result.name }),
    });
  }

  const parsed = RemoveTrainerSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const error = missesConfirmation(parsed.error) ? t("validation.confirmRequired") : t("validation.tampered");
    return data({ intent: intent.data, error }, { status: 400 });
  }
  if (!(await getOrganisation(prisma, organisationId))) throw notFound();
  const result = await removeTrainer(prisma, { actorId: admin.id, organisationId, userId: parsed.data.userId });
  if (!result.ok) return data({ intent: intent.data, error: t("organisations.trainerNotFound") }, { status: 404 });
  return redirect(`/beheer/organisaties/${encodeURIComponent(organisationId)}?verwijderd=1`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function OrganisationPage() {
  const { organisation, candidates, created, removed, removing } = useLoaderData<typeof loader>();
  const selfPath = `/beheer/organisaties/${encodeURIComponent(organisation.id)}`;
  const toRemove = organisation.trainers.find((trainer) => trainer.id === removing) ?? null;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const resultFor = (intent: string) =>
    actionData && "result" in actionData && actionData.intent === intent ? actionData.result : undefined;
  const [editForm, editFields] = useForm({
    id: "edit-organisation",
    lastResult: resultFor("update"),
    defaultValue: { name: organisation.name, sector: organisation.sector },
    constraint: getZodConstraint(OrganisationSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
  });
  const [appointForm, appointFields] = useForm({
    id: "appoint-trainer",
    lastResult: resultFor("appoint"),
    constraint: getZodConstraint(TrainerEmailSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrainerEmailSchema }),
  });
  const notice =
    actionData && "notice" in actionData && typeof actionData.notice === "string"
      ? actionData.notice
      : created
        ? t("organisations.created")
        : removed
          ? t("organisations.removed")
          : null;
  return (
    <div>
      <p>
        <Link to="/beheer/organisaties">{t("organisations.back")}</Link>
      </p>
      <h1>{organisation.name}</h1>
      <p className="lead">{t(`sector.${organisation.sector as "other"}`)}</p>
      {notice ? <Notice>{notice}</Notice> : null}
      <FormErrors
        id="organisation-errors"
        errors={actionData && "error" in actionData && actionData.error ? [actionData.error] : null}
      />
      {organisation.joinCode ? (
        <p className="muted">{t("organisations.legacyJoinCode", { code: organisation.joinCode })}</p>
      ) : null}

      <section aria-labelledby="trainers-title">
        <h2 id="trainers-title">{t("organisations.trainersTitle")}</h2>
        <p>{t("organisations.trainersIntro")}</p>
        {organisation.trainers.length === 0 ? (
          <p>{t("organisations.noTrainers")}</p>
        ) : (
          <TrainerTable
            caption={t("organisations.trainersCaption")}
            trainers={organisation.trainers}
            intent="remove"
            fields={(trainer) => ({ userId: trainer.id })}
            buttonText={t("organisations.remove")}
            buttonLabel={(name) => t("organisations.removeFor", { name })}
            confirmHref={(trainer) => `${selfPath}?verwijderen=${encodeURIComponent(trainer.id)}#remove-confirm`}
          />
        )}
        {toRemove ? (
          <ConfirmPanel
            id="remove-confirm"
            title={t("organisations.removeConfirmTitle")}
            text={t("organisations.removeConfirmText", { name: toRemove.name })}
          >
            <Form method="post" action={selfPath}>
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="userId" value={toRemove.id} />
              <ConfirmButtons confirmLabel={t("organisations.removeConfirm")} cancelTo={selfPath} />
            </Form>
          </ConfirmPanel>
        ) : null}
        <h3>{t("organisations.appointTitle")}</h3>
        <Form method="post" {...getFormProps(appointForm)} className="form">
          <input type="hidden" name="intent" value="appoint" />
          <TrainerEmailField
            label={t("organisations.appointEmail")}
            hint={t("organisations.appointHint")}
            meta={appointFields.email}
            trainers={candidates}
            showUsersLink={Boolean(actionData && "notTrainer" in actionData && actionData.notTrainer)}
          />
          <button type="submit" className="button">
            {t("organisations.appointSubmit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="edit-title" className="form">
        <h2 id="edit-title">{t("organisations.editTitle")}</h2>
        <Form method="post" {...getFormProps(editForm)}>
          <input type="hidden" name="intent" value="update" />
          <FormErrors id={editForm.errorId} errors={editForm.errors} />
          <Field label={t("organisations.name")} meta={editFields.name} type="text" autoComplete="organization" />
          <SelectField
            label={t("organisations.sector")}
            meta={editFields.sector}
            options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
          />
          <button type="submit" className="button">
            {t("organisations.editSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
