import type { PrismaClient } from "@prisma/client";
import { stringify } from "csv-stringify/sync";

import { readAuditDetails, writeAudit } from "~/db/audit.server";
import type { Db } from "~/db/types";
import type { Locale } from "~/domain/constants";
import { isRegister, type Register } from "~/domain/registers";
import { moduleTitle } from "~/domain/module-title";
import { AMSTERDAM_TIME_ZONE, amsterdamDayStart, amsterdamIsoDate } from "~/utils/amsterdam";

import { findAccreditation } from "./accreditation.server";
import { periodBounds, type AttendancePeriod } from "./attendance-form";
import { certificateStatus } from "./validity";

/** PE-online takes at most this many records in one import. */
export const ATTENDANCE_BATCH_SIZE = 1000;
export const EXPORT_AUDIT_ACTION = "attendance.exported";

function dutchDate(date: Date): string {
  // nl-NL formats as DD-MM-YYYY, the way PE-online shows and reads dates.
  return new Intl.DateTimeFormat("nl-NL", {
    timeZone: AMSTERDAM_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}

// --- Who is in an export ----------------------------------------------------------------------

export interface IncludedRow {
  certificateId: string;
  learnerName: string;
  email: string;
  number: string;
  completedAt: Date;
}

export interface MissingRow {
  certificateId: string;
  learnerName: string;
  email: string;
  completedAt: Date;
}

export interface ExportedRow {
  certificateId: string;
  learnerName: string;
  number: string;
  completedAt: Date;
  exportId: string;
  exportedAt: Date;
}

export interface AttendanceSelection {
  moduleId: string;
  register: Register;
  period: AttendancePeriod;
}

export type AttendanceError = "module_not_found" | "not_accredited" | "bad_period";

export type AttendancePreview =
  | {
      ok: true;
      accreditation: { accreditationId: string; points: number };
      /** One row per certificate and registration number still to be reported. */
      included: IncludedRow[];
      /** Valid certificates of learners without a number for the register: chase them. */
      missing: MissingRow[];
      /** Certificate and number pairs already in an export for this module and register. */
      exported: ExportedRow[];
    }
  | { ok: false; error: AttendanceError };

/**
 * Who goes in an attendance export for a module, register and completion period: every valid
 * (not revoked, not expired) certificate completed in the period, once per registration number
 * its learner has at the register, unless that certificate and number were exported before for
 * this module and register. A learner who re-certified has a new certificate, so a new row.
 */
export async function previewAttendance(
  db: Db,
  { moduleId, register, period, now }: AttendanceSelection & { now: Date },
): Promise<AttendancePreview> {
  const bounds = periodBounds(period);
  if (!bounds) return { ok: false, error: "bad_period" };
  const module = await db.module.findUnique({ where: { id: moduleId }, select: { id: true } });
  if (!module) return { ok: false, error: "module_not_found" };
  const accreditation = await findAccreditation(db, { moduleId, register });
  if (!accreditation) return { ok: false, error: "not_accredited" };

  const certificates = await db.certificate.findMany({
    where: { moduleId, completedAt: { gte: bounds.from, lt: bounds.to } },
    orderBy: [{ completedAt: "asc" }, { learnerName: "asc" }, { id: "asc" }],
    select: {
      id: true,
      learnerName: true,
      completedAt: true,
      expiresAt: true,
      revokedAt: true,
      user: {
        select: {
          email: true,
          registrationNumbers: { where: { register }, orderBy: { createdAt: "asc" }, select: { number: true } },
        },
      },
      exportRows: {
        where: { export: { register, moduleId } },
        orderBy: { export: { createdAt: "asc" } },
        select: { number: true, export: { select: { id: true, createdAt: true } } },
      },
    },
  });

  const included: IncludedRow[] = [];
  const missing: MissingRow[] = [];
  const exported: ExportedRow[] = [];
  for (const certificate of certificates) {
    const { id: certificateId, learnerName, completedAt } = certificate;
    for (const row of certificate.exportRows) {
      exported.push({
        certificateId,
        learnerName,
        completedAt,
        number: row.number,
        exportId: row.export.id,
        exportedAt: row.export.createdAt,
      });
    }
    if (certificateStatus(certificate, now) !== "valid") continue;
    const numbers = certificate.user.registrationNumbers.map((n) => n.number);
    const done = new Set(certificate.exportRows.map((row) => row.number));
    if (numbers.length === 0 && done.size === 0) {
      missing.push({ certificateId, learnerName, email: certificate.user.email, completedAt });
    }
    for (const number of numbers) {
      if (!done.has(number))
        included.push({ certificateId, learnerName, email: certificate.user.email, number, completedAt });
    }
  }
  return { ok: true, accreditation, included, missing, exported };
}

/** Batches of at most ATTENDANCE_BATCH_SIZE rows: the 1-based batch of the row at `index`. */
export function batchOf(index: number): number {
  return Math.floor(index / ATTENDANCE_BATCH_SIZE) + 1;
}

export function batchCountFor(rowCount: number): number {
  return Math.ceil(rowCount / ATTENDANCE_BATCH_SIZE);
}

export type CreateExportResult =
  | { ok: true; exportId: string; rowCount: number; batchCount: number }
  | { ok: false; error: AttendanceError | "nothing_to_export" };

/**
 * Records an export: which certificate and number pairs it holds and in which batch, so the next
 * export leaves them out and nothing is reported twice. The selection is made again inside the
 * transaction, so two admins pressing the button at once cannot both export the same rows.
 */
export async function createAttendanceExport(
  db: PrismaClient,
  { actorId, now, ...selection }: AttendanceSelection & { actorId: string; now: Date },
): Promise<CreateExportResult> {
  return db.$transaction(async (tx): Promise<CreateExportResult> => {
    const preview = await previewAttendance(tx, { ...selection, now });
    if (!preview.ok) return preview;
    if (preview.included.length === 0) return { ok: false, error: "nothing_to_export" };
    const bounds = periodBounds(selection.period);
    if (!bounds) return { ok: false, error: "bad_period" };
    const rowCount = preview.included.length;
    const batchCount = batchCountFor(rowCount);
    const created = await tx.attendanceExport.create({
      data: {
        moduleId: selection.moduleId,
        register: selection.register,
        periodFrom: bounds.from,
        // The last day of the period (its midnight), as the admin chose it.
        periodTo: amsterdamDayStart(selection.period.to) ?? bounds.to,
        createdById: actorId,
        createdAt: now,
        rowCount,
        batchCount,
      },
      select: { id: true },
    });
    await tx.attendanceExportRow.createMany({
      data: preview.included.map((row, index) => ({
        exportId: created.id,
        certificateId: row.certificateId,
        number: row.number,
        batch: batchOf(index),
      })),
    });
    // The accreditation as exported: a later correction must not change what a re-download says.
    await writeAudit(tx, {
      actorId,
      action: EXPORT_AUDIT_ACTION,
      at: now,
      details: {
        exportId: created.id,
        moduleId: selection.moduleId,
        register: selection.register,
        period: selection.period,
        rowCount,
        ...preview.accreditation,
      },
    });
    return { ok: true, exportId: created.id, rowCount, batchCount };
  });
}

// --- Past exports -----------------------------------------------------------------------------

export interface ExportSummary {
  id: string;
  moduleId: string;
  moduleTitle: string;
  register: Register;
  periodFrom: Date;
  periodTo: Date;
  createdAt: Date;
  createdByName: string | null;
  rowCount: number;
  batchCount: number;
}

/** The latest exports, newest first. */
export async function listAttendanceExports(
  db: PrismaClient,
  { locale, limit = 50 }: { locale: Locale; limit?: number },
): Promise<ExportSummary[]> {
  const exports = await db.attendanceExport.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  const moduleIds = [...new Set(exports.map((e) => e.moduleId))];
  const actorIds = [...new Set(exports.flatMap((e) => (e.createdById ? [e.createdById] : [])))];
  const [modules, actors] = await Promise.all([
    db.module.findMany({
      where: { id: { in: moduleIds } },
      select: { id: true, locales: { select: { locale: true, title: true } } },
    }),
    db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }),
  ]);
  const titles = new Map(modules.map((m) => [m.id, moduleTitle(m, locale).title]));
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return exports.flatMap((e) =>
    isRegister(e.register)
      ? [
          {
            id: e.id,
            moduleId: e.moduleId,
            moduleTitle: titles.get(e.moduleId) ?? e.moduleId,
            register: e.register,
            periodFrom: e.periodFrom,
            periodTo: e.periodTo,
            createdAt: e.createdAt,
            createdByName: e.createdById ? (names.get(e.createdById) ?? null) : null,
            rowCount: e.rowCount,
            batchCount: e.batchCount,
          },
        ]
      : [],
  );
}

// --- The CSV ---------------------------------------------------------------------------------

export interface CsvRow {
  number: string;
  completedAt: Date;
  accreditationId: string;
  points: number;
  learnerName: string;
}

/** Column headers, in order: the registration number first, the column PE-online's import takes. */
export const CSV_COLUMNS = [
  { key: "number", header: "Registratienummer" },
  { key: "date", header: "Datum afgerond" },
  { key: "accreditationId", header: "Accreditatie-ID" },
  { key: "points", header: "Punten" },
  { key: "name", header: "Naam" },
] as const;

const QUOTED_COLUMNS: ReadonlySet<string> = new Set(["number", "accreditationId"]);

const pointsFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2, useGrouping: false });

/**
 * The CSV of one batch: UTF-8 with a byte order mark (so Excel reads it as UTF-8), semicolons
 * (the separator of Dutch Excel, whose decimal mark is a comma), CRLF line ends, a header row,
 * numbers always quoted, dates as DD-MM-YYYY in Amsterdam. The layout is in docs/attendance-export.md.
 */
export function attendanceCsv(rows: readonly CsvRow[]): string {
  return stringify(
    rows.map((row) => ({
      number: row.number,
      date: dutchDate(row.completedAt),
      accreditationId: row.accreditationId,
      points: pointsFormat.format(row.points),
      name: row.learnerName,
    })),
    {
      bom: true,
      header: true,
      columns: CSV_COLUMNS.map(({ key, header }) => ({ key, header })),
      delimiter: ";",
      record_delimiter: "windows",
      // Spreadsheets run a cell that starts like a formula; csv-stringify prefixes a quote.
      escape_formulas: true,
      cast: {
        string: (value, context) =>
          !context.header && typeof context.column === "string" && QUOTED_COLUMNS.has(context.column)
            ? { value, quoted: true }
            : value,
      },
    },
  );
}

/** Lower-case letters, digits and single dashes: safe in a file name on every system. */
function fileNamePart(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function attendanceFileName({
  moduleId,
  register,
  createdAt,
  batch,
  batchCount,
}: {
  moduleId: string;
  register: string;
  createdAt: Date;
  batch: number;
  batchCount: number;
}): string {
  return `presentie-${fileNamePart(moduleId)}-${fileNamePart(register)}-${amsterdamIsoDate(createdAt)}-deel-${batch}-van-${batchCount}.csv`;
}

async function exportedAccreditation(
  db: PrismaClient,
  exportRow: { id: string; moduleId: string; register: Register },
) {
  const logged = await db.auditLog.findFirst({
    where: {
      action: EXPORT_AUDIT_ACTION,
      details: { contains: JSON.stringify({ exportId: exportRow.id }).slice(1, -1) },
    },
    select: { details: true },
  });
  if (logged) {
    const details = readAuditDetails(logged.details);
    if (
      details?.exportId === exportRow.id &&
      typeof details.accreditationId === "string" &&
      typeof details.points === "number"
    ) {
      return { accreditationId: details.accreditationId, points: details.points };
    }
  }
  return findAccreditation(db, { moduleId: exportRow.moduleId, register: exportRow.register });
}

/** One batch of a recorded export as a file, or null when the export or the batch does not exist. */
export async function attendanceBatchFile(
  db: PrismaClient,
  { exportId, batch }: { exportId: string; batch: number },
): Promise<{ fileName: string; csv: string } | null> {
  const exportRow = await db.attendanceExport.findUnique({
    where: { id: exportId },
    select: { id: true, moduleId: true, register: true, createdAt: true, batchCount: true },
  });
  if (
    !exportRow ||
    !isRegister(exportRow.register) ||
    !Number.isInteger(batch) ||
    batch < 1 ||
    batch > exportRow.batchCount
  )
    return null;
  const register = exportRow.register;
  const [rows, accreditation] = await Promise.all([
    db.attendanceExportRow.findMany({
      where: { exportId, batch },
      orderBy: [{ certificate: { completedAt: "asc" } }, { certificate: { learnerName: "asc" } }, { number: "asc" }],
      select: { number: true, certificate: { select: { learnerName: true, completedAt: true } } },
    }),
    exportedAccreditation(db, { ...exportRow, register }),
  ]);
  const csv = attendanceCsv(
    rows.map((row) => ({
      number: row.number,
      completedAt: row.certificate.completedAt,
      accreditationId: accreditation?.accreditationId ?? "",
      points: accreditation?.points ?? 0,
      learnerName: row.certificate.learnerName,
    })),
  );
  return { fileName: attendanceFileName({ ...exportRow, batch }), csv };
}
