import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { listCatalogue } from "~/learning/catalogue.server";
import { importScormPackage, moduleSlug } from "./import.server";
import { zipEntries, zipFixture } from "./package/zip-test-support";

const database = useTestDatabase();
const NOW = new Date("2026-01-12T10:00:00.000Z");
let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "scorm-import-"));
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function importFixture(fixture: string, options: { inFolder?: string } = {}, db: PrismaClient = database.prisma) {
  return importScormPackage(db, { zip: await zipFixture(fixture, options), uploadedById: null, now: NOW, root });
}

async function packageFolders() {
  return (await fs.readdir(root)).filter((name) => !name.startsWith("."));
}

async function leftovers() {
  return fs.readdir(root, { recursive: true });
}

describe("importScormPackage", () => {
  it("turns a SCORM 1.2 package into a catalogue module with its SCO and files", async () => {
    const result = await importFixture("scorm12-single");
    if (!result.ok) throw new Error(result.messageKey);
    expect(result.moduleId).toBe("stigma-op-het-werk");

    const module = await database.prisma.module.findUniqueOrThrow({
      where: { id: result.moduleId },
      include: { locales: { orderBy: { locale: "asc" } }, scormPackage: { include: { scos: true } } },
    });
    // A draft (hidden from learners) with its texts in the package's own language only.
    expect(module).toMatchObject({ kind: "scorm", archived: true, draft: true, minutes: 30, hasAssessment: false });
    expect(module.locales.map((l) => [l.locale, l.title, l.summary, l.objectives])).toEqual([
      ["nl", "Stigma op het werk", "Een korte les over vooroordelen.", "[]"],
    ]);
    const pkg = module.scormPackage!;
    expect(pkg).toMatchObject({ version: "1.2", identifier: "stigmavrij.test.single12", fileCount: 3 });
    expect(pkg.scos).toEqual([
      expect.objectContaining({
        itemId: "ITEM-1",
        position: 0,
        title: "De les",
        launch: "index.html",
        scormType: "sco",
      }),
    ]);
    expect(JSON.parse(pkg.scos[0]!.runtime)).toMatchObject({ masteryScore: 80, dataFromLms: "start=1" });

    expect(await packageFolders()).toEqual([pkg.storageKey]);
    expect((await fs.readdir(path.join(root, pkg.storageKey))).sort()).toEqual([
      "imsmanifest.xml",
      "index.html",
      "style.css",
    ]);
    // The staging area is gone again.
    expect(await fs.readdir(root)).toEqual([pkg.storageKey]);

    const audit = await database.prisma.auditLog.findMany({ where: { action: "scorm.imported" } });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ moduleId: result.moduleId, version: "1.2", scos: 1 });

    expect(await listCatalogue(database.prisma, { locale: "nl" })).toEqual([]);
  });

  it("marks an English package English and a Dutch one Dutch, whatever language the manifest claims", async () => {
    const manifest = (title: string, lang: string) => `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="lang.test" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>
    <imsmd:lom><imsmd:general><imsmd:title><imsmd:langstring xml:lang="${lang}">${title}</imsmd:langstring></imsmd:title></imsmd:general></imsmd:lom>
  </metadata>
  <organizations default="O"><organization identifier="O"><title>${title}</title>
    <item identifier="I" identifierref="R"><title>${title}</title></item></organization></organizations>
  <resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>`;
    const page = (lang: string, text: string) =>
      `<!doctype html><html lang="${lang}"><head><title>Les</title><script>var greeting = "hello there";</script></head><body><p>${text}</p></body></html>`;
    const english = await importScormPackage(database.prisma, {
      zip: await zipEntries([
        { name: "imsmanifest.xml", data: manifest("Talking about sex work", "en") },
        {
          name: "index.html",
          data: page("en", "In this lesson you learn how to talk with clients about their work without judging them."),
        },
      ]),
      uploadedById: null,
      now: NOW,
      root,
    });
    // Authoring tools write en-US into Dutch courses: the text decides.
    const dutch = await importScormPackage(database.prisma, {
      zip: await zipEntries([
        { name: "imsmanifest.xml", data: manifest("Praten over sekswerk", "en-US") },
        {
          name: "index.html",
          data: page("en-US", "In deze les leer je hoe je met klanten over hun werk praat zonder te oordelen."),
        },
      ]),
      uploadedById: null,
      now: NOW,
      root,
    });
    if (!english.ok || !dutch.ok) throw new Error("import failed");
    const locales = async (moduleId: string) =>
      (await database.prisma.moduleLocale.findMany({ where: { moduleId } })).map((l) => l.locale);
    expect(await locales(english.moduleId)).toEqual(["en"]);
    expect(await locales(dutch.moduleId)).toEqual(["nl"]);
  });

  it("keeps the launch paths of a 2004 package with xml:base and puts a nested package's folder at the root", async () => {
    const result = await importFixture("scorm2004-4th");
    if (!result.ok) throw new Error(result.messageKey);
    const scos = await database.prisma.scormSco.findMany({
      where: { package: { moduleId: result.moduleId } },
      orderBy: { position: "asc" },
    });
    expect(scos.map((sco) => [sco.itemId, sco.launch])).toEqual([
      ["M1", "modules/m1/index.html"],
      ["M2", "modules/m2/index.html?chapter=2#top"],
    ]);

    const nested = await importFixture("scorm12-single", { inFolder: "Export" });
    if (!nested.ok) throw new Error(nested.messageKey);
    const pkg = await database.prisma.scormPackage.findUniqueOrThrow({ where: { moduleId: nested.moduleId } });
    await expect(fs.stat(path.join(root, pkg.storageKey, "imsmanifest.xml"))).resolves.toBeTruthy();
    expect(JSON.parse(pkg.warnings)).toEqual([expect.objectContaining({ messageKey: "scorm.warning.nestedFolder" })]);
  });

  it("gives every module its own id", async () => {
    const first = await importFixture("scorm12-single");
    const second = await importFixture("scorm12-single");
    expect([first.ok && first.moduleId, second.ok && second.moduleId]).toEqual([
      "stigma-op-het-werk",
      "stigma-op-het-werk-2",
    ]);
    expect(await packageFolders()).toHaveLength(2);
  });

  it.each([
    ["broken-no-manifest", "scorm.error.noManifest"],
    ["broken-invalid-xml", "scorm.error.invalidXml"],
    ["broken-missing-launch", "scorm.error.launchMissing"],
    ["broken-unsupported-version", "scorm.error.unsupportedVersion"],
    ["broken-xxe", "scorm.error.xmlEntities"],
  ])("refuses %s with its message and leaves nothing behind", async (fixture, messageKey) => {
    const result = await importFixture(fixture);
    expect(result).toMatchObject({ ok: false, messageKey });
    expect(await leftovers()).toEqual([]);
    expect(await database.prisma.module.count()).toBe(0);
    expect(await database.prisma.scormPackage.count()).toBe(0);
  });

  it("refuses a file that is not a ZIP and an unsafe ZIP", async () => {
    const notZip = await importScormPackage(database.prisma, {
      zip: Buffer.from("hallo"),
      uploadedById: null,
      now: NOW,
      root,
    });
    expect(notZip).toMatchObject({ ok: false, messageKey: "scorm.error.notZip" });
    const unsafe = await importScormPackage(database.prisma, {
      zip: await zipEntries([
        { name: "imsmanifest.xml", data: "<manifest/>" },
        { name: "link.html", data: "/etc/passwd", mode: 0o120777 },
      ]),
      uploadedById: null,
      now: NOW,
      root,
    });
    expect(unsafe).toMatchObject({
      ok: false,
      messageKey: "scorm.error.unsupportedEntry",
      params: { file: "link.html" },
    });
    expect(await leftovers()).toEqual([]);
  });

  it("removes the unpacked files again when the database refuses the rows", async () => {
    const failing = new Proxy(database.prisma, {
      get(target, property, receiver) {
        if (property === "$transaction") return () => Promise.reject(new Error("database is locked"));
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    await expect(importFixture("scorm12-single", {}, failing)).rejects.toThrow("database is locked");
    expect(await leftovers()).toEqual([]);
    expect(await database.prisma.module.count()).toBe(0);
  });
});

describe("moduleSlug", () => {
  it("makes short lowercase ASCII ids of titles", () => {
    expect(moduleSlug("Één gesprek: Over Sekswerk & Stigma!")).toBe("een-gesprek-over-sekswerk-stigma");
    expect(moduleSlug("???")).toBe("");
    expect(moduleSlug(`${"a".repeat(59)} b`)).toBe("a".repeat(59));
  });
});
