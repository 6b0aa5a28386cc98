import { DEFAULT_LOCALE, type Locale } from "./constants";

/** Rows keyed by locale; pick the requested one, else Dutch (every module has Dutch). */
export function pickLocale<T extends { locale: string }>(rows: readonly T[], locale: Locale): T | undefined {
  return rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === DEFAULT_LOCALE) ?? rows[0];
}
