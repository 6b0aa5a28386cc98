import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { listModuleAccreditations } from "~/certificates/accreditation.server";
import {
  batchCountFor,
  createAttendanceExport,
  listAttendanceExports,
  previewAttendance,
  type ExportSummary,
} from "~/certificates/attendance.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, Notice, SelectField } from "~/components/forms";
import { TableRegion } from "~/components/table-region";
import { prisma } from "~/db/client.server";
import { REGISTER_INFO, REGISTERS } from "~/domain/registers";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { amsterdamDayStart, amsterdamIsoDate } from "~/utils/amsterdam";

/** Enough to check a preview by eye; the counts and the files hold everyone. */
const PREVIEW_ROWS = 200;

const isoDate = z
  .string({ required_error: "attendance.error.date" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "attendance.error.date");

const SelectionSchema = z.object({
  module: z.string({ required_error: "attendance.error.module" }).trim().min(1, "attendance.error.module").max(200, "attendance.error.module"),
  register: z.enum(REGISTERS, { errorMap: () => ({ message: "attendance.error.register" }) }),
  from: isoDate,
  to: isoDate,
});

/** Day checks need the time zone rules of the server module, so they run after the schema. */
function periodErrors(from: string, to: string): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  const start = amsterdamDayStart(from);
  const end = amsterdamDayStart(to);
  if (!start) errors.from = ["attendance.error.date"];
  if (!end) errors.to = ["attendance.error.date"];
  if (start && end && end < start) errors.to = ["attendance.error.period"];
  return Object.keys(errors).length > 0 ? errors : null;
}

/** From the first day of last month up to today: the usual "what is still to report". */
function defaultPeriod(now: Date) {
  const [year, month] = amsterdamIsoDate(now).split("-").map(Number) as [number, number];
  const previous = new Date(Date.UTC(year, month - 2, 1));
  return { from: previous.toISOString().slice(0, 10), to: amsterdamIsoDate(now) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "export:attendance:any");
  const { t, locale } = await getTranslator(request, admin);
  const url = new URL(request.url);
  const now = new Date();
  const [modules, exports] = await Promise.all([listModuleAccreditations(prisma, locale), listAttendanceExports(prisma, { locale })]);
  const moduleOptions = modules.map((m) => ({ id: m.id, title: m.title, registers: m.accreditations.map((a) => a.register) }));
  const createdId = url.searchParams.get("export");
  const base = {
    pageTitle: t("attendance.title"),
    modules: moduleOptions,
    exports,
    created: createdId ? (exports.find((e) => e.id === createdId) ?? null) : null,
    defaults: { module: moduleOptions.find((m) => m.registers.length > 0)?.id ?? moduleOptions[0]?.id ?? "", register: "", ...defaultPeriod(now) },
    result: undefined as SubmissionResult<string[]> | undefined,
    refusal: null as { message: string; moduleId: string } | null,
    preview: null as null | PreviewData,
  };
  if (!url.searchParams.has("module")) return base;

  const submission = parseWithZod(url.searchParams, { schema: SelectionSchema });
  if (submission.status !== "success") return { ...base, result: submission.reply() };
  const selection = submission.value;
  const dateErrors = periodErrors(selection.from, selection.to);
  if (dateErrors) return { ...base, result: submission.reply({ fieldErrors: dateErrors }) };

  const module = moduleOptions.find((m) => m.id === selection.module);
  if (!module) return { ...base, result: submission.reply({ fieldErrors: { module: [t("attendance.error.moduleNotFound")] } }) };
  const register = selection.register;
  const period = { from: selection.from, to: selection.to };
  const preview = await previewAttendance(prisma, { moduleId: module.id, register, period, now });
  if (!preview.ok) {
    const message = t("attendance.error.notAccredited", { module: module.title, register: REGISTER_INFO[register].name });
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

interface PreviewData {
  selection: { module: string; register: (typeof REGISTERS)[number]; from: string; to: string };
  moduleTitle: string;
  accreditation: { accreditationId: string; points: number };
  counts: { included: number; missing: number; exported: number };
  batchCount: number;
  included: { certificateId: string; learnerName: string; email: string; number: string; completedAt: Date }[];
  missing: { certificateId: string; learnerName: string; email: string; completedAt: Date }[];
  exported: { certificateId: string; learnerName: string; number: string; completedAt: Date; exportId: string; exportedAt: Date }[];
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "export:attendance:any");
  const { t, locale } = await getTranslator(request, admin);
  const submission = parseWithZod(await request.formData(), { schema: SelectionSchema });
  if (submission.status !== "success" || periodErrors(submission.value.from, submission.value.to)) {
    return data({ error: t("validation.tampered"), moduleId: null }, { status: 400 });
  }
  const { module: moduleId, register, from, to } = submission.value;
  const outcome = await createAttendanceExport(prisma, { actorId: admin.id, moduleId, register, period: { from, to }, now: new Date() });
  if (outcome.ok) return redirect(`/beheer/presentie?export=${outcome.exportId}`);
  if (outcome.error === "not_accredited") {
    const module = (await listModuleAccreditations(prisma, locale)).find((m) => m.id === moduleId);
    const message = t("attendance.error.notAccredited", { module: module?.title ?? moduleId, register: REGISTER_INFO[register].name });
    return data({ error: message, moduleId }, { status: 409 });
  }
  const message = outcome.error === "nothing_to_export" ? t("attendance.error.nothing") : outcome.error === "module_not_found" ? t("attendance.error.moduleNotFound") : t("validation.tampered");
  return data({ error: message, moduleId: null }, { status: outcome.error === "nothing_to_export" ? 409 : 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

function DownloadLinks({ summary }: { summary: Pick<ExportSummary, "id" | "batchCount" | "moduleTitle" | "register" | "createdAt"> }) {
  const { t, locale } = useTranslation();
  const batches = Array.from({ length: summary.batchCount }, (_, i) => i + 1);
  return (
    <ul>
      {batches.map((batch) => (
        <li key={batch}>
          {/* A plain link, not <Link>: the response is a file download, not a page to route to. */}
          <a
            href={`/beheer/presentie/${summary.id}/${batch}`}
            download
            aria-label={t("attendance.downloadLabel", {
              batch,
              batches: summary.batchCount,
              module: summary.moduleTitle,
              register: REGISTER_INFO[summary.register].name,
              date: formatDate(locale, summary.createdAt),
            })}
          >
            {t("attendance.download", { batch, batches: summary.batchCount })}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Refusal({ message, moduleId }: { message: string; moduleId: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      {moduleId ? <Link to={`/beheer/accreditatie/${moduleId}`}>{t("attendance.error.toAccreditation")}</Link> : null}
    </div>
  );
}

/** One list of the preview: a heading with the count, then the first PREVIEW_ROWS rows. */
function PreviewList<Row>({
  title,
  count,
  none,
  intro,
  headers,
  rows,
  rowKey,
  cells,
}: {
  title: string;
  count: number;
  none: string;
  intro?: ReactNode;
  headers: string[];
  rows: Row[];
  rowKey: (row: Row) => string;
  cells: (row: Row) => ReactNode[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{title}</h3>
      {count === 0 ? (
        <p>{none}</p>
      ) : (
        <>
          {intro}
          {count > rows.length ? <p>{t("attendance.shownFirst", { shown: rows.length, count })}</p> : null}
          <TableRegion caption={title}>
            <thead>
              <tr>
                {headers.map((header) => (
                  <th key={header} scope="col">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {cells(row).map((cell, index) => (
                    <td key={index}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </TableRegion>
        </>
      )}
    </>
  );
}

function Preview({ preview }: { preview: PreviewData }) {
  const { t, locale } = useTranslation();
  const { selection, counts } = preview;
  const registerName = REGISTER_INFO[selection.register].name;
  const dayOf = (iso: string) => formatDate(locale, `${iso}T12:00:00Z`);
  return (
    <section className="section" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {t("attendance.previewTitle", { module: preview.moduleTitle, register: registerName, from: dayOf(selection.from), to: dayOf(selection.to) })}
      </h2>
      <p>{t("attendance.accreditation", { id: preview.accreditation.accreditationId, points: preview.accreditation.points })}</p>
      <PreviewList
        title={t("attendance.includedTitle", { count: counts.included })}
        count={counts.included}
        none={t("attendance.includedNone")}
        intro={
          <>
            <p>{t("attendance.includedSummary", { count: counts.included, batches: preview.batchCount })}</p>
            <Form method="post" className="form-actions">
              {(["module", "register", "from", "to"] as const).map((name) => (
                <input key={name} type="hidden" name={name} value={selection[name]} />
              ))}
              <p className="field-hint">{t("attendance.createHint")}</p>
              <button type="submit" className="button">
                {t("attendance.create")}
              </button>
            </Form>
          </>
        }
        headers={[t("attendance.name"), t("attendance.number"), t("attendance.completed")]}
        rows={preview.included}
        rowKey={(row) => `${row.certificateId}-${row.number}`}
        cells={(row) => [row.learnerName, row.number, formatDate(locale, row.completedAt)]}
      />
      <PreviewList
        title={t("attendance.missingTitle", { count: counts.missing })}
        count={counts.missing}
        none={t("attendance.missingNone")}
        intro={<p>{t("attendance.missingIntro")}</p>}
        headers={[t("attendance.name"), t("attendance.email"), t("attendance.completed")]}
        rows={preview.missing}
        rowKey={(row) => row.certificateId}
        cells={(row) => [row.learnerName, row.email, formatDate(locale, row.completedAt)]}
      />
      <PreviewList
        title={t("attendance.exportedTitle", { count: counts.exported })}
        count={counts.exported}
        none={t("attendance.exportedNone")}
        headers={[t("attendance.name"), t("attendance.number"), t("attendance.completed"), t("attendance.exportedAt")]}
        rows={preview.exported}
        rowKey={(row) => `${row.certificateId}-${row.number}-${row.exportId}`}
        cells={(row) => [row.learnerName, row.number, formatDate(locale, row.completedAt), formatDate(locale, row.exportedAt, "datetime")]}
      />
    </section>
  );
}

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
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SelectionSchema }),
  });
  const listFormat = new Intl.ListFormat(locale, { type: "conjunction" });
  const moduleOptions = modules.map((m) => ({
    value: m.id,
    label: m.registers.length > 0 ? t("attendance.moduleAccredited", { module: m.title, registers: listFormat.format(m.registers.map((r) => REGISTER_INFO[r].name)) }) : m.title,
  }));
  const registerOptions = REGISTERS.map((r) => ({ value: r, label: REGISTER_INFO[r].name }));
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/beheer">{t("nav.admin")}</Link>
      </p>
      <h1>{t("attendance.title")}</h1>
      <p>{t("attendance.intro")}</p>
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
          <Field label={t("attendance.fromLabel")} hint={t("attendance.dateHint")} meta={fields.from} type="text" autoComplete="off" />
          <Field label={t("attendance.toLabel")} hint={t("attendance.dateHint")} meta={fields.to} type="text" autoComplete="off" />
          <button type="submit" className="button">
            {t("attendance.preview")}
          </button>
        </Form>
      </section>

      {refusal && !actionData ? <Refusal message={refusal.message} moduleId={refusal.moduleId} /> : null}
      {preview ? <Preview preview={preview} /> : null}

      <section className="section" aria-labelledby="past-title">
        <h2 id="past-title">{t("attendance.pastTitle")}</h2>
        {exports.length === 0 ? (
          <p>{t("attendance.pastNone")}</p>
        ) : (
          <TableRegion caption={t("attendance.pastTitle")}>
            <thead>
              <tr>
                <th scope="col">{t("attendance.createdAt")}</th>
                <th scope="col">{t("attendance.moduleLabel")}</th>
                <th scope="col">{t("attendance.registerLabel")}</th>
                <th scope="col">{t("attendance.period")}</th>
                <th scope="col">{t("attendance.rows")}</th>
                <th scope="col">{t("attendance.by")}</th>
                <th scope="col">{t("attendance.files")}</th>
              </tr>
            </thead>
            <tbody>
              {exports.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(locale, e.createdAt, "datetime")}</td>
                  <td>{e.moduleTitle}</td>
                  <td>{REGISTER_INFO[e.register].name}</td>
                  <td>{t("attendance.periodValue", { from: formatDate(locale, e.periodFrom), to: formatDate(locale, e.periodTo) })}</td>
                  <td>{e.rowCount}</td>
                  <td>{e.createdByName ?? t("attendance.unknownUser")}</td>
                  <td>
                    <DownloadLinks summary={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
