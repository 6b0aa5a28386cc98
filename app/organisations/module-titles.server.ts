import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";
import { pickLocale } from "~/learning/catalogue.server";

/** A module as the cohort pages name it: its title in the viewer's language, else Dutch. */

interface ModuleTitleRow {
  id: string;
  locales: { locale: string; title: string }[];
}

export interface ModuleTitle {
  id: string;
  title: string;
  locale: Locale;
}

export function moduleTitle(module: ModuleTitleRow, locale: Locale): ModuleTitle {
  const chosen = pickLocale(module.locales, locale);
  return {
    id: module.id,
    title: chosen?.title ?? module.id,
    locale: isLocale(chosen?.locale) ? chosen.locale : DEFAULT_LOCALE,
  };
}

export const MODULE_TITLE_SELECT = { id: true, locales: { select: { locale: true, title: true } } } as const;
