import type { PrismaClient } from "@prisma/client";

import type { Question } from "~/content/questions";
import { LOCALES, type Locale } from "~/domain/constants";
import { moduleTitle } from "~/domain/module-title";
import { parseStringList } from "~/learning/catalogue.server";

import type { ExportModule } from "./html";

export interface ExportableModuleRow {
  id: string;
  title: string;
  /** Languages the module has text in, in the platform's order. */
  languages: Locale[];
}

/** Markdown modules a package can be made of: synced from courses/, not archived (imported SCORM modules excluded). */
const EXPORTABLE = { archived: false, kind: "markdown" } as const;

/** The Markdown modules an administrator can download as SCORM packages (imported SCORM modules excluded). */
export async function listExportableModules(db: PrismaClient, locale: Locale): Promise<ExportableModuleRow[]> {
  const modules = await db.module.findMany({
    where: EXPORTABLE,
    orderBy: { position: "asc" },
    select: { id: true, locales: { select: { locale: true, title: true } } },
  });
  return modules.map((module) => ({
    id: module.id,
    title: moduleTitle(module, locale).title,
    languages: inPlatformOrder(module.locales.map((l) => l.locale)),
  }));
}

/** Ids of the exportable modules, in catalogue order (for "available: …" messages). */
export async function exportableModuleIds(db: PrismaClient): Promise<string[]> {
  const modules = await db.module.findMany({ where: EXPORTABLE, orderBy: { position: "asc" }, select: { id: true } });
  return modules.map((module) => module.id);
}

/**
 * A module as the content sync stored it: rendered HTML per language, the current lessons and
 * questions. Packages are built from these rows, never from courses/, so an export is exactly
 * what learners on the platform see. Null when there is no such exportable module.
 */
export async function loadExportModule(db: PrismaClient, moduleId: string): Promise<ExportModule | null> {
  const module = await db.module.findFirst({
    where: { id: moduleId, ...EXPORTABLE },
    include: {
      locales: true,
      lessons: { where: { archived: false }, orderBy: { position: "asc" }, include: { locales: true } },
      questions: { where: { archived: false }, orderBy: { position: "asc" }, select: { kind: true, data: true } },
    },
  });
  if (!module) return null;
  // Question.data is the validated question the sync wrote (content/sync.server.ts).
  const questions = (kind: "assessment" | "check") =>
    module.questions.filter((row) => row.kind === kind).map((row) => JSON.parse(row.data) as Question);
  return {
    slug: module.id,
    minutes: module.minutes,
    languages: inPlatformOrder(module.locales.map((row) => row.locale)),
    contentHash: module.contentHash,
    locales: Object.fromEntries(
      module.locales.map((row) => [
        row.locale,
        {
          title: row.title,
          summary: row.summary,
          objectives: parseStringList(row.objectives),
          introHtml: row.introHtml,
        },
      ]),
    ),
    lessons: module.lessons.map((lesson) => ({
      slug: lesson.slug,
      minutes: lesson.minutes,
      locales: Object.fromEntries(lesson.locales.map((row) => [row.locale, { title: row.title, html: row.html }])),
    })),
    assessment: module.hasAssessment
      ? {
          passMark: module.passMark,
          draw: module.drawCount,
          maxAttempts: module.maxAttempts,
          waitMinutes: module.waitMinutes,
          questions: questions("assessment"),
        }
      : null,
    checks: questions("check"),
  };
}

function inPlatformOrder(locales: string[]): Locale[] {
  return LOCALES.filter((locale) => locales.includes(locale));
}
