import type { PrismaClient } from "@prisma/client";
import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import type { Role } from "~/domain/constants";

import {
  CERTIFICATES_PAGE_SIZE,
  certificateFilterOptions,
  certificateScope,
  countBundleCertificates,
  findDownloadableCertificate,
  listMyCertificates,
  parseCertificateFilter,
  searchCertificates,
  type CertificateViewer,
} from "./list.server";

const database = useTestDatabase();
const db = () => database.prisma;

const NOW = new Date("2025-06-15T12:00:00.000Z");

let counter = 0;

async function organisation(prisma: PrismaClient, name: string): Promise<string> {
  return (await prisma.organisation.create({ data: { name, sector: "bank" } })).id;
}

async function person(
  prisma: PrismaClient,
  { name, role = "learner", organisationId = null }: { name: string; role?: Role; organisationId?: string | null },
): Promise<CertificateViewer> {
  counter++;
  const user = await prisma.user.create({
    data: {
      email: `list-${counter}@example.nl`,
      name,
      role,
      locale: "nl",
      sector: "bank",
      passwordHash: "x",
      organisationId,
    },
  });
  // Trainers see the organisations they are appointed to (organisationScopeFor).
  if (role === "trainer" && organisationId)
    await prisma.organisationTrainer.create({ data: { organisationId, userId: user.id } });
  return { id: user.id, role };
}

async function module(prisma: PrismaClient, id: string, titles: { nl: string; en: string }) {
  await prisma.module.create({
    data: {
      id,
      position: counter++,
      sectors: "[]",
      minutes: 30,
      contentHash: `hash-${id}`,
      locales: {
        create: [
          { locale: "nl", title: titles.nl, summary: "", objectives: "[]", introHtml: "" },
          { locale: "en", title: titles.en, summary: "", objectives: "[]", introHtml: "" },
        ],
      },
    },
  });
}

async function certificate(
  prisma: PrismaClient,
  {
    userId,
    moduleId,
    completedAt,
    learnerName,
    code,
    revokedAt = null,
    expiresAt = null,
  }: {
    userId: string;
    moduleId: string;
    completedAt: Date;
    learnerName: string;
    code: string;
    revokedAt?: Date | null;
    expiresAt?: Date | null;
  },
) {
  const module = await prisma.moduleLocale.findMany({ where: { moduleId } });
  await prisma.certificate.create({
    data: {
      code,
      userId,
      moduleId,
      learnerName,
      moduleTitles: JSON.stringify(Object.fromEntries(module.map((l) => [l.locale, l.title]))),
      contentHash: `hash-${moduleId}`,
      completedAt,
      issuedAt: completedAt,
      studyMinutes: 30,
      expiresAt,
      revokedAt,
      accreditations: JSON.stringify([{ register: "vvn", accreditationId: "V-1", points: 2 }]),
    },
  });
}

/** Two banks with a trainer and learners each, an administrator, and certificates in two modules. */
async function world() {
  const prisma = db();
  const bankA = await organisation(prisma, "Bank A");
  const bankB = await organisation(prisma, "Bank B");
  const admin = await person(prisma, { name: "Beheerder", role: "admin" });
  const trainerA = await person(prisma, { name: "Trainer A", role: "trainer", organisationId: bankA });
  const trainerB = await person(prisma, { name: "Trainer B", role: "trainer", organisationId: bankB });
  const loneTrainer = await person(prisma, { name: "Trainer zonder organisatie", role: "trainer" });
  const anna = await person(prisma, { name: "Anna Jansen", organisationId: bankA });
  const bram = await person(prisma, { name: "Bram 100% Bakker", organisationId: bankA });
  const chris = await person(prisma, { name: "Chris de Wit", organisationId: bankB });
  await module(prisma, "basis", { nl: "Stigma: de basis", en: "Stigma: the basics" });
  await module(prisma, "gesprek", { nl: "Het gesprek aangaan", en: "Starting the conversation" });
  // 1 March 2025 00:30 in Amsterdam is still 28 February in UTC.
  await certificate(prisma, {
    userId: anna.id,
    moduleId: "basis",
    completedAt: new Date("2025-02-28T23:30:00.000Z"),
    learnerName: "Anna Jansen",
    code: "AAAA-0000-0000-0001",
  });
  await certificate(prisma, {
    userId: anna.id,
    moduleId: "gesprek",
    completedAt: new Date("2025-04-10T09:00:00.000Z"),
    learnerName: "Anna Jansen",
    code: "AAAA-0000-0000-0002",
  });
  await certificate(prisma, {
    userId: bram.id,
    moduleId: "basis",
    completedAt: new Date("2025-03-20T09:00:00.000Z"),
    learnerName: "Bram 100% Bakker",
    code: "BBBB-0000-0000-0001",
    revokedAt: new Date("2025-05-01T09:00:00.000Z"),
  });
  await certificate(prisma, {
    userId: chris.id,
    moduleId: "basis",
    completedAt: new Date("2024-01-05T09:00:00.000Z"),
    learnerName: "Chris de Wit",
    code: "CCCC-0000-0000-0001",
    expiresAt: new Date("2025-01-05T09:00:00.000Z"),
  });
  return { bankA, bankB, admin, trainerA, trainerB, loneTrainer, anna, bram, chris };
}

type World = Awaited<ReturnType<typeof world>>;
let w: World;

beforeEach(async () => {
  w = await world();
});

async function codes(viewer: CertificateViewer, input: Record<string, string> = {}, page = 1) {
  const result = await searchCertificates(db(), {
    scope: await certificateScope(db(), viewer),
    filter: parseCertificateFilter(input),
    page,
    locale: "nl",
    now: NOW,
  });
  if (!result.ok) throw new Error(result.error);
  return result.rows.map((row) => row.code);
}

describe("certificateScope", () => {
  it("gives administrators everything, trainers their appointed organisations, and nobody else a list", async () => {
    expect(await certificateScope(db(), w.admin)).toEqual({ kind: "any" });
    expect(await certificateScope(db(), w.trainerA)).toEqual({ kind: "organisations", organisationIds: [w.bankA] });
    expect(await certificateScope(db(), w.loneTrainer)).toEqual({ kind: "none" });
    expect(await certificateScope(db(), w.anna)).toEqual({ kind: "none" });
  });

  it("follows appointments, not the trainer's own organisation, and lets a SWAD-wide trainer see everything", async () => {
    const visitor = await person(db(), { name: "Trainer in Bank A, niet aangesteld", role: "trainer" });
    await db().user.update({ where: { id: visitor.id }, data: { organisationId: w.bankA } });
    expect(await certificateScope(db(), visitor)).toEqual({ kind: "none" });

    await db().organisationTrainer.create({ data: { organisationId: w.bankB, userId: w.trainerA.id } });
    expect(await certificateScope(db(), w.trainerA)).toEqual({
      kind: "organisations",
      organisationIds: [w.bankA, w.bankB].sort(),
    });
    expect(await codes(w.trainerA)).toEqual([
      "AAAA-0000-0000-0002",
      "BBBB-0000-0000-0001",
      "AAAA-0000-0000-0001",
      "CCCC-0000-0000-0001",
    ]);

    await db().user.update({ where: { id: w.loneTrainer.id }, data: { allOrganisations: true } });
    expect(await certificateScope(db(), w.loneTrainer)).toEqual({ kind: "any" });
    expect(await codes(w.loneTrainer)).toHaveLength(4);
  });
});

describe("searchCertificates", () => {
  it("shows a trainer only the certificates of their own organisation's learners, newest first", async () => {
    expect(await codes(w.trainerA)).toEqual(["AAAA-0000-0000-0002", "BBBB-0000-0000-0001", "AAAA-0000-0000-0001"]);
    expect(await codes(w.trainerB)).toEqual(["CCCC-0000-0000-0001"]);
  });

  it("ignores the organisation filter of a trainer, who cannot look into another organisation", async () => {
    expect(await codes(w.trainerB, { organisation: w.bankA })).toEqual(["CCCC-0000-0000-0001"]);
  });

  it("shows an administrator every certificate, filterable by organisation and module", async () => {
    expect(await codes(w.admin)).toHaveLength(4);
    expect(await codes(w.admin, { organisation: w.bankB })).toEqual(["CCCC-0000-0000-0001"]);
    expect(await codes(w.admin, { module: "gesprek" })).toEqual(["AAAA-0000-0000-0002"]);
  });

  it("refuses a learner or a trainer appointed nowhere", async () => {
    for (const viewer of [w.anna, w.loneTrainer]) {
      const result = await searchCertificates(db(), {
        scope: await certificateScope(db(), viewer),
        filter: {},
        page: 1,
        locale: "nl",
        now: NOW,
      });
      expect(result).toEqual({ ok: false, error: "no_scope" });
    }
  });

  it("searches names, module titles in either language and codes, literally and without regard to case", async () => {
    expect(await codes(w.admin, { q: "anna" })).toEqual(["AAAA-0000-0000-0002", "AAAA-0000-0000-0001"]);
    expect(await codes(w.admin, { q: "100%" })).toEqual(["BBBB-0000-0000-0001"]);
    expect(await codes(w.admin, { q: "%" })).toEqual(["BBBB-0000-0000-0001"]);
    expect(await codes(w.admin, { q: "CONVERSATION" })).toEqual(["AAAA-0000-0000-0002"]);
    expect(await codes(w.admin, { q: "gesprek aangaan" })).toEqual(["AAAA-0000-0000-0002"]);
    expect(await codes(w.admin, { q: "cccc0000 0000 0001" })).toEqual(["CCCC-0000-0000-0001"]);
    expect(await codes(w.admin, { q: "bbbb-0000" })).toEqual(["BBBB-0000-0000-0001"]);
    expect(await codes(w.trainerB, { q: "anna" })).toEqual([]);
  });

  it("filters on calendar days in Amsterdam, both ends included", async () => {
    expect(await codes(w.admin, { from: "2025-03-01", to: "2025-03-31" })).toEqual([
      "BBBB-0000-0000-0001",
      "AAAA-0000-0000-0001",
    ]);
    expect(await codes(w.admin, { to: "2025-02-28" })).toEqual(["CCCC-0000-0000-0001"]);
    expect(await codes(w.admin, { from: "2025-04-10" })).toEqual(["AAAA-0000-0000-0002"]);
  });

  it("takes the days as typed the Dutch way (dd-mm-jjjj, d-m-jjjj) as well", async () => {
    expect(await codes(w.admin, { from: "01-03-2025", to: "31-3-2025" })).toEqual([
      "BBBB-0000-0000-0001",
      "AAAA-0000-0000-0001",
    ]);
    expect(await codes(w.admin, { to: "28-02-2025" })).toEqual(["CCCC-0000-0000-0001"]);
  });

  it("reports a period that runs backwards or is not made of dates", async () => {
    for (const input of [
      { from: "2025-04-01", to: "2025-03-01" },
      { from: "1 maart" },
      { to: "2025-02-30" },
      { to: "30-02-2025" },
      { from: "01-03-2025x" },
    ]) {
      const result = await searchCertificates(db(), {
        scope: { kind: "any" },
        filter: parseCertificateFilter(input),
        page: 1,
        locale: "nl",
        now: NOW,
      });
      expect(result).toEqual({ ok: false, error: "bad_period" });
    }
  });

  it("states status, title in the viewer's language and organisation per row, and how many can be bundled", async () => {
    const result = await searchCertificates(db(), {
      scope: { kind: "any" },
      filter: {},
      page: 1,
      locale: "en",
      now: NOW,
    });
    if (!result.ok) throw new Error(result.error);
    const byCode = Object.fromEntries(result.rows.map((row) => [row.code, row]));
    expect(byCode["AAAA-0000-0000-0002"]).toMatchObject({
      status: "valid",
      moduleTitle: "Starting the conversation",
      organisation: "Bank A",
      learnerName: "Anna Jansen",
    });
    expect(byCode["BBBB-0000-0000-0001"]?.status).toBe("revoked");
    expect(byCode["CCCC-0000-0000-0001"]?.status).toBe("expired");
    expect(result.total).toBe(4);
    expect(result.bundleable).toBe(3);
    expect(await countBundleCertificates(db(), { kind: "any" }, {})).toBe(3);
  });

  it("pages through long lists", async () => {
    const prisma = db();
    for (let i = 0; i < CERTIFICATES_PAGE_SIZE + 3; i++) {
      await certificate(prisma, {
        userId: w.anna.id,
        moduleId: "basis",
        completedAt: new Date(Date.UTC(2023, 0, 1, 0, i)),
        learnerName: "Anna Jansen",
        code: `DDDD-0000-00${String(10 + Math.floor(i / 10))}-00${String(10 + (i % 10))}`,
      });
    }
    const first = await searchCertificates(prisma, {
      scope: { kind: "any" },
      filter: {},
      page: 1,
      locale: "nl",
      now: NOW,
    });
    const third = await searchCertificates(prisma, {
      scope: { kind: "any" },
      filter: {},
      page: 2,
      locale: "nl",
      now: NOW,
    });
    if (!first.ok || !third.ok) throw new Error("expected lists");
    expect(first.total).toBe(CERTIFICATES_PAGE_SIZE + 7);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(CERTIFICATES_PAGE_SIZE);
    expect(third.rows).toHaveLength(7);
    expect(new Set([...first.rows, ...third.rows].map((row) => row.code)).size).toBe(CERTIFICATES_PAGE_SIZE + 7);
  });
});

describe("findDownloadableCertificate", () => {
  const code = "AAAA-0000-0000-0002";

  it("lets the learner, a trainer of their organisation and an administrator download it", async () => {
    for (const viewer of [w.anna, w.trainerA, w.admin]) {
      const found = await findDownloadableCertificate(db(), { viewer, code });
      expect([viewer.role, found?.code]).toEqual([viewer.role, code]);
      expect(found?.locale).toBe("nl");
    }
  });

  it("treats anyone else like an unknown code", async () => {
    for (const viewer of [w.chris, w.trainerB, w.loneTrainer]) {
      expect(await findDownloadableCertificate(db(), { viewer, code })).toBeNull();
    }
    expect(await findDownloadableCertificate(db(), { viewer: w.admin, code: "ZZZZ-0000-0000-0000" })).toBeNull();
    expect(await findDownloadableCertificate(db(), { viewer: w.admin, code: "not a code" })).toBeNull();
  });

  it("accepts the code as people type it", async () => {
    expect((await findDownloadableCertificate(db(), { viewer: w.anna, code: "aaaa 0000 oooo 0002" }))?.code).toBe(code);
  });
});

describe("listMyCertificates", () => {
  it("lists the learner's own certificates with their status, newest first", async () => {
    const anna = await listMyCertificates(db(), { userId: w.anna.id, locale: "en", now: NOW });
    expect(anna.map((row) => [row.code, row.moduleTitle, row.status])).toEqual([
      ["AAAA-0000-0000-0002", "Starting the conversation", "valid"],
      ["AAAA-0000-0000-0001", "Stigma: the basics", "valid"],
    ]);
    expect(anna[0]?.accreditations).toEqual([
      { register: "vvn", registerName: "Kwaliteitsregister V&VN", accreditationId: "V-1", points: 2 },
    ]);
    expect((await listMyCertificates(db(), { userId: w.bram.id, locale: "nl", now: NOW }))[0]?.status).toBe("revoked");
    expect((await listMyCertificates(db(), { userId: w.chris.id, locale: "nl", now: NOW }))[0]?.status).toBe("expired");
    expect(await listMyCertificates(db(), { userId: w.trainerA.id, locale: "nl", now: NOW })).toEqual([]);
  });
});

describe("certificateFilterOptions", () => {
  it("offers the modules with certificates in scope, and organisations only to administrators", async () => {
    const admin = await certificateFilterOptions(db(), { scope: await certificateScope(db(), w.admin), locale: "en" });
    expect(admin.modules.map((m) => m.title).sort()).toEqual(["Starting the conversation", "Stigma: the basics"]);
    expect(admin.organisations.map((o) => o.name)).toEqual(["Bank A", "Bank B"]);
    const trainerB = await certificateFilterOptions(db(), {
      scope: await certificateScope(db(), w.trainerB),
      locale: "nl",
    });
    expect(trainerB.modules.map((m) => m.id)).toEqual(["basis"]);
    expect(trainerB.organisations).toEqual([]);
  });
});
