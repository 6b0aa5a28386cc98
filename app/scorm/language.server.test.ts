import { describe, expect, it } from "vitest";

import { decidePackageLanguage, launchPageLanguage, localeOfTag, manifestLanguages } from "./language.server";

const DUTCH = "Je leert hoe je zonder oordeel met sekswerkers praat en wat je kunt doen als iemand hulp vraagt.";
const ENGLISH =
  "You learn how to talk with sex workers without judging them and what to do when someone asks for help.";

describe("package language", () => {
  it("lets enough text decide, over what the package declares", () => {
    expect(decidePackageLanguage({ declared: ["en-US"], text: DUTCH })).toEqual({ locale: "nl", source: "content" });
    expect(decidePackageLanguage({ declared: ["nl"], text: ENGLISH })).toEqual({ locale: "en", source: "content" });
  });

  it("falls back to the first declared language it knows when the text is too short, then to Dutch", () => {
    expect(decidePackageLanguage({ declared: ["de", "en-GB", "nl"], text: "Les 1" })).toEqual({
      locale: "en",
      source: "declared",
    });
    expect(decidePackageLanguage({ declared: ["fr"], text: "" })).toEqual({ locale: "nl", source: "default" });
  });

  it("maps language tags onto the interface languages", () => {
    expect(localeOfTag("nl-BE")).toBe("nl");
    expect(localeOfTag("EN_us")).toBe("en");
    expect(localeOfTag("de")).toBeNull();
  });

  it("reads the launch page's language and text without its scripts", () => {
    expect(
      launchPageLanguage(
        `<html lang="nl"><head><title>Titel</title><script>var english = "hello";</script></head><body><h1>Kop</h1><p>Tekst</p></body></html>`,
      ),
    ).toEqual({ declared: "nl", text: "Titel Kop Tekst" });
  });

  it("says nothing, rather than failing the import, about a page the parser cannot build", () => {
    expect(launchPageLanguage(`<p>Eerste</p><p>Tweede</p>`)).toEqual({ declared: null, text: "" });
  });

  it("reads LOM general/language before the xml:lang of metadata strings", () => {
    const xml = `<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:lom="http://ltsc.ieee.org/xsd/LOM">
      <metadata><lom:lom><lom:general>
        <lom:title><lom:string language="en" xml:lang="en">Title</lom:string></lom:title>
        <lom:language>nl</lom:language>
      </lom:general></lom:lom></metadata></manifest>`;
    expect(manifestLanguages(xml)).toEqual(["nl", "en"]);
  });
});
