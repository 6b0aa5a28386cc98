import type { Locale } from "~/domain/constants";

import type { MessageKey } from "./messages";

/**
 * The browser's messages. A page's HTML carries the messages it rendered (root.tsx, PageMessages);
 * the rest of the active language is one JSON file (app/routes/teksten.$file.ts), loaded when
 * the visitor first interacts (entry.client.tsx) or a render needs a message the page lacks. A message asked for before that chunk has arrived suspends the
 * render (React waits for the thrown promise), so a navigation shows the old page a moment longer
 * instead of a missing text.
 */
type Entries = Partial<Record<MessageKey, string>>;

const KEY_SHAPE = /^[\w-]+(?:\.[\w-]+)+$/;

const store: Partial<Record<Locale, Entries>> = {};
const complete = new Set<Locale>();
const pending = new Map<Locale, Promise<void>>();
let source: ((locale: Locale) => Promise<Record<MessageKey, string>>) | undefined;

export function addMessages(locale: Locale, entries: Entries) {
  store[locale] = { ...store[locale], ...entries };
}

/** Where the whole of a language comes from. */
export function setMessageSource(load: (locale: Locale) => Promise<Record<MessageKey, string>>) {
  source = load;
}

export function loadAllMessages(locale: Locale): Promise<void> {
  const started = pending.get(locale);
  if (started) return started;
  if (!source) return Promise.reject(new Error("no message source: entry.client.tsx sets it before hydrating"));
  const loading = source(locale).then(
    (all) => {
      addMessages(locale, all);
      complete.add(locale);
    },
    (error: unknown) => {
      // A failed chunk load (offline) may be retried by the next render.
      pending.delete(locale);
      throw error;
    },
  );
  pending.set(locale, loading);
  return loading;
}

/** The template of a key, or a thrown promise (React Suspense) while the language is loading. */
export function clientTemplate(locale: Locale, key: MessageKey): string {
  const template = store[locale]?.[key];
  if (template !== undefined) return template;
  if (complete.has(locale)) return key;
  throw loadAllMessages(locale);
}

/** Whether a string is a message key; suspends like clientTemplate when it cannot tell yet. */
export function isClientMessageKey(locale: Locale, value: string): boolean {
  // Sentences and status texts ("Not found") are never keys: no need to load anything to say so.
  if (!KEY_SHAPE.test(value)) return false;
  if (Object.prototype.hasOwnProperty.call(store[locale] ?? {}, value)) return true;
  if (complete.has(locale)) return false;
  throw loadAllMessages(locale);
}
