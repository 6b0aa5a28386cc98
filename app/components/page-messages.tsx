import { useState } from "react";

import { pageMessagesJson } from "~/i18n/server-messages.server";
import { useLocale, useUsedMessages } from "~/i18n/use-translation";

/** The element entry.client.tsx reads the page's messages from before hydrating. */
export const PAGE_MESSAGES_ID = "page-messages";

/**
 * The messages this page rendered, in its language only, as JSON. Placed after the page in the
 * document: the server renders in document order, so by then every key has been looked up.
 * In the browser it keeps what the server sent (React leaves the script as it is).
 */
export function PageMessages() {
  const locale = useLocale();
  const used = useUsedMessages();
  const [json] = useState(() =>
    used ? pageMessagesJson(locale, used) : (document.getElementById(PAGE_MESSAGES_ID)?.textContent ?? ""),
  );
  return (
    <script
      id={PAGE_MESSAGES_ID}
      type="application/json"
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}
