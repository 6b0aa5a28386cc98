/**
 * Managing imported SCORM modules: the list on /beheer/scorm, the edit form (texts, minutes,
 * sectors, pass rule) and archiving. Every change is written to the audit log with before/after.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { readAuditDetails, writeAudit } from "~/db/audit.server";
import { jsonColumn } from "~/db/json-column";
import { LOCALES, type Locale, type Sector } from "~/domain/constants";
import { moduleTitle, pickLocale } from "~/domain/module-title";
import { parseSectors } from "~/domain/constants";

import type { ScormWarning } from "./package/errors";
import { parseRuntimeSettings } from "./rules";

export interface ScormModuleRow {
  moduleId: string;
  title: string;
  version: string;
  scoCount: number;
  archived: boolean;
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
    importedAt: pkg.createdAt,
    learners: pkg.module._count.enrollments,
  }));
}

export interface ScormModuleSettings {
  titles: Record<Locale, string>;
  summaries: Record<Locale, string>;
  minutes: number;
  sectors: Sector[];
  /** 0: the package's own pass rule; 1–100: a mastery score override in percent. */
  masteryPercent: number;
}

export interface ScormModuleForEdit extends ScormModuleSettings {
  moduleId: string;
  archived: boolean;
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
  const text = (locale: Locale) => pickLocale(module.locales, locale);
  return {
    moduleId: module.id,
    archived: module.archived,
    version: pkg.version,
    identifier: pkg.identifier,
    fileCount: pkg.fileCount,
    totalBytes: pkg.totalBytes,
    importedAt: pkg.createdAt,
    warnings: warningsColumn.parse(pkg.warnings),
    titles: { nl: text("nl")?.title ?? "", en: text("en")?.title ?? "" },
    summaries: { nl: text("nl")?.summary ?? "", en: text("en")?.summary ?? "" },
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

/** Saves the edit form. Returns whether anything changed; false also for an unknown module. */
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
      texts: Object.fromEntries(
        [...m.locales]
          .sort((a, b) => a.locale.localeCompare(b.locale))
          .map((l) => [l.locale, { title: l.title, summary: l.summary }]),
      ),
    });
    const after = {
      minutes: settings.minutes,
      sectors: JSON.stringify(settings.sectors),
      passMark: settings.masteryPercent,
      locales: LOCALES.map((locale) => ({
        locale,
        title: settings.titles[locale],
        summary: settings.summaries[locale],
      })),
    };
    const old = snapshot(before);
    const next = snapshot(after);
    if (JSON.stringify(old) === JSON.stringify(next)) return { ok: true, changed: false };

    await tx.module.update({
      where: { id: moduleId },
      data: { minutes: after.minutes, sectors: after.sectors, passMark: after.passMark },
    });
    for (const { locale, title, summary } of after.locales) {
      await tx.moduleLocale.upsert({
        where: { moduleId_locale: { moduleId, locale } },
        create: { moduleId, locale, title, summary, objectives: "[]", introHtml: "" },
        update: { title, summary },
      });
    }
    await writeAudit(tx, {
      actorId,
      action: "scorm.module_updated",
      details: { moduleId, before: old, after: next },
      at: now,
    });
    return { ok: true, changed: true };
  });
}

export async function setScormModuleArchived(
  db: PrismaClient,
  { actorId, moduleId, archived, now }: { actorId: string; moduleId: string; archived: boolean; now: Date },
): Promise<{ ok: boolean; changed: boolean }> {
  return db.$transaction(async (tx) => {
    const updated = await tx.module.updateMany({
      where: { id: moduleId, kind: "scorm", archived: !archived },
      data: { archived },
    });
    if (updated.count === 0) {
      const exists = await tx.module.count({ where: { id: moduleId, kind: "scorm" } });
      return { ok: exists > 0, changed: false };
    }
    await writeAudit(tx, {
      actorId,
      action: archived ? "scorm.module_archived" : "scorm.module_unarchived",
      details: { moduleId },
      at: now,
    });
    return { ok: true, changed: true };
  });
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
