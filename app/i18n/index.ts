import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import { AMSTERDAM_TIME_ZONE } from "~/utils/amsterdam";

import { messages, type MessageKey } from "./messages";

export type { MessageKey };
export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

/** `{name}` placeholders are replaced by params; numbers are formatted for the locale. */
export function createTranslator(locale: Locale = DEFAULT_LOCALE): Translate {
  const dictionary = messages[locale];
  const numberFormat = new Intl.NumberFormat(locale);
  return (key, params) => {
    const template = dictionary[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? numberFormat.format(value) : value;
    });
  };
}

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
