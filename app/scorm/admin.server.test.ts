import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { listCatalogue } from "~/learning/catalogue.server";
import { listCohortModuleChoices } from "~/organisations/cohorts.server";
import {
  changeScormModuleState,
  getScormModuleForEdit,
  listScormModules,
  scormModuleHistory,
  setScormModuleArchived,
  updateScormModule,
} from "./admin.server";
import { importScormPackage } from "./import.server";
import { zipFixture } from "./package/zip-test-support";

const database = useTestDatabase();
const NOW = new Date("2026-03-01T12:00:00.000Z");
let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "scorm-admin-"));
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function setUp({ publish = true } = {}) {
  const admin = await database.prisma.user.create({
    data: { email: "beheer@example.nl", name: "Bea Beheer", passwordHash: "x", role: "admin", sector: "other" },
  });
  const result = await importScormPackage(database.prisma, {
    zip: await zipFixture("player-2004"),
    uploadedById: admin.id,
    now: NOW,
    root,
  });
  if (!result.ok) throw new Error(result.messageKey);
  if (publish) {
    const published = await changeScormModuleState(database.prisma, {
      actorId: admin.id,
      moduleId: result.moduleId,
      action: "publish",
      now: NOW,
    });
    if (!published.changed) throw new Error("not published");
  }
  return { admin, moduleId: result.moduleId };
}

const SETTINGS = {
  language: "en" as const,
  title: "Talking about sex work",
  summary: "Practise the conversation.",
  minutes: 25,
  sectors: ["police" as const, "care" as const],
  masteryPercent: 70,
};

describe("SCORM module management", () => {
  it("imports a package as a draft that learners do not see until an administrator publishes it", async () => {
    const { admin, moduleId } = await setUp({ publish: false });
    expect(await listScormModules(database.prisma, { locale: "nl" })).toEqual([
      expect.objectContaining({ moduleId, state: "draft" }),
    ]);
    expect(await listCatalogue(database.prisma, { locale: "nl" })).toEqual([]);
    expect(await listCohortModuleChoices(database.prisma, "nl")).toEqual([]);
    // Archiving or bringing back does not apply to a draft: only publishing does.
    for (const action of ["archive", "unarchive"] as const) {
      expect(await changeScormModuleState(database.prisma, { actorId: admin.id, moduleId, action, now: NOW })).toEqual({
        ok: true,
        changed: false,
      });
    }
    expect(await listCatalogue(database.prisma, { locale: "nl" })).toEqual([]);

    const publish = () =>
      changeScormModuleState(database.prisma, { actorId: admin.id, moduleId, action: "publish", now: NOW });
    expect(await publish()).toEqual({ ok: true, changed: true });
    expect(await publish()).toEqual({ ok: true, changed: false });
    expect(await listCatalogue(database.prisma, { locale: "nl" })).toEqual([
      expect.objectContaining({ slug: moduleId }),
    ]);
    expect((await getScormModuleForEdit(database.prisma, { moduleId }))?.state).toBe("published");
    expect((await scormModuleHistory(database.prisma, { moduleId })).map((e) => e.action)).toEqual([
      "scorm.module_published",
      "scorm.imported",
    ]);
    expect(
      await changeScormModuleState(database.prisma, {
        actorId: admin.id,
        moduleId: "onbekend",
        action: "publish",
        now: NOW,
      }),
    ).toEqual({ ok: false, changed: false });
  });

  it("lists the package and shows its details for editing", async () => {
    const { moduleId } = await setUp();
    expect(await listScormModules(database.prisma, { locale: "nl" })).toEqual([
      expect.objectContaining({
        moduleId,
        title: "Spelertest SCORM 2004",
        version: "2004-4th",
        scoCount: 2,
        archived: false,
        state: "published",
        learners: 0,
      }),
    ]);
    const module = await getScormModuleForEdit(database.prisma, { moduleId });
    expect(module).toMatchObject({
      minutes: 30,
      masteryPercent: 0,
      language: "nl",
      title: "Spelertest SCORM 2004",
    });
    expect(module!.scos.map((sco) => [sco.title, sco.scaledPassingScore])).toEqual([
      ["Het gesprek", null],
      ["De toets", 0.6],
    ]);
    expect(await getScormModuleForEdit(database.prisma, { moduleId: "bestaat-niet" })).toBeNull();
  });

  it("saves language, texts, minutes, sectors and the pass rule with an audit entry, and notices when nothing changed", async () => {
    const { admin, moduleId } = await setUp();
    expect(
      await updateScormModule(database.prisma, { actorId: admin.id, moduleId, settings: SETTINGS, now: NOW }),
    ).toEqual({ ok: true, changed: true });
    expect(await getScormModuleForEdit(database.prisma, { moduleId })).toMatchObject(SETTINGS);
    expect(
      await updateScormModule(database.prisma, { actorId: admin.id, moduleId, settings: SETTINGS, now: NOW }),
    ).toEqual({ ok: true, changed: false });
    expect(
      await updateScormModule(database.prisma, {
        actorId: admin.id,
        moduleId: "onbekend",
        settings: SETTINGS,
        now: NOW,
      }),
    ).toEqual({ ok: false, changed: false });

    const [entry] = await database.prisma.auditLog.findMany({ where: { action: "scorm.module_updated" } });
    expect(JSON.parse(entry!.details)).toMatchObject({
      moduleId,
      before: { minutes: 30, masteryPercent: 0 },
      after: { minutes: 25, masteryPercent: 70 },
    });

    // The texts are stored in the package's language only, and marked as such in either interface language.
    expect(
      (await database.prisma.moduleLocale.findMany({ where: { moduleId } })).map((l) => [l.locale, l.title]),
    ).toEqual([["en", "Talking about sex work"]]);
    const catalogue = await listCatalogue(database.prisma, { locale: "nl", sector: "police" });
    expect(catalogue[0]).toMatchObject({
      slug: moduleId,
      title: "Talking about sex work",
      contentLocale: "en",
      minutes: 25,
      sectors: ["police", "care"],
      forLearnerSector: true,
    });
  });

  it("archives and puts back, which takes the module out of the catalogue and the cohort choices", async () => {
    const { admin, moduleId } = await setUp();
    expect((await listCohortModuleChoices(database.prisma, "nl")).map((m) => m.id)).toEqual([moduleId]);

    expect(
      await setScormModuleArchived(database.prisma, { actorId: admin.id, moduleId, archived: true, now: NOW }),
    ).toEqual({ ok: true, changed: true });
    expect(
      await setScormModuleArchived(database.prisma, { actorId: admin.id, moduleId, archived: true, now: NOW }),
    ).toEqual({ ok: true, changed: false });
    expect(await listCatalogue(database.prisma, { locale: "nl" })).toEqual([]);
    expect(await listCohortModuleChoices(database.prisma, "nl")).toEqual([]);

    await setScormModuleArchived(database.prisma, { actorId: admin.id, moduleId, archived: false, now: NOW });
    expect(await listCatalogue(database.prisma, { locale: "nl" })).toHaveLength(1);
    expect((await scormModuleHistory(database.prisma, { moduleId })).map((e) => [e.action, e.actorName])).toEqual([
      ["scorm.module_unarchived", "Bea Beheer"],
      ["scorm.module_archived", "Bea Beheer"],
      ["scorm.module_published", "Bea Beheer"],
      ["scorm.imported", "Bea Beheer"],
    ]);
  });
});
