import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

import type { MessageKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";

const KNOWN_STATUSES = [400, 403, 404] as const;

function messagesFor(status: number): { title: MessageKey; text: MessageKey } {
  const known = KNOWN_STATUSES.find((s) => s === status);
  if (known) return { title: `error.${known}.title`, text: `error.${known}.text` };
  return { title: "error.500.title", text: "error.500.text" };
}

/** One error page for every route: a translated title and explanation per HTTP status. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t, isMessageKey } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const { title, text } = messagesFor(status);
  // A route may throw a response whose body is a message key that says what exactly went wrong.
  const detail =
    isRouteErrorResponse(error) && typeof error.data === "string" && isMessageKey(error.data) ? error.data : null;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">{status}</p>
      <h1 id="error-title">{t(title)}</h1>
      {detail ? <p className="error-page__detail">{t(detail)}</p> : null}
      <p>{t(text)}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
