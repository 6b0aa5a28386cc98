import { DEFAULT_LOCALE, isLocale, type Locale } from "./constants";

/**
 * The one fallback for text stored per language: the reader's language, else Dutch (the source
 * language every module has), else whatever language there is.
 */
export function pickLocale<T extends { locale: string }>(rows: readonly T[], locale: Locale): T | undefined {
  return rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === DEFAULT_LOCALE) ?? rows[0];
}

export interface ModuleTitle {
  id: string;
  title: string;
  /** The language the title is in, for its `lang` attribute. */
  locale: Locale;
}

/** A module's title for `locale` (see `pickLocale`); the module id when it has no text at all. */
export function moduleTitle(
  module: { id: string; locales: readonly { locale: string; title: string }[] },
  locale: Locale,
): ModuleTitle {
  const chosen = pickLocale(module.locales, locale);
  return {
    id: module.id,
    title: chosen?.title ?? module.id,
    locale: isLocale(chosen?.locale) ? chosen.locale : DEFAULT_LOCALE,
  };
}

/**
 * The same choice over a `{ nl: "…", en: "…" }` snapshot (a certificate keeps the titles it was
 * issued with). Keys that are not a supported language are never picked.
 */
export function titleFromSnapshot(
  titles: Readonly<Record<string, string>>,
  locale: Locale,
): { title: string; locale: Locale } | null {
  const rows = Object.entries(titles)
    .filter(([key, title]) => isLocale(key) && title)
    .map(([key, title]) => ({ locale: key as Locale, title }));
  const chosen = pickLocale(rows, locale);
  return chosen ? { title: chosen.title, locale: chosen.locale } : null;
}

/** Titles per module id for `locale`, from rows of any number of modules; ids without text map to themselves. */
export function moduleTitlesById(
  moduleIds: readonly string[],
  rows: readonly { moduleId: string; locale: string; title: string }[],
  locale: Locale,
): Map<string, string> {
  return new Map(
    moduleIds.map((id) => [id, moduleTitle({ id, locales: rows.filter((row) => row.moduleId === id) }, locale).title]),
  );
}
