import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { contentStamp, moduleContent } from "~/content/module-content.server";
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
  // The version stamps only; texts and lesson counts come from memory (~/content/module-content.server).
  const modules = await db.module.findMany({
    where: { archived: false },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, minutes: true, sectors: true, contentHash: true, syncedAt: true },
  });
  // An imported SCORM module is edited in place (no new stamp): its texts and SCO count are read now.
  const scormIds = modules.filter((m) => m.kind === "scorm").map((m) => m.id);
  const scorm =
    scormIds.length === 0
      ? []
      : await db.module.findMany({
          where: { id: { in: scormIds } },
          select: {
            id: true,
            locales: { select: { locale: true, title: true, summary: true } },
            scormPackage: { select: { _count: { select: { scos: true } } } },
          },
        });
  const entries = await Promise.all(
    modules.map(async (m) => {
      const imported = scorm.find((candidate) => candidate.id === m.id);
      const content = imported ? null : await moduleContent(db, m.id, contentStamp(m));
      const text = pickLocale(imported?.locales ?? content?.locales ?? [], locale);
      const sectors = parseSectors(m.sectors);
      return {
        slug: m.id,
        title: text?.title ?? m.id,
        summary: text?.summary ?? "",
        contentLocale: text?.locale ?? DEFAULT_LOCALE,
        minutes: m.minutes,
        sectors,
        lessonCount: (content?.lessons.length ?? 0) + (imported?.scormPackage?._count.scos ?? 0),
        forLearnerSector: sector ? sectors.includes(sector) : false,
      };
    }),
  );
  if (!sector) return entries;
  return [...entries.filter((e) => e.forLearnerSector), ...entries.filter((e) => !e.forLearnerSector)];
}
