import { describe, expect, it } from "vitest";

import { LOCALES } from "~/domain/constants";

import { createTranslator, formatDate, formatPercent, type MessageKey } from "./index";
import { isMessageKey, messages } from "./messages";
import * as account from "./messages/account";
import * as admin from "./messages/admin";
import * as common from "./messages/common";
import * as errors from "./messages/errors";
import * as learning from "./messages/learning";
import * as quiz from "./messages/quiz";
import * as certificates from "./messages/certificates";
import * as registers from "./messages/registers";
import * as verification from "./messages/verification";
import * as organisations from "./messages/organisations";
import * as cohorts from "./messages/cohorts";
import * as reports from "./messages/reports";
import * as scorm from "./messages/scorm";
import * as exportMessages from "./messages/export";
import * as evaluation from "./messages/evaluation";
import * as finishing from "./messages/finishing";
import * as trainer from "./messages/trainer";
import * as trust from "./messages/trust";

const files = {
  account,
  admin,
  common,
  errors,
  learning,
  quiz,
  certificates,
  registers,
  verification,
  organisations,
  cohorts,
  reports,
  scorm,
  export: exportMessages,
  evaluation,
  finishing,
  trainer,
  trust,
};
const keys = Object.keys(messages.nl) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("messages", () => {
  it("has messages at all", () => {
    expect(keys.length).toBeGreaterThan(50);
  });

  it("has the same keys in every locale", () => {
    for (const locale of LOCALES) {
      expect(Object.keys(messages[locale]).sort()).toEqual([...keys].sort());
    }
  });

  it("has a non-empty Dutch and English string for every key", () => {
    const missing = keys.flatMap((key) =>
      LOCALES.filter((locale) => {
        const value: unknown = messages[locale][key];
        return typeof value !== "string" || value.trim() === "";
      }).map((locale) => `${locale}:${key}`),
    );
    expect(missing).toEqual([]);
  });

  it("uses the same placeholders in Dutch and English for every key", () => {
    const mismatched = keys
      .filter((key) => placeholders(messages.nl[key]).join() !== placeholders(messages.en[key]).join())
      .map(
        (key) => `${key}: nl {${placeholders(messages.nl[key]).join()}} en {${placeholders(messages.en[key]).join()}}`,
      );
    expect(mismatched).toEqual([]);
  });

  it("has only well-formed placeholders (no stray or unclosed braces)", () => {
    const malformed = keys.flatMap((key) =>
      LOCALES.filter((locale) => /[{}]/.test(messages[locale][key].replace(/\{\w+\}/g, ""))).map(
        (locale) => `${locale}:${key}`,
      ),
    );
    expect(malformed).toEqual([]);
  });

  it("defines each key in one messages file only, so no file silently overrides another", () => {
    const owners = new Map<string, string[]>();
    for (const [file, module] of Object.entries(files)) {
      for (const key of Object.keys(module.nl)) owners.set(key, [...(owners.get(key) ?? []), file]);
    }
    expect([...owners].filter(([, list]) => list.length > 1)).toEqual([]);
    expect(owners.size).toBe(keys.length);
  });

  it("has the same keys in nl and en of each messages file", () => {
    for (const module of Object.values(files)) {
      expect(Object.keys(module.en).sort()).toEqual(Object.keys(module.nl).sort());
    }
  });

  it("recognises message keys", () => {
    expect(isMessageKey("app.name")).toBe(true);
    expect(isMessageKey("bestaat.niet")).toBe(false);
    expect(isMessageKey("toString")).toBe(false);
    expect(isMessageKey("__proto__")).toBe(false);
  });
});

describe("createTranslator", () => {
  it("defaults to Dutch", () => {
    expect(createTranslator()("nav.login")).toBe(messages.nl["nav.login"]);
  });

  it("returns the template for the locale", () => {
    expect(createTranslator("nl")("nav.login")).toBe("Inloggen");
    expect(createTranslator("en")("nav.login")).toBe(messages.en["nav.login"]);
    expect(createTranslator("en")("nav.login")).not.toBe("Inloggen");
  });

  it("replaces placeholders with params", () => {
    expect(createTranslator("nl")("nav.loggedInAs", { name: "Sam" })).toBe("Ingelogd als Sam");
    expect(createTranslator("en")("nav.loggedInAs", { name: "Sam" })).toBe(
      messages.en["nav.loggedInAs"].replace("{name}", "Sam"),
    );
    expect(createTranslator("nl")("lesson.of", { position: 2, total: 5 })).toBe("Les 2 van 5");
  });

  it("formats numbers for the locale", () => {
    expect(createTranslator("nl")("module.minutes", { minutes: 1234 })).toBe("1.234 minuten");
    expect(createTranslator("en")("module.minutes", { minutes: 1234 })).toContain("1,234");
    expect(createTranslator("nl")("module.minutes", { minutes: 2.5 })).toBe("2,5 minuten");
  });

  it("inserts string params as they are, without number formatting", () => {
    expect(createTranslator("nl")("module.minutes", { minutes: "1234" })).toBe("1234 minuten");
  });

  it("leaves placeholders without a param in place, and the template untouched without params", () => {
    expect(createTranslator("nl")("lesson.of", { position: 1 })).toBe("Les 1 van {total}");
    expect(createTranslator("nl")("lesson.of")).toBe("Les {position} van {total}");
  });

  it("fills every placeholder of every message when all params are given", () => {
    for (const locale of LOCALES) {
      const t = createTranslator(locale);
      for (const key of keys) {
        const params = Object.fromEntries(placeholders(messages[locale][key]).map((name) => [name, "X"]));
        expect(t(key, params)).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe("formatDate", () => {
  // 23:30 UTC on 15 January is 00:30 on 16 January in Amsterdam (CET, UTC+1).
  const lateEvening = new Date("2025-01-15T23:30:00.000Z");
  // 10:05 UTC on 1 July is 12:05 in Amsterdam (CEST, UTC+2).
  const summer = new Date("2025-07-01T10:05:00.000Z");

  it("formats a long date in Dutch and English on the Amsterdam calendar day", () => {
    expect(formatDate("nl", lateEvening)).toBe("16 januari 2025");
    expect(formatDate("en", lateEvening)).toBe("16 January 2025");
  });

  it("shows Amsterdam time, including summer time, for date and time", () => {
    const nl = formatDate("nl", summer, "datetime");
    expect(nl).toContain("1 juli 2025");
    expect(nl).toContain("12:05");
    const en = formatDate("en", summer, "datetime");
    expect(en).toContain("1 July 2025");
    expect(en).toContain("12:05");
    expect(formatDate("nl", lateEvening, "datetime")).toContain("00:30");
  });

  it("accepts ISO strings, as dates arrive after JSON serialisation", () => {
    expect(formatDate("nl", lateEvening.toISOString())).toBe(formatDate("nl", lateEvening));
    expect(formatDate("en", summer.toISOString(), "datetime")).toBe(formatDate("en", summer, "datetime"));
  });
});

describe("formatPercent", () => {
  it("rounds to whole percents", () => {
    expect(formatPercent("nl", 1 / 3)).toMatch(/^33\s?%$/);
    expect(formatPercent("en", 1)).toBe("100%");
    expect(formatPercent("en", 0)).toBe("0%");
  });
});
