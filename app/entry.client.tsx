import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

import { PAGE_MESSAGES_ID } from "~/components/page-messages";
import { isLocale, type Locale } from "~/domain/constants";
import type { MessageKey } from "~/i18n";
import { addMessages, loadAllMessages, setMessageSource } from "~/i18n/client-messages";

const INTERACTIONS = ["pointerdown", "keydown", "focusin", "touchstart"] as const;
const pageLocale = readPageMessages();

// The rest of the language is needed once the visitor does something (a navigation, a form
// error); starting the download at the first interaction means it has usually arrived by then.
if (pageLocale) {
  const loadOnce = () => {
    for (const type of INTERACTIONS) removeEventListener(type, loadOnce, true);
    loadAllMessages(pageLocale).catch(() => {
      // Offline: a render that needs a message tries again.
    });
  };
  for (const type of INTERACTIONS) addEventListener(type, loadOnce, { capture: true, passive: true });
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});

/** The messages the server rendered this page with (PageMessages in root.tsx). */
function readPageMessages(): Locale | null {
  try {
    const data: unknown = JSON.parse(document.getElementById(PAGE_MESSAGES_ID)?.textContent ?? "null");
    if (!data || typeof data !== "object" || !("locale" in data) || !("messages" in data)) return null;
    if (!isLocale(data.locale) || !data.messages || typeof data.messages !== "object") return null;
    addMessages(data.locale, data.messages);
    const sources: Partial<Record<Locale, unknown>> =
      "sources" in data && data.sources && typeof data.sources === "object" ? data.sources : {};
    // One language per file, fetched only when needed, so a page never downloads the other one.
    setMessageSource(async (locale) => {
      const url = sources[locale];
      if (typeof url !== "string") throw new Error(`no messages for ${locale}`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`messages for ${locale}: HTTP ${response.status}`);
      return (await response.json()) as Record<MessageKey, string>;
    });
    return data.locale;
  } catch {
    return null;
  }
}
