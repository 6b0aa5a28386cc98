import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";

import type { ExportSummary } from "~/certificates/attendance.server";
import { TableRegion } from "~/components/table-region";
import { REGISTER_INFO, type REGISTERS } from "~/domain/registers";
import { formatDate } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";

/** The first rows of an attendance preview, as the administrator checks them before exporting. */
export interface AttendancePreviewData {
  selection: { module: string; register: (typeof REGISTERS)[number]; from: string; to: string };
  moduleTitle: string;
  accreditation: { accreditationId: string; points: number };
  counts: { included: number; missing: number; exported: number };
  batchCount: number;
  included: { certificateId: string; learnerName: string; email: string; number: string; completedAt: Date }[];
  missing: { certificateId: string; learnerName: string; email: string; completedAt: Date }[];
  exported: {
    certificateId: string;
    learnerName: string;
    number: string;
    completedAt: Date;
    exportId: string;
    exportedAt: Date;
  }[];
}

export function DownloadLinks({
  summary,
}: {
  summary: Pick<ExportSummary, "id" | "batchCount" | "moduleTitle" | "register" | "createdAt">;
}) {
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

export function Refusal({ message, moduleId }: { message: string; moduleId: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      {moduleId ? <Link to={`/beheer/accreditatie/${moduleId}`}>{t("attendance.error.toAccreditation")}</Link> : null}
    </div>
  );
}

/** One list of the preview: a heading with the count, then its first rows. */
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

export function AttendancePreview({ preview }: { preview: AttendancePreviewData }) {
  const { t, locale } = useTranslation();
  const { selection, counts } = preview;
  const registerName = REGISTER_INFO[selection.register].name;
  const dayOf = (iso: string) => formatDate(locale, `${iso}T12:00:00Z`);
  return (
    <section className="section" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {t("attendance.previewTitle", {
          module: preview.moduleTitle,
          register: registerName,
          from: dayOf(selection.from),
          to: dayOf(selection.to),
        })}
      </h2>
      <p>
        {t("attendance.accreditation", {
          id: preview.accreditation.accreditationId,
          points: preview.accreditation.points,
        })}
      </p>
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
        cells={(row) => [
          row.learnerName,
          row.number,
          formatDate(locale, row.completedAt),
          formatDate(locale, row.exportedAt, "datetime"),
        ]}
      />
    </section>
  );
}
