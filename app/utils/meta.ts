import type { MetaDescriptor } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";

import { isLocale } from "~/domain/constants";
import { createTranslator } from "~/i18n";

interface MetaArgs {
  data: unknown;
  error?: unknown;
  matches: readonly { id: string; data?: unknown }[];
}

/**
 * `<title>` for a page: the translated `pageTitle` its loader returns, or, when the page failed,
 * the translated title of its error (in the language the root loader chose).
 */
export function pageMeta({ data, error, matches }: MetaArgs): MetaDescriptor[] {
  const pageTitle = (data as { pageTitle?: unknown } | undefined)?.pageTitle;
  if (typeof pageTitle === "string" && pageTitle) return [{ title: `${pageTitle} · Stigmavrij` }];
  if (!error) return [{ title: "Stigmavrij" }];
  const rootData = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = createTranslator(isLocale(rootData?.locale) ? rootData.locale : undefined);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    status === 404
      ? "error.404.title"
      : status === 403
        ? "error.403.title"
        : status === 400
          ? "error.400.title"
          : "error.500.title";
  return [{ title: `${t(key)} · Stigmavrij` }];
}
