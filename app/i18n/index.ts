import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";

import { messages, type MessageKey } from "./messages";

export { formatDate, formatPercent } from "./format";

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
