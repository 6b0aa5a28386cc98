import type { PrismaClient } from "@prisma/client";

import { isLocale, type Locale } from "~/domain/constants";
import { pickLocale } from "~/learning/catalogue.server";

export interface ExportableModuleRow {
  id: string;
  title: string;
  /** Languages the module has text in, in the platform's order. */
  languages: Locale[];
}

/** The Markdown modules an administrator can download as SCORM packages (imported SCORM modules excluded). */
export async function listExportableModules(db: PrismaClient, locale: Locale): Promise<ExportableModuleRow[]> {
  const modules = await db.module.findMany({
    where: { archived: false, kind: "markdown" },
    orderBy: { position: "asc" },
    select: { id: true, locales: { select: { locale: true, title: true } } },
  });
  return modules.map((module) => ({
    id: module.id,
    title: pickLocale(module.locales, locale)?.title ?? module.id,
    languages: module.locales.map((l) => l.locale).filter(isLocale).sort((a, b) => (a === "nl" ? -1 : b === "nl" ? 1 : a.localeCompare(b))),
  }));
}
