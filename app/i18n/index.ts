import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";

import { clientTemplate, isClientMessageKey } from "./client-messages";
import type { MessageKey } from "./messages";
import { messages as serverMessages } from "./server-messages.server";

export { formatDate, formatPercent } from "./format";

export type { MessageKey };
export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

/**
 * All messages on the server; undefined in the browser, where the `.server` module is empty and
 * messages come per page and per language (./client-messages).
 */
const allMessages: typeof serverMessages | undefined = serverMessages;

/** The raw template of a key in a language. */
function messageTemplate(locale: Locale, key: MessageKey): string {
  return allMessages ? allMessages[locale][key] : clientTemplate(locale, key);
}

/** A string a server module or an action returned may be a message key; this says whether it is one. */
export function isMessageKey(value: string, locale: Locale = DEFAULT_LOCALE): value is MessageKey {
  return allMessages
    ? Object.prototype.hasOwnProperty.call(allMessages[locale], value)
    : isClientMessageKey(locale, value);
}

/**
 * One number format per language for the process: every component that translates makes a
 * translator on each server render, and building an Intl.NumberFormat costs tens of microseconds.
 */
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function numberFormatOf(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format;
}

/**
 * `{name}` placeholders are replaced by params; numbers are formatted for the locale. `onUse`
 * hears every key looked up (the server records what a page rendered, see use-translation).
 */
export function createTranslator(locale: Locale = DEFAULT_LOCALE, onUse?: (key: MessageKey) => void): Translate {
  return (key, params) => {
    onUse?.(key);
    const template = messageTemplate(locale, key);
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? numberFormatOf(locale).format(value) : value;
    });
  };
}
