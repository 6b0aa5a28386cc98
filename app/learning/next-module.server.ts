import type { PrismaClient } from "@prisma/client";

import { DEFAULT_LOCALE, isSector, type Locale } from "~/domain/constants";

import { pickLocale } from "~/domain/module-title";
import { parseSectors } from "~/domain/constants";

export interface SuggestedModule {
  slug: string;
  title: string;
  contentLocale: string;
  minutes: number;
}

/**
 * What to do after finishing a module: the first module for the learner's sector, in catalogue
 * order, that they have not completed (and that is not the one they just finished). A learner
 * without a known sector gets the first such module of the whole catalogue. Null when there is
 * nothing left.
 */
export async function suggestNextModule(
  db: PrismaClient,
  { userId, locale, currentModuleId }: { userId: string; locale: Locale; currentModuleId?: string },
): Promise<SuggestedModule | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sector: true } });
  if (!user) return null;
  const modules = await db.module.findMany({
    where: {
      archived: false,
      id: currentModuleId ? { not: currentModuleId } : undefined,
      completions: { none: { userId } },
    },
    orderBy: { position: "asc" },
    select: { id: true, minutes: true, sectors: true, locales: { select: { locale: true, title: true } } },
  });
  return pickNextModule(modules, user.sector, locale);
}

/**
 * The suggestion among candidate modules in catalogue order (not completed, not the current one):
 * the first for the learner's sector, or the first of all for a learner without a known sector.
 */
export function pickNextModule(
  candidates: readonly { id: string; minutes: number; sectors: string; locales: { locale: string; title: string }[] }[],
  storedSector: string | null,
  locale: Locale,
): SuggestedModule | null {
  const sector = isSector(storedSector) ? storedSector : null;
  const next = candidates.find((module) => sector === null || parseSectors(module.sectors).includes(sector));
  if (!next) return null;
  const text = pickLocale(next.locales, locale);
  return {
    slug: next.id,
    title: text?.title ?? next.id,
    contentLocale: text?.locale ?? DEFAULT_LOCALE,
    minutes: next.minutes,
  };
}
