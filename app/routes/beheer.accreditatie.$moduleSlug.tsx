import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import {
  accreditationHistory,
  getModuleAccreditation,
  removeAccreditation,
  saveAccreditation,
  saveCertificationSettings,
  type HistoryEntry,
} from "~/certificates/accreditation.server";
import {
  AddAccreditationSchema,
  ChangeAccreditationSchema,
  CertificationSettingsSchema,
  RemoveAccreditationSchema,
} from "~/certificates/accreditation-forms";
import { reminderText, validityText } from "~/certificates/accreditation-text";
import { DataTable, PageHeader } from "~/components/admin-page";
import { StudyLoadFigures } from "~/components/charts/study-load-figures";
import { ButtonGroup, ButtonLink } from "~/components/buttons";
import { ConfirmButtons, ConfirmPanel } from "~/components/confirm";
import { missesConfirmation } from "~/domain/confirmation";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, Notice, SelectField } from "~/components/forms";
import { prisma } from "~/db/client.server";
import type { Locale } from "~/domain/constants";
import { REGISTER_INFO, REGISTERS, type Register } from "~/domain/registers";
import { formatDate, type Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pointsForMinutes } from "~/reports/study-load";
import { getModuleStudyLoad } from "~/reports/study-load.server";
import { studyLoadBars } from "~/reports/study-load-view";
import { studyLoadTable } from "~/reports/tables";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

const SAVED_NOTICES = {
  settings: "accreditation.settingsSaved",
  added: "accreditation.added",
  changed: "accreditation.changed",
  removed: "accreditation.removed",
  unchanged: "accreditation.unchanged",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:accreditation:any");
  const { t, locale } = await getTranslator(request, admin);
  const moduleId = params.moduleSlug ?? "";
  const module = await getModuleAccreditation(prisma, { moduleId, locale });
  if (!module) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const saved = url.searchParams.get("opgeslagen");
  return {
    pageTitle: t("accreditation.moduleTitle", { module: module.title }),
    module,
    history: await accreditationHistory(prisma, { moduleId }),
    studyLoad: await studyLoadView({ t, locale }, moduleId),
    notice: saved && saved in SAVED_NOTICES ? t(SAVED_NOTICES[saved as keyof typeof SAVED_NOTICES]) : null,
    removing: url.searchParams.get("verwijderen"),
  };
}

/** The module's measured study load over every learner who completed it, with the points it suggests. */
async function studyLoadView(ctx: { t: Translate; locale: Locale }, moduleId: string) {
  const row = await getModuleStudyLoad(prisma, { moduleId, locale: ctx.locale });
  if (!row) return null;
  const rows = row.measured.n + row.reported.n > 0 ? [row] : [];
  return {
    statedMinutes: row.statedMinutes,
    points: pointsForMinutes(row.statedMinutes),
    view: { query: "", table: studyLoadTable(ctx, rows), chart: studyLoadBars(ctx, rows) },
  };
}

type ActionData = { intent: string; register?: Register; result?: SubmissionResult<string[]>; error?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:accreditation:any");
  const { t } = await getTranslator(request, admin);
  const moduleId = params.moduleSlug ?? "";
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const done = (saved: keyof typeof SAVED_NOTICES) =>
    redirect(`/beheer/accreditatie/${encodeURIComponent(moduleId)}?opgeslagen=${saved}`);
  const notFound = () => new Response("Not found", { status: 404 });

  if (intent === "settings") {
    const submission = parseWithZod(formData, { schema: CertificationSettingsSchema });
    if (submission.status !== "success")
      return data<ActionData>({ intent, result: submission.reply() }, { status: 400 });
    const { validityMonths, reminderDays } = submission.value;
    const outcome = await saveCertificationSettings(prisma, {
      actorId: admin.id,
      moduleId,
      settings: { validityMonths: validityMonths ?? null, reminderDays },
    });
    if (!outcome.ok && outcome.error === "module_not_found") throw notFound();
    if (!outcome.ok)
      return data<ActionData>(
        { intent, result: submission.reply({ formErrors: [t("validation.tampered")] }) },
        { status: 400 },
      );
    return done(outcome.changed ? "settings" : "unchanged");
  }

  if (intent === "add" || intent === "change") {
    const submission = parseWithZod(formData, {
      schema: intent === "add" ? AddAccreditationSchema : ChangeAccreditationSchema,
    });
    const registerSent = REGISTERS.find((r) => r === formData.get("register"));
    if (submission.status !== "success")
      return data<ActionData>({ intent, register: registerSent, result: submission.reply() }, { status: 400 });
    const { register: chosen, accreditationId, points } = submission.value;
    const outcome = await saveAccreditation(prisma, {
      actorId: admin.id,
      moduleId,
      mode: intent,
      accreditation: { register: chosen, accreditationId, points },
    });
    if (!outcome.ok) {
      if (outcome.error === "module_not_found") throw notFound();
      if (outcome.error === "invalid") {
        return data<ActionData>(
          { intent, register: chosen, result: submission.reply({ formErrors: [t("validation.tampered")] }) },
          { status: 400 },
        );
      }
      const message = outcome.error === "exists" ? t("accreditation.error.exists") : t("accreditation.error.gone");
      return data<ActionData>(
        { intent, register: chosen, result: submission.reply({ formErrors: [message] }) },
        { status: 409 },
      );
    }
    return done(!outcome.changed ? "unchanged" : intent === "add" ? "added" : "changed");
  }

  if (intent === "remove") {
    const parsed = RemoveAccreditationSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const error = missesConfirmation(parsed.error) ? t("validation.confirmRequired") : t("validation.tampered");
      return data<ActionData>({ intent, error }, { status: 400 });
    }
    const outcome = await removeAccreditation(prisma, { actorId: admin.id, moduleId, register: parsed.data.register });
    if (!outcome.ok) return data<ActionData>({ intent, error: t("accreditation.error.gone") }, { status: 409 });
    return done("removed");
  }

  throw new Response("Bad request", { status: 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

function decimal(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(value);
}

function SettingsForm({
  settings,
  lastResult,
}: {
  settings: { validityMonths: number | null; reminderDays: number };
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "settings",
    lastResult,
    defaultValue: {
      validityMonths: settings.validityMonths === null ? "" : String(settings.validityMonths),
      reminderDays: String(settings.reminderDays),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CertificationSettingsSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="settings" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t("accreditation.validityLabel")}
        hint={t("accreditation.validityHint")}
        optional
        meta={fields.validityMonths}
        type="text"
        autoComplete="off"
      />
      <Field
        label={t("accreditation.reminderLabel")}
        hint={t("accreditation.reminderHint")}
        meta={fields.reminderDays}
        type="text"
        autoComplete="off"
      />
      <button type="submit" className="button">
        {t("accreditation.saveSettings")}
      </button>
    </Form>
  );
}

function ChangeAccreditationForm({
  accreditation,
  lastResult,
}: {
  accreditation: { register: Register; accreditationId: string; points: number };
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useTranslation();
  const name = REGISTER_INFO[accreditation.register].name;
  const [form, fields] = useForm({
    id: `accreditation-${accreditation.register}`,
    lastResult,
    defaultValue: {
      register: accreditation.register,
      accreditationId: accreditation.accreditationId,
      points: decimal(locale, accreditation.points),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeAccreditationSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="change" />
      <input type="hidden" name="register" value={accreditation.register} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t("accreditation.idLabel")}
        hint={t("accreditation.idHint")}
        meta={fields.accreditationId}
        type="text"
        autoComplete="off"
      />
      <Field
        label={t("accreditation.pointsLabel")}
        hint={t("accreditation.pointsHint")}
        meta={fields.points}
        type="text"
        autoComplete="off"
      />
      <button type="submit" className="button" aria-label={t("accreditation.saveLabel", { register: name })}>
        {t("accreditation.save")}
      </button>
    </Form>
  );
}

function AddAccreditationForm({
  registers,
  lastResult,
}: {
  registers: Register[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-accreditation",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddAccreditationSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        label={t("accreditation.registerLabel")}
        meta={fields.register}
        options={registers.map((r) => ({ value: r, label: REGISTER_INFO[r].name }))}
      />
      <Field
        label={t("accreditation.idLabel")}
        hint={t("accreditation.idHint")}
        meta={fields.accreditationId}
        type="text"
        autoComplete="off"
      />
      <Field
        label={t("accreditation.pointsLabel")}
        hint={t("accreditation.pointsHint")}
        meta={fields.points}
        type="text"
        autoComplete="off"
      />
      <button type="submit" className="button">
        {t("accreditation.add")}
      </button>
    </Form>
  );
}

/** A before or after value of the audit trail, in words. */
function describeValue(t: Translate, entry: HistoryEntry, value: Record<string, unknown> | null): string {
  if (!value) return "—";
  if (entry.action === "certification.settings_changed") {
    const months = typeof value.validityMonths === "number" ? value.validityMonths : null;
    const days = typeof value.reminderDays === "number" ? value.reminderDays : 0;
    return t("accreditation.settingsValue", { validity: validityText(t, months), reminder: reminderText(t, days) });
  }
  return t("accreditation.accreditationValue", {
    id: String(value.accreditationId ?? ""),
    points: typeof value.points === "number" ? value.points : 0,
  });
}

function History({ history }: { history: HistoryEntry[] }) {
  const { t, locale } = useTranslation();
  if (history.length === 0) return <p>{t("accreditation.historyNone")}</p>;
  return (
    <DataTable
      caption={t("accreditation.historyTitle")}
      columns={[
        t("accreditation.historyWhen"),
        t("accreditation.historyWho"),
        t("accreditation.historyWhat"),
        t("accreditation.historyBefore"),
        t("accreditation.historyAfter"),
      ]}
      rows={history}
    >
      {(entry) => (
        <tr key={entry.id}>
          <td>{formatDate(locale, entry.createdAt, "datetime")}</td>
          <td>{entry.actorName ?? t("accreditation.historyUnknown")}</td>
          <td>
            {t(`accreditation.action.${entry.action}`, {
              register: entry.register ? REGISTER_INFO[entry.register].name : "",
            })}
          </td>
          <td>{describeValue(t, entry, entry.before)}</td>
          <td>{describeValue(t, entry, entry.after)}</td>
        </tr>
      )}
    </DataTable>
  );
}

export default function ModuleAccreditationPage() {
  const { module, history, notice, studyLoad, removing } = useLoaderData<typeof loader>();
  const selfPath = `/beheer/accreditatie/${encodeURIComponent(module.id)}`;
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const resultFor = (intent: string, register?: Register) =>
    actionData?.intent === intent && (register === undefined || actionData.register === register)
      ? actionData.result
      : undefined;
  const accredited = new Set(module.accreditations.map((a) => a.register));
  const open = REGISTERS.filter((r) => !accredited.has(r));
  return (
    <div>
      <PageHeader
        back={{ to: "/beheer/accreditatie", label: t("accreditation.back") }}
        title={t("accreditation.moduleTitle", { module: module.title })}
      />
      {notice ? <Notice>{notice}</Notice> : null}

      <section className="section form" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("accreditation.settingsTitle")}</h2>
        <p>{t("accreditation.settingsIntro")}</p>
        <SettingsForm settings={module.settings} lastResult={resultFor("settings")} />
      </section>

      <section className="section form" aria-labelledby="list-title">
        <h2 id="list-title">{t("accreditation.listTitle")}</h2>
        <FormErrors
          id="remove-errors"
          errors={actionData?.intent === "remove" && actionData.error ? [actionData.error] : null}
        />
        {module.accreditations.length === 0 ? <p>{t("accreditation.listNone")}</p> : null}
        {module.accreditations.map((accreditation) => {
          const name = REGISTER_INFO[accreditation.register].name;
          return (
            <section key={accreditation.register} aria-labelledby={`register-${accreditation.register}`}>
              <h3 id={`register-${accreditation.register}`}>{name}</h3>
              <ChangeAccreditationForm
                accreditation={accreditation}
                lastResult={resultFor("change", accreditation.register)}
              />
              {removing === accreditation.register ? (
                <ConfirmPanel
                  id="remove-confirm"
                  level={4}
                  title={t("accreditation.removeConfirmTitle")}
                  text={t("accreditation.removeConfirmText", { register: name })}
                >
                  <Form method="post" action={selfPath}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="register" value={accreditation.register} />
                    <ConfirmButtons confirmLabel={t("accreditation.removeConfirm")} cancelTo={selfPath} />
                  </Form>
                </ConfirmPanel>
              ) : (
                <ButtonGroup>
                  <ButtonLink
                    variant="danger-outline"
                    to={`${selfPath}?verwijderen=${accreditation.register}#remove-confirm`}
                    aria-label={t("accreditation.removeLabel", { register: name })}
                  >
                    {t("accreditation.remove")}
                  </ButtonLink>
                </ButtonGroup>
              )}
            </section>
          );
        })}
      </section>

      <section className="section form" aria-labelledby="add-title">
        <h2 id="add-title">{t("accreditation.addTitle")}</h2>
        {open.length === 0 ? (
          <p>{t("accreditation.addNone")}</p>
        ) : (
          <AddAccreditationForm registers={open} lastResult={resultFor("add")} />
        )}
      </section>

      {studyLoad ? (
        <section className="section" aria-labelledby="study-load-title">
          <h2 id="study-load-title">{t("studyLoad.title")}</h2>
          <p>{t("studyLoad.intro")}</p>
          <p>
            {t("studyLoad.suggestedPoints", {
              minutes: studyLoad.statedMinutes,
              points: decimal(locale, studyLoad.points),
            })}
          </p>
          <p className="notice">{t("reports.studyLoad.measuredNote")}</p>
          {studyLoad.view.table.rows.length === 0 ? (
            <p>{t("reports.studyLoad.none")}</p>
          ) : (
            <StudyLoadFigures view={studyLoad.view} csv={false} />
          )}
        </section>
      ) : null}

      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">{t("accreditation.historyTitle")}</h2>
        <History history={history} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
