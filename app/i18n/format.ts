import type { Locale } from "~/domain/constants";
import { AMSTERDAM_TIME_ZONE } from "~/utils/amsterdam";

/**
 * The one way the interface shows a date ("7 december 2026", "7 December 2026") or a moment
 * ("7 december 2026 om 14:05"), on the Amsterdam calendar and clock. Kept apart from the
 * messages so the SCORM runtime can bundle it without them.
 */

/** Creating an Intl formatter costs far more than using one, so each is made once. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(locale: Locale, date: Date | string, style: "date" | "datetime" = "date") {
  const value = typeof date === "string" ? new Date(date) : date;
  const key = `${locale}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
      dateStyle: "long",
      ...(style === "datetime" ? { timeStyle: "short" } : {}),
      timeZone: AMSTERDAM_TIME_ZONE,
    });
    dateFormats.set(key, format);
  }
  return format.format(value);
}

export function formatPercent(locale: Locale, fraction: number) {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}
