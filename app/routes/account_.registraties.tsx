import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireUser } from "~/auth/session.server";
import {
  addRegistrationNumber,
  listRegistrationNumbers,
  MAX_NUMBERS_PER_REGISTER,
  removeRegistrationNumber,
} from "~/certificates/registration.server";
import { AddNumberSchema, numberErrorKey, RemoveNumberSchema } from "~/certificates/registration-forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ButtonLink } from "~/components/buttons";
import { ConfirmButtons, ConfirmPanel } from "~/components/confirm";
import { missesConfirmation } from "~/domain/confirmation";
import { Field, FormErrors, Notice, SelectField } from "~/components/forms";
import { TableRegion } from "~/components/table-region";
import { prisma } from "~/db/client.server";
import { REGISTER_INFO, REGISTERS } from "~/domain/registers";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

// account_ keeps this page out of the account page's layout: it is a page of its own at /account/registraties.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request, user);
  const url = new URL(request.url);
  const added = url.searchParams.get("toegevoegd");
  return {
    pageTitle: t("registrations.title"),
    numbers: await listRegistrationNumbers(prisma, user.id),
    notice:
      added && /^\d{1,12}$/.test(added)
        ? t("registrations.added", { number: added })
        : url.searchParams.get("verwijderd") === "1"
          ? t("registrations.removed")
          : null,
    removing: url.searchParams.get("verwijderen"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request, user);
  const formData = await readFormData(request);
  const intent = formData.get("intent");

  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: AddNumberSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), error: null }, { status: 400 });
    const { register, number } = submission.value;
    const outcome = await addRegistrationNumber(prisma, { userId: user.id, register, input: number });
    if (!outcome.ok) {
      const message =
        outcome.error === "duplicate"
          ? t("registrations.error.duplicate")
          : outcome.error === "too_many"
            ? t("registrations.error.tooMany", { max: MAX_NUMBERS_PER_REGISTER })
            : t(numberErrorKey(register, outcome.error));
      return data(
        { intent, result: submission.reply({ fieldErrors: { number: [message] } }), error: null },
        { status: 400 },
      );
    }
    return redirect(`/account/registraties?toegevoegd=${outcome.number}`);
  }

  if (intent === "remove") {
    const parsed = RemoveNumberSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const error = missesConfirmation(parsed.error) ? t("validation.confirmRequired") : t("validation.tampered");
      return data({ intent, result: null, error }, { status: 400 });
    }
    const removed = await removeRegistrationNumber(prisma, { userId: user.id, id: parsed.data.id });
    if (!removed) return data({ intent, result: null, error: t("registrations.notFound") }, { status: 404 });
    return redirect("/account/registraties?verwijderd=1");
  }

  throw new Response("Bad request", { status: 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function RegistrationNumbersPage() {
  const { numbers, notice, removing } = useLoaderData<typeof loader>();
  const toRemove = numbers.find((row) => row.id === removing) ?? null;
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-number",
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddNumberSchema }),
  });
  const registerOptions = REGISTERS.map((register) => ({
    value: register,
    label: `${REGISTER_INFO[register].name} (${t(`registrations.kind.${REGISTER_INFO[register].kind}`)})`,
  }));
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/account">{t("registrations.backToAccount")}</Link>
      </p>
      <h1>{t("registrations.title")}</h1>
      <p>{t("registrations.intro")}</p>
      {notice ? <Notice>{notice}</Notice> : null}

      <section className="section" aria-labelledby="numbers-title">
        <h2 id="numbers-title">{t("registrations.yours")}</h2>
        <FormErrors id="remove-errors" errors={actionData?.error ? [actionData.error] : null} />
        {toRemove ? (
          <ConfirmPanel
            id="remove-confirm"
            title={t("registrations.removeConfirmTitle")}
            text={t("registrations.removeConfirmText", {
              number: toRemove.number,
              register: REGISTER_INFO[toRemove.register].name,
            })}
          >
            <Form method="post" action="/account/registraties">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="id" value={toRemove.id} />
              <ConfirmButtons confirmLabel={t("registrations.removeConfirm")} cancelTo="/account/registraties" />
            </Form>
          </ConfirmPanel>
        ) : null}
        {numbers.length === 0 ? (
          <p>{t("registrations.none")}</p>
        ) : (
          <TableRegion caption={t("registrations.yours")}>
            <thead>
              <tr>
                <th scope="col">{t("registrations.register")}</th>
                <th scope="col">{t("registrations.number")}</th>
                <th scope="col">{t("registrations.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {numbers.map((row) => (
                <tr key={row.id}>
                  <td>{REGISTER_INFO[row.register].name}</td>
                  <td>{row.number}</td>
                  <td>
                    <ButtonLink
                      variant="danger-outline"
                      size="small"
                      to={`/account/registraties?verwijderen=${encodeURIComponent(row.id)}#remove-confirm`}
                      aria-label={t("registrations.removeLabel", {
                        number: row.number,
                        register: REGISTER_INFO[row.register].name,
                      })}
                    >
                      {t("registrations.remove")}
                    </ButtonLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>

      <section className="section form" aria-labelledby="add-title">
        <h2 id="add-title">{t("registrations.addTitle")}</h2>
        <p>{t("registrations.addIntro")}</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="add" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField label={t("registrations.registerLabel")} meta={fields.register} options={registerOptions} />
          <Field
            label={t("registrations.numberLabel")}
            hint={t("registrations.numberHint")}
            meta={fields.number}
            type="text"
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t("registrations.add")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
