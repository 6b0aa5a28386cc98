import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireUserWithPermission } from "~/auth/permissions.server";
import {
  accreditationHistory,
  getModuleAccreditation,
  removeAccreditation,
  saveAccreditation,
  saveCertificationSettings,
  type HistoryEntry,
} from "~/certificates/accreditation.server";
import { reminderText, validityText } from "~/certificates/accreditation-text";
import { StudyLoadFigures } from "~/components/charts/study-load-figures";
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
  const saved = new URL(request.url).searchParams.get("opgeslagen");
  return {
    pageTitle: t("accreditation.moduleTitle", { module: module.title }),
    module,
    history: await accreditationHistory(prisma, { moduleId }),
    studyLoad: await studyLoadView({ t, locale }, moduleId),
    notice: saved && saved in SAVED_NOTICES ? t(SAVED_NOTICES[saved as keyof typeof SAVED_NOTICES]) : null,
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

/** The shortest month: a reminder must come after the certificate was issued. */
const DAYS_PER_MONTH_AT_LEAST = 28;

/** A whole number typed in a text field (conform sends what was typed, not a number). */
const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string({ required_error: message })
    .trim()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message);

const SettingsSchema = z
  .object({
    intent: z.literal("settings"),
    // Empty: the certificate does not expire.
    validityMonths: wholeNumber("accreditation.error.validity", 1, 36).optional(),
    reminderDays: wholeNumber("accreditation.error.reminder", 1, 365),
  })
  .superRefine((value, ctx) => {
    // Zod runs this even when a field failed; only compare two values that passed.
    const valid = (n: unknown, max: number) => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= max;
    if (valid(value.validityMonths, 36) && valid(value.reminderDays, 365) && value.reminderDays >= (value.validityMonths ?? 0) * DAYS_PER_MONTH_AT_LEAST) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reminderDays"], message: "accreditation.error.reminderTooLong" });
    }
  });

const register = z.enum(REGISTERS, { errorMap: () => ({ message: "accreditation.error.register" }) });
const accreditationFields = {
  register,
  accreditationId: z
    .string({ required_error: "accreditation.error.idRequired" })
    .trim()
    .min(1, "accreditation.error.idRequired")
    .max(40, "accreditation.error.idInvalid")
    .regex(/^[A-Za-z0-9./-]+$/, "accreditation.error.idInvalid"),
  // A comma or a point as decimal mark, at most two decimals: "2", "1,5", "0.25".
  points: z
    .string({ required_error: "accreditation.error.points" })
    .trim()
    .regex(/^\d{1,3}([.,]\d{1,2})?$/, "accreditation.error.points")
    .transform((value) => Number(value.replace(",", ".")))
    .refine((value) => value > 0 && value <= 100, "accreditation.error.points"),
};
const AddSchema = z.object({ intent: z.literal("add"), ...accreditationFields });
const ChangeSchema = z.object({ intent: z.literal("change"), ...accreditationFields });
const RemoveSchema = z.object({ intent: z.literal("remove"), register });

type ActionData = { intent: string; register?: Register; result?: SubmissionResult<string[]>; error?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:accreditation:any");
  const { t } = await getTranslator(request, admin);
  const moduleId = params.moduleSlug ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const done = (saved: keyof typeof SAVED_NOTICES) => redirect(`/beheer/accreditatie/${encodeURIComponent(moduleId)}?opgeslagen=${saved}`);
  const notFound = () => new Response("Not found", { status: 404 });

  if (intent === "settings") {
    const submission = parseWithZod(formData, { schema: SettingsSchema });
    if (submission.status !== "success") return data<ActionData>({ intent, result: submission.reply() }, { status: 400 });
    const { validityMonths, reminderDays } = submission.value;
    const outcome = await saveCertificationSettings(prisma, { actorId: admin.id, moduleId, settings: { validityMonths: validityMonths ?? null, reminderDays } });
    if (!outcome.ok) throw notFound();
    return done(outcome.changed ? "settings" : "unchanged");
  }

  if (intent === "add" || intent === "change") {
    const submission = parseWithZod(formData, { schema: intent === "add" ? AddSchema : ChangeSchema });
    const registerSent = REGISTERS.find((r) => r === formData.get("register"));
    if (submission.status !== "success") return data<ActionData>({ intent, register: registerSent, result: submission.reply() }, { status: 400 });
    const { register: chosen, accreditationId, points } = submission.value;
    const outcome = await saveAccreditation(prisma, { actorId: admin.id, moduleId, mode: intent, accreditation: { register: chosen, accreditationId, points } });
    if (!outcome.ok) {
      if (outcome.error === "module_not_found") throw notFound();
      const message = outcome.error === "exists" ? t("accreditation.error.exists") : t("accreditation.error.gone");
      return data<ActionData>({ intent, register: chosen, result: submission.reply({ formErrors: [message] }) }, { status: 409 });
    }
    return done(!outcome.changed ? "unchanged" : intent === "add" ? "added" : "changed");
  }

  if (intent === "remove") {
    const parsed = RemoveSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data<ActionData>({ intent, error: t("validation.tampered") }, { status: 400 });
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

function SettingsForm({ settings, lastResult }: { settings: { validityMonths: number | null; reminderDays: number }; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "settings",
    lastResult,
    defaultValue: { validityMonths: settings.validityMonths === null ? "" : String(settings.validityMonths), reminderDays: String(settings.reminderDays) },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="settings" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("accreditation.validityLabel")} hint={t("accreditation.validityHint")} optional meta={fields.validityMonths} type="text" autoComplete="off" />
      <Field label={t("accreditation.reminderLabel")} hint={t("accreditation.reminderHint")} meta={fields.reminderDays} type="text" autoComplete="off" />
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
    defaultValue: { register: accreditation.register, accreditationId: accreditation.accreditationId, points: decimal(locale, accreditation.points) },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="change" />
      <input type="hidden" name="register" value={accreditation.register} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("accreditation.idLabel")} hint={t("accreditation.idHint")} meta={fields.accreditationId} type="text" autoComplete="off" />
      <Field label={t("accreditation.pointsLabel")} hint={t("accreditation.pointsHint")} meta={fields.points} type="text" autoComplete="off" />
      <button type="submit" className="button" aria-label={t("accreditation.saveLabel", { register: name })}>
        {t("accreditation.save")}
      </button>
    </Form>
  );
}

function AddAccreditationForm({ registers, lastResult }: { registers: Register[]; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-accreditation",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField label={t("accreditation.registerLabel")} meta={fields.register} options={registers.map((r) => ({ value: r, label: REGISTER_INFO[r].name }))} />
      <Field label={t("accreditation.idLabel")} hint={t("accreditation.idHint")} meta={fields.accreditationId} type="text" autoComplete="off" />
      <Field label={t("accreditation.pointsLabel")} hint={t("accreditation.pointsHint")} meta={fields.points} type="text" autoComplete="off" />
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
  return t("accreditation.accreditationValue", { id: String(value.accreditationId ?? ""), points: typeof value.points === "number" ? value.points : 0 });
}

function History({ history }: { history: HistoryEntry[] }) {
  const { t, locale } = useTranslation();
  if (history.length === 0) return <p>{t("accreditation.historyNone")}</p>;
  return (
    <div className="table-wrapper">
      <table className="table">
        <caption className="visually-hidden">{t("accreditation.historyTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accreditation.historyWhen")}</th>
            <th scope="col">{t("accreditation.historyWho")}</th>
            <th scope="col">{t("accreditation.historyWhat")}</th>
            <th scope="col">{t("accreditation.historyBefore")}</th>
            <th scope="col">{t("accreditation.historyAfter")}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDate(locale, entry.createdAt, "datetime")}</td>
              <td>{entry.actorName ?? t("accreditation.historyUnknown")}</td>
              <td>{t(`accreditation.action.${entry.action}`, { register: entry.register ? REGISTER_INFO[entry.register].name : "" })}</td>
              <td>{describeValue(t, entry, entry.before)}</td>
              <td>{describeValue(t, entry, entry.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ModuleAccreditationPage() {
  const { module, history, notice, studyLoad } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const resultFor = (intent: string, register?: Register) =>
    actionData?.intent === intent && (register === undefined || actionData.register === register) ? actionData.result : undefined;
  const accredited = new Set(module.accreditations.map((a) => a.register));
  const open = REGISTERS.filter((r) => !accredited.has(r));
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/beheer/accreditatie">{t("accreditation.back")}</Link>
      </p>
      <h1>{t("accreditation.moduleTitle", { module: module.title })}</h1>
      {notice ? <Notice>{notice}</Notice> : null}

      <section className="section form" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("accreditation.settingsTitle")}</h2>
        <p>{t("accreditation.settingsIntro")}</p>
        <SettingsForm settings={module.settings} lastResult={resultFor("settings")} />
      </section>

      <section className="section form" aria-labelledby="list-title">
        <h2 id="list-title">{t("accreditation.listTitle")}</h2>
        <FormErrors id="remove-errors" errors={actionData?.intent === "remove" && actionData.error ? [actionData.error] : null} />
        {module.accreditations.length === 0 ? <p>{t("accreditation.listNone")}</p> : null}
        {module.accreditations.map((accreditation) => {
          const name = REGISTER_INFO[accreditation.register].name;
          return (
            <section key={accreditation.register} aria-labelledby={`register-${accreditation.register}`}>
              <h3 id={`register-${accreditation.register}`}>{name}</h3>
              <ChangeAccreditationForm accreditation={accreditation} lastResult={resultFor("change", accreditation.register)} />
              <Form method="post" className="form-actions">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="register" value={accreditation.register} />
                <button type="submit" className="button button--secondary" aria-label={t("accreditation.removeLabel", { register: name })}>
                  {t("accreditation.remove")}
                </button>
              </Form>
            </section>
          );
        })}
      </section>

      <section className="section form" aria-labelledby="add-title">
        <h2 id="add-title">{t("accreditation.addTitle")}</h2>
        {open.length === 0 ? <p>{t("accreditation.addNone")}</p> : <AddAccreditationForm registers={open} lastResult={resultFor("add")} />}
      </section>

      {studyLoad ? (
        <section className="section" aria-labelledby="study-load-title">
          <h2 id="study-load-title">{t("studyLoad.title")}</h2>
          <p>{t("studyLoad.intro")}</p>
          <p>{t("studyLoad.suggestedPoints", { minutes: studyLoad.statedMinutes, points: decimal(locale, studyLoad.points) })}</p>
          <p className="notice">{t("reports.studyLoad.measuredNote")}</p>
          {studyLoad.view.table.rows.length === 0 ? <p>{t("reports.studyLoad.none")}</p> : <StudyLoadFigures view={studyLoad.view} csv={false} />}
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
