import { stringify } from "csv-stringify/sync";

import type { ReportTable, TableCell, TableId } from "./tables";
import { amsterdamIsoDate } from "~/utils/amsterdam";

/** The `scheiding` query parameter: a comma, or a semicolon for Excel with Dutch settings. */
export const CSV_SEPARATORS = { komma: ",", puntkomma: ";" } as const;
export type CsvSeparator = keyof typeof CSV_SEPARATORS;

export function isCsvSeparator(value: unknown): value is CsvSeparator {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(CSV_SEPARATORS, value);
}

/** Numbers stay numbers until csv-stringify casts them, so a negative figure is not taken for a formula. */
function csvValue(cell: TableCell): string | number {
  return typeof cell.value === "number" ? cell.value : (cell.value ?? cell.text);
}

/**
 * A table as a CSV file: UTF-8 with a byte order mark, so Excel shows "é" and "ë" correctly.
 * Suppressed figures hold the suppression text, never a number.
 */
export function reportTableCsv(table: ReportTable, separator: CsvSeparator): string {
  const header = table.columns.map((column) => column.csvLabel ?? column.label);
  const rows = table.rows.map((row) => row.cells.map(csvValue));
  return `\uFEFF${stringify([header, ...rows], {
    delimiter: CSV_SEPARATORS[separator],
    record_delimiter: "windows",
    // csv-stringify only quotes the record delimiter itself; a bare line feed must be quoted too.
    quoted_match: /[\r\n]/,
    // Spreadsheets run a text cell that starts like a formula; csv-stringify prefixes a quote.
    escape_formulas: true,
    // Dutch Excel, which expects semicolons, reads "62,5" as a number and "62.5" as text.
    cast: { number: (value) => (separator === "puntkomma" ? String(value).replace(".", ",") : String(value)) },
  })}`;
}

/** stigmavrij-dashboard-groepen-2026-11-22.csv (the date on the Amsterdam calendar). */
export function reportCsvFileName(tableId: TableId, now: Date): string {
  return `stigmavrij-dashboard-${tableId}-${amsterdamIsoDate(now)}.csv`;
}
