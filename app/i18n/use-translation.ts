import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";

import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";

import { createTranslator } from "./index";

/** The locale chosen in the root loader, also inside error boundaries (falls back to Dutch). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: unknown }>("root");
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

export function useTranslation() {
  const locale = useLocale();
  const t = useMemo(() => createTranslator(locale), [locale]);
  return { locale, t };
}
