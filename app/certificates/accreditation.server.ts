import type { PrismaClient } from "@prisma/client";

import { readAuditDetails, writeAudit } from "~/db/audit.server";
import type { Db } from "~/db/types";
import type { Locale } from "~/domain/constants";
import { isRegister, REGISTERS, type Register } from "~/domain/registers";
import { moduleTitle } from "~/domain/module-title";

import {
  certificationSettingsProblem,
  validAccreditationId,
  validPoints,
  type CertificationSettings,
} from "./accreditation-forms";

export type { CertificationSettings };

/** What a module without a ModuleCertification row gets (the column defaults). */
export const DEFAULT_CERTIFICATION = { validityMonths: null, reminderDays: 30 } as const;

export interface AccreditationRow {
  register: Register;
  accreditationId: string;
  points: number;
}

export interface ModuleAccreditation {
  id: string;
  title: string;
  archived: boolean;
  settings: CertificationSettings;
  accreditations: AccreditationRow[];
}

const registerOrder = (register: string) => (REGISTERS as readonly string[]).indexOf(register);

const MODULE_SELECT = {
  id: true,
  archived: true,
  locales: { select: { locale: true, title: true } },
  certification: { select: { validityMonths: true, reminderDays: true } },
  accreditations: { select: { register: true, accreditationId: true, points: true } },
} as const;

function toModuleAccreditation(
  module: {
    id: string;
    archived: boolean;
    locales: { locale: string; title: string }[];
    certification: CertificationSettings | null;
    accreditations: { register: string; accreditationId: string; points: number }[];
  },
  locale: Locale,
): ModuleAccreditation {
  return {
    id: module.id,
    title: moduleTitle(module, locale).title,
    archived: module.archived,
    settings: module.certification ?? { ...DEFAULT_CERTIFICATION },
    accreditations: module.accreditations
      .flatMap((a) => (isRegister(a.register) ? [{ ...a, register: a.register }] : []))
      .sort((a, b) => registerOrder(a.register) - registerOrder(b.register)),
  };
}

/** Every module (archived ones last) with its certificate settings and accreditations. */
export async function listModuleAccreditations(db: PrismaClient, locale: Locale): Promise<ModuleAccreditation[]> {
  const modules = await db.module.findMany({
    orderBy: [{ archived: "asc" }, { position: "asc" }],
    select: MODULE_SELECT,
  });
  return modules.map((module) => toModuleAccreditation(module, locale));
}

export async function getModuleAccreditation(
  db: PrismaClient,
  { moduleId, locale }: { moduleId: string; locale: Locale },
): Promise<ModuleAccreditation | null> {
  const module = await db.module.findUnique({ where: { id: moduleId }, select: MODULE_SELECT });
  return module ? toModuleAccreditation(module, locale) : null;
}

/** The accreditation an attendance export needs, or null when the register has not accredited the module. */
export async function findAccreditation(
  db: Db,
  { moduleId, register }: { moduleId: string; register: Register },
): Promise<{ accreditationId: string; points: number } | null> {
  return db.accreditation.findUnique({
    where: { moduleId_register: { moduleId, register } },
    select: { accreditationId: true, points: true },
  });
}

// --- Changes, each recorded in AuditLog with the values before and after -----------------------

export const AUDIT_ACTIONS = {
  settingsChanged: "certification.settings_changed",
  added: "accreditation.added",
  changed: "accreditation.changed",
  removed: "accreditation.removed",
} as const;

type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/** `moduleId` first, so the history query can narrow on the text before parsing it. */
function auditDetails(moduleId: string, rest: { register?: Register; before: unknown; after: unknown }) {
  return { moduleId, ...rest };
}

/**
 * `not_found`: the accreditation to change is gone; `exists`: the one to add is already there;
 * `invalid`: values outside the rules in accreditation-forms.ts (the page validates first).
 */
export type SaveResult =
  { ok: true; changed: boolean } | { ok: false; error: "module_not_found" | "not_found" | "exists" | "invalid" };

export async function saveCertificationSettings(
  db: PrismaClient,
  { actorId, moduleId, settings }: { actorId: string; moduleId: string; settings: CertificationSettings },
): Promise<SaveResult> {
  if (certificationSettingsProblem(settings)) return { ok: false, error: "invalid" };
  const module = await db.module.findUnique({
    where: { id: moduleId },
    select: { certification: { select: { validityMonths: true, reminderDays: true } } },
  });
  if (!module) return { ok: false, error: "module_not_found" };
  const before = module.certification ?? { ...DEFAULT_CERTIFICATION };
  const after = { validityMonths: settings.validityMonths, reminderDays: settings.reminderDays };
  if (
    before.validityMonths === after.validityMonths &&
    before.reminderDays === after.reminderDays &&
    module.certification
  ) {
    return { ok: true, changed: false };
  }
  await db.$transaction([
    db.moduleCertification.upsert({ where: { moduleId }, create: { moduleId, ...after }, update: after }),
    writeAudit(db, {
      actorId,
      action: AUDIT_ACTIONS.settingsChanged,
      details: auditDetails(moduleId, { before, after }),
    }),
  ]);
  return { ok: true, changed: true };
}

/**
 * Records a register's accreditation of a module (`mode: "add"`) or corrects it (`"change"`).
 * Adding one that exists, or changing one that does not, is refused: the page the admin saw was
 * out of date, and silently doing the other thing could overwrite someone else's change.
 */
export async function saveAccreditation(
  db: PrismaClient,
  {
    actorId,
    moduleId,
    mode,
    accreditation,
  }: { actorId: string; moduleId: string; mode: "add" | "change"; accreditation: AccreditationRow },
): Promise<SaveResult> {
  const { register, accreditationId, points } = accreditation;
  if (!isRegister(register) || !validAccreditationId(accreditationId) || !validPoints(points)) {
    return { ok: false, error: "invalid" };
  }
  const module = await db.module.findUnique({
    where: { id: moduleId },
    select: { accreditations: { where: { register }, select: { accreditationId: true, points: true } } },
  });
  if (!module) return { ok: false, error: "module_not_found" };
  const existing = module.accreditations[0] ?? null;
  if (mode === "add" && existing) return { ok: false, error: "exists" };
  if (mode === "change" && !existing) return { ok: false, error: "not_found" };
  if (existing && existing.accreditationId === accreditationId && existing.points === points)
    return { ok: true, changed: false };
  const after = { accreditationId, points };
  const action: AuditAction = existing ? AUDIT_ACTIONS.changed : AUDIT_ACTIONS.added;
  await db.$transaction([
    db.accreditation.upsert({
      where: { moduleId_register: { moduleId, register } },
      create: { moduleId, register, ...after },
      update: after,
    }),
    writeAudit(db, { actorId, action, details: auditDetails(moduleId, { register, before: existing, after }) }),
  ]);
  return { ok: true, changed: true };
}

export async function removeAccreditation(
  db: PrismaClient,
  { actorId, moduleId, register }: { actorId: string; moduleId: string; register: Register },
): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  const existing = await db.accreditation.findUnique({
    where: { moduleId_register: { moduleId, register } },
    select: { id: true, accreditationId: true, points: true },
  });
  if (!existing) return { ok: false, error: "not_found" };
  const before = { accreditationId: existing.accreditationId, points: existing.points };
  await db.$transaction([
    db.accreditation.delete({ where: { id: existing.id } }),
    writeAudit(db, {
      actorId,
      action: AUDIT_ACTIONS.removed,
      details: auditDetails(moduleId, { register, before, after: null }),
    }),
  ]);
  return { ok: true };
}

// --- History -------------------------------------------------------------------------------

export interface HistoryEntry {
  id: number;
  createdAt: Date;
  action: AuditAction;
  actorName: string | null;
  register: Register | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const AUDIT_ACTION_LIST: readonly string[] = Object.values(AUDIT_ACTIONS);

const asRecord = (value: unknown) => (value && typeof value === "object" ? (value as Record<string, unknown>) : null);

/** The audit trail of one module's certificate settings and accreditations, newest first. */
export async function accreditationHistory(
  db: PrismaClient,
  { moduleId, limit = 50 }: { moduleId: string; limit?: number },
): Promise<HistoryEntry[]> {
  const rows = await db.auditLog.findMany({
    where: {
      action: { in: [...AUDIT_ACTION_LIST] },
      details: { startsWith: JSON.stringify({ moduleId }).slice(0, -1) },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, createdAt: true, action: true, details: true, user: { select: { name: true } } },
  });
  return rows.flatMap((row) => {
    const details = readAuditDetails(row.details);
    // startsWith is a LIKE on SQLite, where "_" in a slug matches any character: check exactly.
    if (!details || details.moduleId !== moduleId) return [];
    return [
      {
        id: row.id,
        createdAt: row.createdAt,
        action: row.action as AuditAction,
        actorName: row.user?.name ?? null,
        register: isRegister(details.register) ? details.register : null,
        before: asRecord(details.before),
        after: asRecord(details.after),
      },
    ];
  });
}
