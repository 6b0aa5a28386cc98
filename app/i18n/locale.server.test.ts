import { describe, expect, it } from "vitest";

import { getLocale, localeCookie, localeFromAcceptLanguage } from "./locale.server";

function request(headers: Record<string, string>) {
  return new Request("http://localhost/", { headers });
}

describe("localeFromAcceptLanguage", () => {
  it("picks the language the browser prefers, regional variants included", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("nl");
    expect(localeFromAcceptLanguage("nl-BE")).toBe("nl");
    expect(localeFromAcceptLanguage("en-GB")).toBe("en");
  });

  it("follows the q-values, not the order of the header", () => {
    expect(localeFromAcceptLanguage("nl;q=0.3, en;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.2, nl;q=0.9")).toBe("nl");
    expect(localeFromAcceptLanguage("de-DE, en;q=0.5, nl;q=0.4")).toBe("en");
  });

  it("never picks a language the browser refuses with q=0", () => {
    expect(localeFromAcceptLanguage("en;q=0, nl;q=0.1")).toBe("nl");
    expect(localeFromAcceptLanguage("nl;q=0, en")).toBe("en");
  });

  it("falls back to Dutch for a missing, empty, unknown or malformed header", () => {
    expect(localeFromAcceptLanguage(null)).toBe("nl");
    expect(localeFromAcceptLanguage("")).toBe("nl");
    expect(localeFromAcceptLanguage("de-DE,fr;q=0.8")).toBe("nl");
    expect(localeFromAcceptLanguage(";;;q=,,")).toBe("nl");
    expect(localeFromAcceptLanguage("*")).toBe("nl");
  });
});

describe("getLocale", () => {
  it("uses Accept-Language for an anonymous visitor without a language cookie", async () => {
    expect(await getLocale(request({ "Accept-Language": "en-US,en;q=0.9" }))).toBe("en");
    expect(await getLocale(request({ "Accept-Language": "nl-NL" }))).toBe("nl");
    expect(await getLocale(request({}))).toBe("nl");
  });

  it("lets the chosen language in the cookie win over the browser's preference", async () => {
    const cookie = (await localeCookie.serialize("nl")).split(";")[0]!;
    expect(await getLocale(request({ "Accept-Language": "en-US", Cookie: cookie }))).toBe("nl");
    const english = (await localeCookie.serialize("en")).split(";")[0]!;
    expect(await getLocale(request({ "Accept-Language": "nl-NL", Cookie: english }))).toBe("en");
  });

  it("lets a user's own setting win over both", async () => {
    const cookie = (await localeCookie.serialize("en")).split(";")[0]!;
    const both = request({ "Accept-Language": "en-US", Cookie: cookie });
    expect(await getLocale(both, { locale: "nl" })).toBe("nl");
  });

  it("ignores a tampered cookie and falls back to the browser's preference", async () => {
    expect(await getLocale(request({ "Accept-Language": "en", Cookie: "stigmavrij_lang=ZnI%3D" }))).toBe("en");
  });
});
