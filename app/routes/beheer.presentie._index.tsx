import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { listModuleAccreditations } from "~/certificates/accreditation.server";
import { AttendanceSelectionSchema, defaultAttendancePeriod } from "~/certificates/attendance-form";
import {
  batchCountFor,
  createAttendanceExport,
  listAttendanceExports,
  previewAttendance,
} from "~/certificates/attendance.server";
import { DataTable, PageHeader } from "~/components/admin-page";
import { AttendancePreview, DownloadLinks, Refusal, type AttendancePreviewData } from "~/components/attendance";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, Notice, SelectField } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { formatCalendarDayInput } from "~/domain/calendar-day";
import { REGISTER_INFO, REGISTERS } from "~/domain/registers";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

/** The form shows days the way it asks for them (dd-mm-jjjj). */
function formatPeriodInput(period: { from: string; to: string }) {
  return { from: formatCalendarDayInput(period.from), to: formatCalendarDayInput(period.to) };
}

/** Enough to check a preview by eye; the counts and the files hold everyone. */
const PREVIEW_ROWS = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "export:attendance:any");
  const { t, locale } = await getTranslator(request, admin);
  const url = new URL(request.url);
  const now = new Date();
  const [modules, exports] = await Promise.all([
    listModuleAccreditations(prisma, locale),
    listAttendanceExports(prisma, { locale }),
  ]);
  const moduleOptions = modules.map((m) => ({
    id: m.id,
    title: m.title,
    registers: m.accreditations.map((a) => a.register),
  }));
  const createdId = url.searchParams.get("export");
  const base = {
    pageTitle: t("attendance.title"),
    modules: moduleOptions,
    exports,
    created: createdId ? (exports.find((e) => e.id === createdId) ?? null) : null,
    defaults: {
      module: moduleOptions.find((m) => m.registers.length > 0)?.id ?? moduleOptions[0]?.id ?? "",
      register: "",
      ...formatPeriodInput(defaultAttendancePeriod(now)),
    },
    result: undefined as SubmissionResult<string[]> | undefined,
    refusal: null as { message: string; moduleId: string } | null,
    preview: null as null | AttendancePreviewData,
  };
  if (!url.searchParams.has("module")) return base;

  const submission = parseWithZod(url.searchParams, { schema: AttendanceSelectionSchema });
  if (submission.status !== "success") return data({ ...base, result: submission.reply() }, { status: 400 });
  const selection = submission.value;

  const module = moduleOptions.find((m) => m.id === selection.module);
  if (!module)
    return { ...base, result: submission.reply({ fieldErrors: { module: [t("attendance.error.moduleNotFound")] } }) };
  const register = selection.register;
  const period = { from: selection.from, to: selection.to };
  const preview = await previewAttendance(prisma, { moduleId: module.id, register, period, now });
  if (!preview.ok) {
    const message = t("attendance.error.notAccredited", {
      module: module.title,
      register: REGISTER_INFO[register].name,
    });
    return { ...base, result: submission.reply(), refusal: { message, moduleId: module.id } };
  }
  return {
    ...base,
    result: submission.reply(),
    preview: {
      selection: { module: module.id, register, ...period },
      moduleTitle: module.title,
      accreditation: preview.accreditation,
      counts: { included: preview.included.length, missing: preview.missing.length, exported: preview.exported.length },
      batchCount: batchCountFor(preview.included.length),
      included: preview.included.slice(0, PREVIEW_ROWS),
      missing: preview.missing.slice(0, PREVIEW_ROWS),
      exported: preview.exported.slice(0, PREVIEW_ROWS),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "export:attendance:any");
  const { t, locale } = await getTranslator(request, admin);
  const submission = parseWithZod(await readFormData(request), { schema: AttendanceSelectionSchema });
  if (submission.status !== "success") {
    return data({ error: t("validation.tampered"), moduleId: null }, { status: 400 });
  }
  const { module: moduleId, register, from, to } = submission.value;
  const outcome = await createAttendanceExport(prisma, {
    actorId: admin.id,
    moduleId,
    register,
    period: { from, to },
    now: new Date(),
  });
  if (outcome.ok) return redirect(`/beheer/presentie?export=${outcome.exportId}`);
  if (outcome.error === "not_accredited") {
    const module = (await listModuleAccreditations(prisma, locale)).find((m) => m.id === moduleId);
    const message = t("attendance.error.notAccredited", {
      module: module?.title ?? moduleId,
      register: REGISTER_INFO[register].name,
    });
    return data({ error: message, moduleId }, { status: 409 });
  }
  const message =
    outcome.error === "nothing_to_export"
      ? t("attendance.error.nothing")
      : outcome.error === "module_not_found"
        ? t("attendance.error.moduleNotFound")
        : t("validation.tampered");
  return data({ error: message, moduleId: null }, { status: outcome.error === "nothing_to_export" ? 409 : 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function AttendanceExportPage() {
  const { modules, exports, created, defaults, result, refusal, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const [form, fields] = useForm({
    id: "attendance",
    lastResult: result,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AttendanceSelectionSchema }),
  });
  const listFormat = new Intl.ListFormat(locale, { type: "conjunction" });
  const moduleOptions = modules.map((m) => ({
    value: m.id,
    label:
      m.registers.length > 0
        ? t("attendance.moduleAccredited", {
            module: m.title,
            registers: listFormat.format(m.registers.map((r) => REGISTER_INFO[r].name)),
          })
        : m.title,
  }));
  const registerOptions = REGISTERS.map((r) => ({ value: r, label: REGISTER_INFO[r].name }));
  return (
    <div>
      <PageHeader
        back={{ to: "/beheer", label: t("nav.admin") }}
        title={t("attendance.title")}
        intro={t("attendance.intro")}
      />
      <p>{t("attendance.howTo")}</p>
      {created ? (
        <Notice>
          <p>{t("attendance.created", { rows: created.rowCount, batches: created.batchCount })}</p>
          <DownloadLinks summary={created} />
        </Notice>
      ) : null}
      {actionData ? <Refusal message={actionData.error} moduleId={actionData.moduleId} /> : null}

      <section className="section form" aria-labelledby="select-title">
        <h2 id="select-title">{t("attendance.selectTitle")}</h2>
        <Form method="get" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField label={t("attendance.moduleLabel")} meta={fields.module} options={moduleOptions} />
          <SelectField label={t("attendance.registerLabel")} meta={fields.register} options={registerOptions} />
          <Field
            label={t("attendance.fromLabel")}
            hint={t("attendance.dateHint")}
            meta={fields.from}
            type="text"
            autoComplete="off"
          />
          <Field
            label={t("attendance.toLabel")}
            hint={t("attendance.dateHint")}
            meta={fields.to}
            type="text"
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t("attendance.preview")}
          </button>
        </Form>
      </section>

      {refusal && !actionData ? <Refusal message={refusal.message} moduleId={refusal.moduleId} /> : null}
      {preview ? <AttendancePreview preview={preview} /> : null}

      <section className="section" aria-labelledby="past-title">
        <h2 id="past-title">{t("attendance.pastTitle")}</h2>
        <DataTable
          caption={t("attendance.pastTitle")}
          columns={[
            t("attendance.createdAt"),
            t("attendance.moduleLabel"),
            t("attendance.registerLabel"),
            t("attendance.period"),
            t("attendance.rows"),
            t("attendance.by"),
            t("attendance.files"),
          ]}
          rows={exports}
          empty={t("attendance.pastNone")}
        >
          {(e) => (
            <tr key={e.id}>
              <td>{formatDate(locale, e.createdAt, "datetime")}</td>
              <td>{e.moduleTitle}</td>
              <td>{REGISTER_INFO[e.register].name}</td>
              <td>
                {t("attendance.periodValue", {
                  from: formatDate(locale, e.periodFrom),
                  to: formatDate(locale, e.periodTo),
                })}
              </td>
              <td>{e.rowCount}</td>
              <td>{e.createdByName ?? t("attendance.unknownUser")}</td>
              <td>
                <DownloadLinks summary={e} />
              </td>
            </tr>
          )}
        </DataTable>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
