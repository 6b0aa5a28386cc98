import path from "node:path";
import { fileURLToPath } from "node:url";

import type { PrismaClient } from "@prisma/client";
import { DOMParser } from "@xmldom/xmldom";
import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../../tests/setup/use-test-database";
import { readZipEntries } from "../../../tests/setup/zip";
import { loadCourses } from "~/content/load.server";
import { syncCourses } from "~/content/sync.server";
import { LOCALES } from "~/domain/constants";
import { loadExportModule } from "./exportable.server";
import { NS } from "./manifest";
import { exportModule, MANIFEST_FILE, packageModule, ScormExportError } from "./package.server";
import { PACKAGE_DATA_GLOBAL, SCORM_VERSIONS } from "./runtime/package-data";
import type { PackageData } from "./runtime/package-data";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const FIXTURE_COURSES = path.join(ROOT, "tests/fixtures/courses/valid");
const MTIME = new Date("2025-01-01T00:00:00Z");

const database = useTestDatabase();
const db = () => database.prisma;

/** Syncs a courses directory into the test database, as the server does at start. */
async function sync(prisma: PrismaClient, dir: string): Promise<void> {
  const { modules, skipped, sharedSurvey } = await loadCourses(dir, { relativeTo: ROOT });
  expect(skipped).toEqual([]);
  await syncCourses(prisma, modules, () => {}, { sharedSurvey });
}

beforeEach(async () => {
  await sync(db(), FIXTURE_COURSES);
});

/** Every entry of a ZIP as text. */
async function unzip(buffer: Buffer): Promise<Map<string, string>> {
  const entries = await readZipEntries(buffer);
  return new Map([...entries].map(([name, data]) => [name, data.toString("utf8")]));
}

function manifestFiles(xml: string): string[] {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  return Array.from(doc.getElementsByTagName("file")).map((file) => file.getAttribute("href") ?? "");
}

function readPackageData(script: string): PackageData {
  const prefix = `window.${PACKAGE_DATA_GLOBAL} = `;
  expect(script.startsWith(prefix)).toBe(true);
  return JSON.parse(script.slice(prefix.length).trim().replace(/;$/, "")) as PackageData;
}

describe("exportModule", () => {
  it("packs exactly the files the manifest lists, plus the manifest", async () => {
    for (const version of SCORM_VERSIONS) {
      const exported = await exportModule(db(), { moduleId: "basis", version, locale: "nl" }, { mtime: MTIME });
      expect(exported.fileName).toBe(`stigmavrij-basis-scorm${version === "1.2" ? "12" : "2004"}-nl.zip`);
      const entries = await unzip(exported.zip);
      expect([...entries.keys()]).toEqual(exported.files);
      expect(exported.files[0]).toBe(MANIFEST_FILE);
      const listed = manifestFiles(entries.get(MANIFEST_FILE) ?? "");
      expect([...listed, MANIFEST_FILE].sort()).toEqual([...entries.keys()].sort());
    }
  });

  it("renders the lessons, with checks in place but no answer keys in the markup", async () => {
    const exported = await exportModule(db(), { moduleId: "basis", version: "1.2", locale: "nl" });
    const entries = await unzip(exported.zip);
    const html = entries.get("index.html") ?? "";
    const data = readPackageData(entries.get("assets/package-data.js") ?? "");

    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    for (const page of data.pages) expect(html).toContain(`id="${page.id}"`);
    expect(html).toContain("Sekswerk is werk.");
    // Links between lessons stay inside the package; links to other modules become text.
    expect(html).toContain('href="#lesson-stigma--wat-doet-stigma"');
    expect(html).not.toContain('href="/modules/');
    expect(html).toContain('target="_blank" rel="noopener noreferrer"');
    expect(html).not.toContain("<!--check:");

    for (const check of data.checks) {
      expect(html).toContain(`data-check="${check.id}"`);
      expect(html).toContain(check.text.nl ?? "missing");
      for (const option of check.options) {
        if (option.feedback.nl) expect(html).not.toContain(option.feedback.nl);
      }
    }
    expect(html).not.toMatch(/correct/i);

    // The key is in the data file the runtime reads, in the package language only.
    expect(data.checks.some((check) => check.options.some((option) => option.correct))).toBe(true);
    expect(JSON.stringify(data)).not.toContain('"en":');
    expect(data.assessment?.passMark).toBe(60);
  });

  it("loads nothing from the internet", async () => {
    const exported = await exportModule(db(), { moduleId: "basis", version: "2004", locale: "en" });
    const entries = await unzip(exported.zip);
    const html = entries.get("index.html") ?? "";
    expect(html).toMatch(/<html lang="en">/);
    for (const match of html.matchAll(
      /<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="([^"]*)"/g,
    )) {
      expect(match[1]).not.toMatch(/^(https?:)?\/\//);
    }
    for (const css of [entries.get("assets/app.css") ?? "", entries.get("assets/package.css") ?? ""]) {
      expect(css).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//);
    }
    const runtime = entries.get("assets/runtime.js") ?? "";
    expect(runtime).not.toMatch(/https?:\/\//);
    expect(runtime).not.toMatch(/\bfetch\(|XMLHttpRequest/);
  });

  it("exports a module without an assessment with neither mastery score nor objective", async () => {
    const exported = await exportModule(db(), { moduleId: "bank", version: "1.2", locale: "nl" });
    const entries = await unzip(exported.zip);
    expect(entries.get(MANIFEST_FILE)).not.toContain("masteryscore");
    expect(entries.get("index.html")).not.toContain('id="assessment"');
  });

  it("names the available modules when the module is unknown", async () => {
    const attempt = exportModule(db(), { moduleId: "onbekend", version: "1.2", locale: "nl" });
    await expect(attempt).rejects.toThrow(ScormExportError);
    await expect(attempt).rejects.toMatchObject({ code: "unknown_module", available: ["basis", "bank"] });
    await expect(attempt).rejects.toThrow(/Unknown module "onbekend". Available: basis, bank/);
  });

  it("refuses a language the module does not have", async () => {
    const attempt = exportModule(db(), { moduleId: "bank", version: "2004", locale: "en" });
    await expect(attempt).rejects.toMatchObject({ code: "unknown_language", available: ["nl"] });
    await expect(attempt).rejects.toThrow(/not available in "en"/);
  });

  it("packages the synced rows, not the files: a stored edit shows, files on disk are not read", async () => {
    await db().lessonLocale.updateMany({
      where: { lessonId: "basis/wat-is-sekswerk", locale: "nl" },
      data: { html: "<p>Alleen in de database.</p>" },
    });
    const exported = await exportModule(db(), { moduleId: "basis", version: "1.2", locale: "nl" });
    const html = (await unzip(exported.zip)).get("index.html") ?? "";
    expect(html).toContain("Alleen in de database.");
    expect(html).not.toContain("Sekswerk is werk.");
  });

  it("does not export an archived module", async () => {
    await db().module.update({ where: { id: "bank" }, data: { archived: true } });
    const attempt = exportModule(db(), { moduleId: "bank", version: "1.2", locale: "nl" });
    await expect(attempt).rejects.toMatchObject({ code: "unknown_module", available: ["basis"] });
  });

  it("exports every shipped module in both versions and every language", async () => {
    const { modules } = await loadCourses(path.join(ROOT, "courses"), { relativeTo: ROOT });
    await sync(db(), path.join(ROOT, "courses"));
    expect(modules.length).toBeGreaterThan(0);
    for (const parsed of modules) {
      const module = await loadExportModule(db(), parsed.slug);
      expect(module?.languages).toEqual(LOCALES.filter((locale) => parsed.languages.includes(locale)));
      for (const version of SCORM_VERSIONS) {
        for (const locale of module!.languages) {
          const exported = await packageModule(module!, { version, locale });
          const entries = await unzip(exported.zip);
          const manifest = new DOMParser().parseFromString(
            entries.get(MANIFEST_FILE) ?? "",
            "text/xml",
          ).documentElement;
          expect(manifest?.namespaceURI).toBe(version === "1.2" ? NS.cp12 : NS.cp2004);
          expect([...manifestFiles(entries.get(MANIFEST_FILE) ?? ""), MANIFEST_FILE].sort()).toEqual(
            [...entries.keys()].sort(),
          );
          const html = entries.get("index.html") ?? "";
          for (const lesson of parsed.lessons) expect(html).toContain(`id="lesson-${lesson.slug}"`);
          expect(html).not.toContain('href="/');
        }
      }
    }
  }, 60_000);
});
