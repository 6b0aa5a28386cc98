import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { jsonColumn } from "~/db/json-column";
import { DEFAULT_LOCALE, parseSectors, type Locale, type Sector } from "~/domain/constants";
import { pickLocale } from "~/domain/module-title";

// Lists synced from the course files; an entry the app no longer knows is dropped, not fatal.
const stringListColumn = jsonColumn(
  z.array(z.unknown()).transform((values) => values.filter((v): v is string => typeof v === "string")),
  [] as string[],
);

export function parseStringList(json: string): string[] {
  return stringListColumn.parse(json);
}

export interface CatalogueEntry {
  slug: string;
  title: string;
  summary: string;
  contentLocale: string;
  minutes: number;
  sectors: Sector[];
  lessonCount: number;
  forLearnerSector: boolean;
}

/**
 * Every current module in catalogue order. When the learner has a sector, modules for that
 * sector come first; the rest stay listed so that every module is reachable.
 */
export async function listCatalogue(
  db: PrismaClient,
  { locale, sector }: { locale: Locale; sector?: Sector | null },
): Promise<CatalogueEntry[]> {
  const modules = await db.module.findMany({
    where: { archived: false },
    orderBy: { position: "asc" },
    select: {
      id: true,
      minutes: true,
      sectors: true,
      locales: { select: { locale: true, title: true, summary: true } },
      _count: { select: { lessons: { where: { archived: false } } } },
      // A SCORM module has no lessons; its SCOs are what the catalogue counts.
      scormPackage: { select: { _count: { select: { scos: true } } } },
    },
  });
  const entries = modules.map((m) => {
    const text = pickLocale(m.locales, locale);
    const sectors = parseSectors(m.sectors);
    return {
      slug: m.id,
      title: text?.title ?? m.id,
      summary: text?.summary ?? "",
      contentLocale: text?.locale ?? DEFAULT_LOCALE,
      minutes: m.minutes,
      sectors,
      lessonCount: m._count.lessons + (m.scormPackage?._count.scos ?? 0),
      forLearnerSector: sector ? sectors.includes(sector) : false,
    };
  });
  if (!sector) return entries;
  return [...entries.filter((e) => e.forLearnerSector), ...entries.filter((e) => !e.forLearnerSector)];
}
