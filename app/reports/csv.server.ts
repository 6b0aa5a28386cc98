import { stringify } from "csv-stringify/sync";

import type { ReportTable, TableCell, TableId } from "./tables";
import { amsterdamIsoDate } from "~/utils/amsterdam";

/** The `scheiding` query parameter: a comma, or a semicolon for Excel with Dutch settings. */
export const CSV_SEPARATORS = { komma: ",", puntkomma: ";" } as const;
export type CsvSeparator = keyof typeof CSV_SEPARATORS;

export function isCsvSeparator(value: unknown): value is CsvSeparator {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(CSV_SEPARATORS, value);
}

/** Spreadsheets run cells starting with these as formulas; a leading quote keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvValue(cell: TableCell, separator: CsvSeparator): string {
  if (typeof cell.value === "number") {
    const plain = String(cell.value);
    // Dutch Excel, which expects semicolons, reads "62,5" as a number and "62.5" as text.
    return separator === "puntkomma" ? plain.replace(".", ",") : plain;
  }
  const text = cell.value ?? cell.text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A table as a CSV file: UTF-8 with a byte order mark, so Excel shows "é" and "ë" correctly.
 * Suppressed figures hold the suppression text, never a number.
 */
export function reportTableCsv(table: ReportTable, separator: CsvSeparator): string {
  const header = table.columns.map((column) => column.csvLabel ?? column.label);
  const rows = table.rows.map((row) => row.cells.map((cell) => csvValue(cell, separator)));
  return `\uFEFF${stringify([header, ...rows], {
    delimiter: CSV_SEPARATORS[separator],
    record_delimiter: "windows",
    // csv-stringify only quotes the record delimiter itself; a bare line feed must be quoted too.
    quoted_match: /[\r\n]/,
  })}`;
}

/** stigmavrij-dashboard-groepen-2026-11-22.csv (the date on the Amsterdam calendar). */
export function reportCsvFileName(tableId: TableId, now: Date): string {
  return `stigmavrij-dashboard-${tableId}-${amsterdamIsoDate(now)}.csv`;
}
