// Every message in both languages, for the server. A `.server` module is an empty module in the
// browser bundle, so importing this from shared code never ships the messages to the browser;
// the browser gets them per page (pageMessagesJson) and per language (dictionary).
import { createHash } from "node:crypto";

import { LOCALES, type Locale } from "~/domain/constants";

import { messages, type MessageKey } from "./messages";

export { messages };

/** Where the browser loads one language's messages (app/routes/teksten.$file.ts). */
const DICTIONARY_PATH = "/teksten/";

interface Dictionary {
  /** Content hash: a new release with changed messages gets a new URL, so the old one may be cached for good. */
  version: string;
  json: string;
}

const dictionaries = new Map<Locale, Dictionary>();

export function dictionary(locale: Locale): Dictionary {
  let found = dictionaries.get(locale);
  if (!found) {
    const json = JSON.stringify(messages[locale]);
    found = { version: createHash("sha256").update(json).digest("base64url").slice(0, 16), json };
    dictionaries.set(locale, found);
  }
  return found;
}

export function dictionaryFileName(locale: Locale): string {
  return `${locale}.${dictionary(locale).version}.json`;
}

/**
 * What PageMessages puts in the HTML: the messages the page rendered, in its language only, and
 * where each language's full set is (for later navigations and a language switch).
 */
export function pageMessagesJson(locale: Locale, used: Iterable<MessageKey>): string {
  const entries = Object.fromEntries([...used].sort().map((key) => [key, messages[locale][key]]));
  const sources = Object.fromEntries(LOCALES.map((each) => [each, `${DICTIONARY_PATH}${dictionaryFileName(each)}`]));
  // "<" escaped so no message can close the script element it travels in.
  return JSON.stringify({ locale, messages: entries, sources }).replace(/</g, "\\u003c");
}
