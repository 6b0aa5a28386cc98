import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import {
  accreditationHistory,
  AUDIT_ACTIONS,
  findAccreditation,
  getModuleAccreditation,
  listModuleAccreditations,
  removeAccreditation,
  saveAccreditation,
  saveCertificationSettings,
} from "./accreditation.server";

const database = useTestDatabase();

async function setup() {
  const admin = await database.prisma.user.create({
    data: { email: "admin@example.nl", name: "Beheerder", passwordHash: "x", sector: "other", role: "admin" },
  });
  for (const [position, id] of ["zorg", "zorg_b"].entries()) {
    await database.prisma.module.create({
      data: {
        id,
        position,
        sectors: '["care"]',
        minutes: 30,
        contentHash: "h",
        locales: {
          create: [
            { locale: "nl", title: `Titel ${id}`, summary: "", objectives: "[]", introHtml: "" },
            { locale: "en", title: `Title ${id}`, summary: "", objectives: "[]", introHtml: "" },
          ],
        },
      },
    });
  }
  return admin;
}

async function auditRows() {
  const rows = await database.prisma.auditLog.findMany({
    orderBy: { id: "asc" },
    select: { userId: true, action: true, details: true },
  });
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as unknown }));
}

describe("saveCertificationSettings", () => {
  it("stores validity and reminder lead time and audits before and after", async () => {
    const admin = await setup();
    const result = await saveCertificationSettings(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      settings: { validityMonths: 24, reminderDays: 60 },
    });
    expect(result).toEqual({ ok: true, changed: true });
    expect(
      await database.prisma.moduleCertification.findUnique({
        where: { moduleId: "zorg" },
        select: { validityMonths: true, reminderDays: true },
      }),
    ).toEqual({
      validityMonths: 24,
      reminderDays: 60,
    });

    await saveCertificationSettings(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      settings: { validityMonths: null, reminderDays: 30 },
    });
    expect(await auditRows()).toEqual([
      {
        userId: admin.id,
        action: AUDIT_ACTIONS.settingsChanged,
        details: {
          moduleId: "zorg",
          before: { validityMonths: null, reminderDays: 30 },
          after: { validityMonths: 24, reminderDays: 60 },
        },
      },
      {
        userId: admin.id,
        action: AUDIT_ACTIONS.settingsChanged,
        details: {
          moduleId: "zorg",
          before: { validityMonths: 24, reminderDays: 60 },
          after: { validityMonths: null, reminderDays: 30 },
        },
      },
    ]);
  });

  it("writes nothing when nothing changed, and refuses an unknown module", async () => {
    const admin = await setup();
    await saveCertificationSettings(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      settings: { validityMonths: 12, reminderDays: 14 },
    });
    expect(
      await saveCertificationSettings(database.prisma, {
        actorId: admin.id,
        moduleId: "zorg",
        settings: { validityMonths: 12, reminderDays: 14 },
      }),
    ).toEqual({
      ok: true,
      changed: false,
    });
    expect(
      await saveCertificationSettings(database.prisma, {
        actorId: admin.id,
        moduleId: "bestaat-niet",
        settings: { validityMonths: 12, reminderDays: 14 },
      }),
    ).toEqual({
      ok: false,
      error: "module_not_found",
    });
    expect(await database.prisma.auditLog.count()).toBe(1);
  });

  it("refuses settings outside the rules whoever calls, and stores and audits nothing", async () => {
    const admin = await setup();
    const refused = [
      { validityMonths: 0, reminderDays: 30 },
      { validityMonths: 37, reminderDays: 30 },
      { validityMonths: 12, reminderDays: 0 },
      { validityMonths: null, reminderDays: 366 },
      { validityMonths: 1.5, reminderDays: 10 },
      // A reminder as long as the validity would go out before the certificate was issued.
      { validityMonths: 1, reminderDays: 28 },
    ];
    for (const settings of refused) {
      expect(
        await saveCertificationSettings(database.prisma, { actorId: admin.id, moduleId: "zorg", settings }),
      ).toEqual({ ok: false, error: "invalid" });
    }
    expect(await database.prisma.moduleCertification.count()).toBe(0);
    expect(await database.prisma.auditLog.count()).toBe(0);
  });
});

describe("saveAccreditation and removeAccreditation", () => {
  it("adds, changes and removes an accreditation, each audited with before and after", async () => {
    const admin = await setup();
    const add = { register: "vvn", accreditationId: "456789", points: 2 } as const;
    expect(
      await saveAccreditation(database.prisma, {
        actorId: admin.id,
        moduleId: "zorg",
        mode: "add",
        accreditation: add,
      }),
    ).toEqual({ ok: true, changed: true });
    expect(await findAccreditation(database.prisma, { moduleId: "zorg", register: "vvn" })).toEqual({
      accreditationId: "456789",
      points: 2,
    });

    const change = { register: "vvn", accreditationId: "456790", points: 1.5 } as const;
    expect(
      await saveAccreditation(database.prisma, {
        actorId: admin.id,
        moduleId: "zorg",
        mode: "change",
        accreditation: change,
      }),
    ).toEqual({ ok: true, changed: true });
    expect(await findAccreditation(database.prisma, { moduleId: "zorg", register: "vvn" })).toEqual({
      accreditationId: "456790",
      points: 1.5,
    });

    expect(
      await removeAccreditation(database.prisma, { actorId: admin.id, moduleId: "zorg", register: "vvn" }),
    ).toEqual({ ok: true });
    expect(await findAccreditation(database.prisma, { moduleId: "zorg", register: "vvn" })).toBeNull();

    expect(await auditRows()).toEqual([
      {
        userId: admin.id,
        action: "accreditation.added",
        details: { moduleId: "zorg", register: "vvn", before: null, after: { accreditationId: "456789", points: 2 } },
      },
      {
        userId: admin.id,
        action: "accreditation.changed",
        details: {
          moduleId: "zorg",
          register: "vvn",
          before: { accreditationId: "456789", points: 2 },
          after: { accreditationId: "456790", points: 1.5 },
        },
      },
      {
        userId: admin.id,
        action: "accreditation.removed",
        details: { moduleId: "zorg", register: "vvn", before: { accreditationId: "456790", points: 1.5 }, after: null },
      },
    ]);
  });

  it("refuses adding what exists, changing or removing what does not, and unknown modules, writing nothing", async () => {
    const admin = await setup();
    const accreditation = { register: "skj", accreditationId: "1", points: 1 } as const;
    await saveAccreditation(database.prisma, { actorId: admin.id, moduleId: "zorg", mode: "add", accreditation });
    const before = await database.prisma.auditLog.count();
    expect(
      await saveAccreditation(database.prisma, {
        actorId: admin.id,
        moduleId: "zorg",
        mode: "add",
        accreditation: { ...accreditation, points: 3 },
      }),
    ).toEqual({
      ok: false,
      error: "exists",
    });
    expect(
      await saveAccreditation(database.prisma, {
        actorId: admin.id,
        moduleId: "zorg",
        mode: "change",
        accreditation: { ...accreditation, register: "gaia" },
      }),
    ).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(
      await saveAccreditation(database.prisma, { actorId: admin.id, moduleId: "geen", mode: "add", accreditation }),
    ).toEqual({ ok: false, error: "module_not_found" });
    expect(
      await removeAccreditation(database.prisma, { actorId: admin.id, moduleId: "zorg", register: "gaia" }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(
      await saveAccreditation(database.prisma, { actorId: admin.id, moduleId: "zorg", mode: "change", accreditation }),
    ).toEqual({ ok: true, changed: false });
    expect(await database.prisma.auditLog.count()).toBe(before);
    expect(await findAccreditation(database.prisma, { moduleId: "zorg", register: "skj" })).toEqual({
      accreditationId: "1",
      points: 1,
    });
  });
});

describe("saveAccreditation refuses values outside the rules", () => {
  it("stores nothing for an unknown register, a malformed id or points out of range", async () => {
    const admin = await setup();
    const refused = [
      { register: "onbekend", accreditationId: "A-1", points: 2 },
      { register: "vvn", accreditationId: "", points: 2 },
      { register: "vvn", accreditationId: "met spatie", points: 2 },
      { register: "vvn", accreditationId: "A-1", points: 0 },
      { register: "vvn", accreditationId: "A-1", points: 101 },
      { register: "vvn", accreditationId: "A-1", points: 1.234 },
    ] as const;
    for (const accreditation of refused) {
      const result = await saveAccreditation(database.prisma, {
        actorId: admin.id,
        moduleId: "zorg",
        mode: "add",
        accreditation: accreditation as unknown as Parameters<typeof saveAccreditation>[1]["accreditation"],
      });
      expect(result).toEqual({ ok: false, error: "invalid" });
    }
    expect(await database.prisma.accreditation.count()).toBe(0);
    expect(await database.prisma.auditLog.count()).toBe(0);
  });
});

describe("overview and history", () => {
  it("lists modules with their settings (defaults when unset) and accreditations in register order", async () => {
    const admin = await setup();
    await saveAccreditation(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      mode: "add",
      accreditation: { register: "gaia", accreditationId: "G", points: 1 },
    });
    await saveAccreditation(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      mode: "add",
      accreditation: { register: "vvn", accreditationId: "V", points: 2 },
    });
    await saveCertificationSettings(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      settings: { validityMonths: 36, reminderDays: 90 },
    });
    const list = await listModuleAccreditations(database.prisma, "en");
    expect(list).toEqual([
      {
        id: "zorg",
        title: "Title zorg",
        archived: false,
        settings: { validityMonths: 36, reminderDays: 90 },
        accreditations: [
          { register: "vvn", accreditationId: "V", points: 2 },
          { register: "gaia", accreditationId: "G", points: 1 },
        ],
      },
      {
        id: "zorg_b",
        title: "Title zorg_b",
        archived: false,
        settings: { validityMonths: null, reminderDays: 30 },
        accreditations: [],
      },
    ]);
    expect((await getModuleAccreditation(database.prisma, { moduleId: "zorg_b", locale: "nl" }))?.title).toBe(
      "Titel zorg_b",
    );
    expect(await getModuleAccreditation(database.prisma, { moduleId: "geen", locale: "nl" })).toBeNull();
  });

  it("shows one module's trail, newest first, with who did it, and no other module's", async () => {
    const admin = await setup();
    await saveAccreditation(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      mode: "add",
      accreditation: { register: "vvn", accreditationId: "V", points: 2 },
    });
    await saveCertificationSettings(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      settings: { validityMonths: 12, reminderDays: 30 },
    });
    await saveAccreditation(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg_b",
      mode: "add",
      accreditation: { register: "skj", accreditationId: "S", points: 1 },
    });
    // In a LIKE pattern the "_" of "zorg_b" matches any character, so "zorgxb" must be kept out by the exact check.
    await database.prisma.module.create({
      data: { id: "zorgxb", position: 3, sectors: "[]", minutes: 10, contentHash: "h" },
    });
    await saveAccreditation(database.prisma, {
      actorId: admin.id,
      moduleId: "zorgxb",
      mode: "add",
      accreditation: { register: "gaia", accreditationId: "X", points: 1 },
    });
    await database.prisma.auditLog.create({
      data: { userId: admin.id, action: "user.role_changed", details: JSON.stringify({ moduleId: "zorg" }) },
    });

    const history = await accreditationHistory(database.prisma, { moduleId: "zorg" });
    expect(history.map((h) => [h.action, h.register, h.actorName])).toEqual([
      ["certification.settings_changed", null, "Beheerder"],
      ["accreditation.added", "vvn", "Beheerder"],
    ]);
    expect(history[0]?.after).toEqual({ validityMonths: 12, reminderDays: 30 });
    expect(history[1]?.before).toBeNull();
    expect((await accreditationHistory(database.prisma, { moduleId: "zorg_b" })).map((h) => h.register)).toEqual([
      "skj",
    ]);

    await database.prisma.user.delete({ where: { id: admin.id } });
    expect((await accreditationHistory(database.prisma, { moduleId: "zorg" }))[0]?.actorName).toBeNull();
  });
});
