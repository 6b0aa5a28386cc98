import { useRouteLoaderData } from "@remix-run/react";
import { createContext, createElement, useContext, useMemo, useState, type ReactNode } from "react";

import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";

import { createTranslator, isMessageKey, type MessageKey } from "./index";

/**
 * On the server, the keys a page looked up while rendering (entry.server.tsx provides it); the
 * page then sends only those messages, in its own language, to the browser (PageMessages in
 * root.tsx). Null in the browser.
 */
const UsedMessages = createContext<Set<MessageKey> | null>(null);

export function RecordUsedMessages({ children }: { children: ReactNode }) {
  const [used] = useState(() => new Set<MessageKey>());
  return createElement(UsedMessages.Provider, { value: used }, children);
}

export function useUsedMessages(): ReadonlySet<MessageKey> | null {
  return useContext(UsedMessages);
}

/** The locale chosen in the root loader, also inside error boundaries (falls back to Dutch). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: unknown }>("root");
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

export function useTranslation() {
  const locale = useLocale();
  const used = useContext(UsedMessages);
  return useMemo(
    () => ({
      locale,
      t: createTranslator(locale, used ? (key) => used.add(key) : undefined),
      /** Whether a string (an error a server module returned, say) is a message key. */
      isMessageKey: (value: string): value is MessageKey => {
        const known = isMessageKey(value, locale);
        if (known) used?.add(value);
        return known;
      },
    }),
    [locale, used],
  );
}
