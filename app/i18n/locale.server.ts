import { createCookie } from "@remix-run/node";
import Negotiator from "negotiator";

import { secureCookies } from "~/config/env.server";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "~/domain/constants";

import { createTranslator } from "./index";

/** Anonymous visitors keep their language choice in this cookie; users keep it on their row. */
export const localeCookie = createCookie("stigmavrij_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: secureCookies(),
});

/**
 * The browser's preferred language among ours, by the q-values of Accept-Language ("en-US"
 * matches "en"); Dutch when the header names none of them or is missing.
 */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const best = new Negotiator({ headers: { "accept-language": header } }).language(LOCALES);
  return isLocale(best) ? best : DEFAULT_LOCALE;
}

/** A choice the visitor made (their account, then the language cookie) wins over what the browser asks for. */
export async function getLocale(request: Request, user?: { locale: string } | null): Promise<Locale> {
  if (user && isLocale(user.locale)) return user.locale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}

export async function getTranslator(request: Request, user?: { locale: string } | null) {
  const locale = await getLocale(request, user);
  return { locale, t: createTranslator(locale) };
}
