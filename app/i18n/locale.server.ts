import { createCookie } from "@remix-run/node";

import { secureCookies } from "~/config/env.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";

import { createTranslator } from "./index";

/** Anonymous visitors keep their language choice in this cookie; users keep it on their row. */
export const localeCookie = createCookie("stigmavrij_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: secureCookies(),
});

export async function getLocale(request: Request, user?: { locale: string } | null): Promise<Locale> {
  if (user && isLocale(user.locale)) return user.locale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}

export async function getTranslator(request: Request, user?: { locale: string } | null) {
  const locale = await getLocale(request, user);
  return { locale, t: createTranslator(locale) };
}
