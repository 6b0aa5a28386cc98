/**
 * Managing imported SCORM modules: the list on /beheer/scorm, the edit form (language, texts,
 * minutes, sectors, pass rule), publishing a draft and archiving. Every change is written to the
 * audit log with before/after.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { readAuditDetails, writeAudit } from "~/db/audit.server";
import { jsonColumn } from "~/db/json-column";
import { DEFAULT_LOCALE, isLocale, parseSectors, type Locale, type Sector } from "~/domain/constants";
import { moduleTitle, pickLocale } from "~/domain/module-title";

import type { ScormWarning } from "./package/errors";
import { applyStateAction, scormModuleState, type ScormModuleState, type ScormStateAction } from "./publication";
import { parseRuntimeSettings } from "./rules";

export interface ScormModuleRow {
  moduleId: string;
  title: string;
  version: string;
  scoCount: number;
  archived: boolean;
  state: ScormModuleState;
  importedAt: Date;
  learners: number;
}

export async function listScormModules(db: PrismaClient, { locale }: { locale: Locale }): Promise<ScormModuleRow[]> {
  const packages = await db.scormPackage.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      moduleId: true,
      version: true,
      createdAt: true,
      _count: { select: { scos: true } },
      module: {
        select: {
          archived: true,
          draft: true,
          locales: { select: { locale: true, title: true } },
          _count: { select: { enrollments: true } },
        },
      },
    },
  });
  return packages.map((pkg) => ({
    moduleId: pkg.moduleId,
    title: moduleTitle({ id: pkg.moduleId, locales: pkg.module.locales }, locale).title,
    version: pkg.version,
    scoCount: pkg._count.scos,
    archived: pkg.module.archived,
    state: scormModuleState(pkg.module),
    importedAt: pkg.createdAt,
    learners: pkg.module._count.enrollments,
  }));
}

export interface ScormModuleSettings {
  /** The package's language: its title and summary are stored in this language only. */
  language: Locale;
  title: string;
  summary: string;
  minutes: number;
  sectors: Sector[];
  /** 0: the package's own pass rule; 1–100: a mastery score override in percent. */
  masteryPercent: number;
}

export interface ScormModuleForEdit extends ScormModuleSettings {
  moduleId: string;
  archived: boolean;
  state: ScormModuleState;
  version: string;
  identifier: string;
  fileCount: number;
  totalBytes: number;
  importedAt: Date;
  warnings: ScormWarning[];
  scos: { id: string; title: string; kind: string; masteryScore: number | null; scaledPassingScore: number | null }[];
}

export async function getScormModuleForEdit(
  db: PrismaClient,
  { moduleId }: { moduleId: string },
): Promise<ScormModuleForEdit | null> {
  const module = await db.module.findFirst({
    where: { id: moduleId, kind: "scorm" },
    select: {
      id: true,
      archived: true,
      draft: true,
      minutes: true,
      sectors: true,
      passMark: true,
      locales: { select: { locale: true, title: true, summary: true } },
      scormPackage: {
        select: {
          version: true,
          identifier: true,
          fileCount: true,
          totalBytes: true,
          createdAt: true,
          warnings: true,
          scos: { orderBy: { position: "asc" }, select: { id: true, title: true, scormType: true, runtime: true } },
        },
      },
    },
  });
  if (!module?.scormPackage) return null;
  const pkg = module.scormPackage;
  const text = packageText(module.locales);
  return {
    moduleId: module.id,
    archived: module.archived,
    state: scormModuleState(module),
    version: pkg.version,
    identifier: pkg.identifier,
    fileCount: pkg.fileCount,
    totalBytes: pkg.totalBytes,
    importedAt: pkg.createdAt,
    warnings: warningsColumn.parse(pkg.warnings),
    language: text.language,
    title: text.title,
    summary: text.summary,
    minutes: module.minutes,
    sectors: parseSectors(module.sectors),
    masteryPercent: module.passMark,
    scos: pkg.scos.map((sco) => {
      const runtime = parseRuntimeSettings(sco.runtime);
      return {
        id: sco.id,
        title: sco.title,
        kind: sco.scormType,
        masteryScore: typeof runtime.masteryScore === "number" ? runtime.masteryScore : null,
        scaledPassingScore: typeof runtime.scaledPassingScore === "number" ? runtime.scaledPassingScore : null,
      };
    }),
  };
}

/**
 * The package's language and texts. Packages imported before languages were detected have the
 * same text in a Dutch and an English row; the Dutch one stands for them until the form is saved.
 */
function packageText(locales: readonly { locale: string; title: string; summary: string }[]): {
  language: Locale;
  title: string;
  summary: string;
} {
  const row = locales.length === 1 ? locales[0] : pickLocale(locales, DEFAULT_LOCALE);
  return {
    language: isLocale(row?.locale) ? row.locale : DEFAULT_LOCALE,
    title: row?.title ?? "",
    summary: row?.summary ?? "",
  };
}

/**
 * Saves the edit form: the texts are stored in the chosen language only, so a Dutch package is
 * never presented as English. Returns whether anything changed; false also for an unknown module.
 */
export async function updateScormModule(
  db: PrismaClient,
  { actorId, moduleId, settings, now }: { actorId: string; moduleId: string; settings: ScormModuleSettings; now: Date },
): Promise<{ ok: boolean; changed: boolean }> {
  return db.$transaction(async (tx) => {
    const before = await tx.module.findFirst({
      where: { id: moduleId, kind: "scorm" },
      select: {
        minutes: true,
        sectors: true,
        passMark: true,
        locales: { select: { locale: true, title: true, summary: true } },
      },
    });
    if (!before) return { ok: false, changed: false };
    const snapshot = (m: {
      minutes: number;
      sectors: string;
      passMark: number;
      locales: { locale: string; title: string; summary: string }[];
    }) => ({
      minutes: m.minutes,
      sectors: parseSectors(m.sectors),
      masteryPercent: m.passMark,
      languages: m.locales.map((l) => l.locale).sort(),
      ...packageText(m.locales),
    });
    const after = {
      minutes: settings.minutes,
      sectors: JSON.stringify(settings.sectors),
      passMark: settings.masteryPercent,
      locales: [{ locale: settings.language, title: settings.title, summary: settings.summary }],
    };
    const old = snapshot(before);
    const next = snapshot(after);
    if (JSON.stringify(old) === JSON.stringify(next)) return { ok: true, changed: false };

    await tx.module.update({
      where: { id: moduleId },
      data: { minutes: after.minutes, sectors: after.sectors, passMark: after.passMark },
    });
    await tx.moduleLocale.deleteMany({ where: { moduleId, locale: { not: settings.language } } });
    await tx.moduleLocale.upsert({
      where: { moduleId_locale: { moduleId, locale: settings.language } },
      create: {
        moduleId,
        locale: settings.language,
        title: settings.title,
        summary: settings.summary,
        objectives: "[]",
        introHtml: "",
      },
      update: { title: settings.title, summary: settings.summary },
    });
    await writeAudit(tx, {
      actorId,
      action: "scorm.module_updated",
      details: { moduleId, before: old, after: next },
      at: now,
    });
    return { ok: true, changed: true };
  });
}

const STATE_AUDIT: Record<ScormStateAction, string> = {
  publish: "scorm.module_published",
  archive: "scorm.module_archived",
  unarchive: "scorm.module_unarchived",
};

/**
 * Publishes a draft, archives a published module or brings an archived one back (see
 * publication.ts for which action applies when). `changed` is false when the action does not
 * apply to the module's state; `ok` is false for an unknown module.
 */
export async function changeScormModuleState(
  db: PrismaClient,
  { actorId, moduleId, action, now }: { actorId: string; moduleId: string; action: ScormStateAction; now: Date },
): Promise<{ ok: boolean; changed: boolean }> {
  return db.$transaction(async (tx) => {
    const module = await tx.module.findFirst({
      where: { id: moduleId, kind: "scorm" },
      select: { draft: true, archived: true },
    });
    if (!module) return { ok: false, changed: false };
    const columns = applyStateAction(scormModuleState(module), action);
    if (!columns) return { ok: true, changed: false };
    // Conditional on the state read above, so two administrators acting at once change it once.
    const updated = await tx.module.updateMany({ where: { id: moduleId, ...module }, data: columns });
    if (updated.count === 0) return { ok: true, changed: false };
    await writeAudit(tx, { actorId, action: STATE_AUDIT[action], details: { moduleId }, at: now });
    return { ok: true, changed: true };
  });
}

/** Archives or brings back a published module; a draft is published instead (changeScormModuleState). */
export function setScormModuleArchived(
  db: PrismaClient,
  { actorId, moduleId, archived, now }: { actorId: string; moduleId: string; archived: boolean; now: Date },
): Promise<{ ok: boolean; changed: boolean }> {
  return changeScormModuleState(db, { actorId, moduleId, action: archived ? "archive" : "unarchive", now });
}

export interface ScormAuditEntry {
  id: number;
  action: string;
  actorName: string | null;
  createdAt: Date;
}

/** The audit trail of one SCORM module, newest first. */
export async function scormModuleHistory(
  db: PrismaClient,
  { moduleId }: { moduleId: string },
): Promise<ScormAuditEntry[]> {
  const entries = await db.auditLog.findMany({
    where: { action: { startsWith: "scorm." }, details: { contains: JSON.stringify(moduleId) } },
    orderBy: { id: "desc" },
    take: 50,
    select: { id: true, action: true, details: true, createdAt: true, user: { select: { name: true } } },
  });
  return entries
    .filter((entry) => readAuditDetails(entry.details)?.moduleId === moduleId)
    .map((entry) => ({
      id: entry.id,
      action: entry.action,
      actorName: entry.user?.name ?? null,
      createdAt: entry.createdAt,
    }));
}

// Warnings are the import's own output; a row without a message key cannot be shown, so it is left out.
const warningsColumn = jsonColumn(
  z
    .array(z.unknown())
    .transform((warnings) =>
      warnings.filter((w): w is ScormWarning => typeof (w as Partial<ScormWarning> | null)?.messageKey === "string"),
    ),
  [] as ScormWarning[],
);
