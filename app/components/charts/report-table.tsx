import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

import { useTranslation } from "~/i18n/use-translation";
import type { ReportTable, TableCell, TableId } from "~/reports/tables";

import { TableRegion } from "~/components/table-region";

/** Consecutive suppressed cells read as one "too few participants" cell rather than a row of repeats. */
function cellRuns(cells: readonly TableCell[]): { cell: TableCell; span: number; index: number }[] {
  const runs: { cell: TableCell; span: number; index: number }[] = [];
  cells.forEach((cell, index) => {
    const last = runs.at(-1);
    if (cell.suppressed && last?.cell.suppressed) last.span += 1;
    else runs.push({ cell, span: 1, index });
  });
  return runs;
}

/** A report table with its caption; the first cell of a row is its header. */
export function ReportTableView({ table, captionHidden = false }: { table: ReportTable; captionHidden?: boolean }) {
  return (
    <TableRegion
      caption={table.caption}
      captionClassName={captionHidden ? "visually-hidden" : "report-table__caption"}
      className="table report-table"
    >
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column.key} scope="col" className={column.numeric ? "numeric" : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.key} className={row.suppressed ? "report-table__suppressed" : undefined}>
            {cellRuns(row.cells).map(({ cell, span, index }) => {
              const numeric = table.columns[index]?.numeric ?? false;
              const className = cell.suppressed ? "suppressed" : numeric ? "numeric" : undefined;
              if (index === 0) {
                const content: ReactNode = row.href ? <Link to={row.href}>{cell.text}</Link> : cell.text;
                return (
                  <th key={index} scope="row" className={className}>
                    {content}
                  </th>
                );
              }
              return (
                <td key={index} colSpan={span > 1 ? span : undefined} className={className}>
                  {cell.text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}

/** The two CSV downloads of a table, with the current filter. */
export function CsvLinks({ table, caption, query }: { table: TableId; caption: string; query: URLSearchParams }) {
  const { t } = useTranslation();
  const href = (separator: "komma" | "puntkomma") => {
    const params = new URLSearchParams(query);
    params.set("tabel", table);
    params.set("scheiding", separator);
    return `/beheer/dashboard/export?${params}`;
  };
  return (
    <p className="csv-links">
      <span>{t("reports.csv.group")}:</span>{" "}
      <a href={href("komma")} download>
        {t("reports.csv.comma")}
        <span className="visually-hidden"> {t("reports.csv.of", { table: caption })}</span>
      </a>{" "}
      <a href={href("puntkomma")} download>
        {t("reports.csv.semicolon")}
        <span className="visually-hidden"> {t("reports.csv.of", { table: caption })}</span>
      </a>
    </p>
  );
}
