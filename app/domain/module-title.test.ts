import { describe, expect, it } from "vitest";

import { moduleTitle, moduleTitlesById, pickLocale, titleFromSnapshot } from "./module-title";

const nl = { locale: "nl", title: "Stigma: de basis" };
const both = [nl, { locale: "en", title: "Stigma: the basics" }];

describe("module titles by locale", () => {
  it("picks the reader's language, else Dutch, else whatever there is", () => {
    expect(pickLocale(both, "en")?.title).toBe("Stigma: the basics");
    expect(pickLocale([nl], "en")?.title).toBe("Stigma: de basis");
    expect(pickLocale([{ locale: "de", title: "Grundlagen" }], "en")?.title).toBe("Grundlagen");
    expect(pickLocale([], "nl")).toBeUndefined();
  });

  it("gives a module's title with the language it is in, and its id when there is no text", () => {
    expect(moduleTitle({ id: "basis", locales: both }, "en")).toEqual({
      id: "basis",
      title: "Stigma: the basics",
      locale: "en",
    });
    expect(moduleTitle({ id: "basis", locales: [nl] }, "en")).toEqual({
      id: "basis",
      title: "Stigma: de basis",
      locale: "nl",
    });
    expect(moduleTitle({ id: "basis", locales: [] }, "en")).toEqual({ id: "basis", title: "basis", locale: "nl" });
  });

  it("reads a certificate's snapshot the same way, skipping unknown languages and empty titles", () => {
    expect(titleFromSnapshot({ nl: "NL", en: "EN" }, "en")).toEqual({ title: "EN", locale: "en" });
    expect(titleFromSnapshot({ nl: "NL", en: "" }, "en")).toEqual({ title: "NL", locale: "nl" });
    expect(titleFromSnapshot({ de: "DE", en: "EN" }, "nl")).toEqual({ title: "EN", locale: "en" });
    expect(titleFromSnapshot({ de: "DE" }, "nl")).toBeNull();
  });

  it("maps many modules' rows to titles, with the id for a module without rows", () => {
    const rows = [
      { moduleId: "a", locale: "nl", title: "A nl" },
      { moduleId: "a", locale: "en", title: "A en" },
      { moduleId: "b", locale: "nl", title: "B nl" },
    ];
    expect(moduleTitlesById(["a", "b", "c"], rows, "en")).toEqual(
      new Map([
        ["a", "A en"],
        ["b", "B nl"],
        ["c", "c"],
      ]),
    );
  });
});
