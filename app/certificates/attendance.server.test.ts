import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import {
  ATTENDANCE_BATCH_SIZE,
  attendanceBatchFile,
  attendanceCsv,
  attendanceFileName,
  batchCountFor,
  batchOf,
  createAttendanceExport,
  listAttendanceExports,
  previewAttendance,
} from "./attendance.server";
import { periodBounds } from "./attendance-form";

const database = useTestDatabase();
// Exports belong to no module or user row, so the shared reset does not cascade to them.
beforeEach(async () => {
  await database.prisma.attendanceExport.deleteMany();
});

const NOW = new Date("2025-06-15T10:00:00Z");
const PERIOD = { from: "2025-04-01", to: "2025-04-30" };
const BOM = "\uFEFF";
const HEADER = "Registratienummer;Datum afgerond;Accreditatie-ID;Punten;Naam";

let seq = 0;

async function setupModule({ accredited = true } = {}) {
  const admin = await database.prisma.user.create({
    data: { email: "admin@example.nl", name: "Beheerder", passwordHash: "x", sector: "other", role: "admin" },
  });
  for (const id of ["zorg", "gemeente"]) {
    await database.prisma.module.create({
      data: {
        id,
        position: 1,
        sectors: "[]",
        minutes: 30,
        contentHash: "h",
        locales: { create: { locale: "nl", title: `Module ${id}`, summary: "", objectives: "[]", introHtml: "" } },
      },
    });
  }
  if (accredited) {
    await database.prisma.accreditation.create({
      data: { moduleId: "zorg", register: "vvn", accreditationId: "0456789", points: 1.5 },
    });
  }
  return admin;
}

async function learner(name: string, numbers: { register: string; number: string }[] = []) {
  seq += 1;
  return database.prisma.user.create({
    data: {
      email: `learner${seq}@example.nl`,
      name,
      passwordHash: "x",
      sector: "care",
      registrationNumbers: { create: numbers },
    },
  });
}

async function certificate(
  userId: string,
  learnerName: string,
  completedAt: string,
  extra: { moduleId?: string; expiresAt?: Date; revokedAt?: Date } = {},
) {
  seq += 1;
  return database.prisma.certificate.create({
    data: {
      code: `CODE-${String(seq).padStart(4, "0")}`,
      userId,
      moduleId: extra.moduleId ?? "zorg",
      learnerName,
      moduleTitles: "{}",
      contentHash: "h",
      completedAt: new Date(completedAt),
      studyMinutes: 30,
      issuedAt: new Date(completedAt),
      expiresAt: extra.expiresAt ?? null,
      revokedAt: extra.revokedAt ?? null,
    },
  });
}

async function preview(register: "vvn" | "skj" = "vvn", period = PERIOD) {
  const result = await previewAttendance(database.prisma, { moduleId: "zorg", register, period, now: NOW });
  if (!result.ok) throw new Error(`preview failed: ${result.error}`);
  return result;
}

describe("attendance periods", () => {
  it("refuses periods that run backwards and spans whole Amsterdam days", () => {
    expect(periodBounds({ from: "2025-05-01", to: "2025-04-30" })).toBeNull();
    expect(periodBounds({ from: "2025-10-26", to: "2025-10-26" })).toEqual({
      from: new Date("2025-10-25T22:00:00Z"),
      to: new Date("2025-10-26T23:00:00Z"),
    });
  });
});

describe("previewAttendance: who is in the export", () => {
  it("takes valid certificates completed in the period (both days included, Dutch time), once per number", async () => {
    await setupModule();
    const anna = await learner("Anna", [{ register: "vvn", number: "00012345678" }]);
    const bram = await learner("Bram", [
      { register: "vvn", number: "11111111111" },
      { register: "vvn", number: "22222222222" },
    ]);
    const early = await learner("Vroeg", [{ register: "vvn", number: "33333333333" }]);
    const late = await learner("Laat", [{ register: "vvn", number: "44444444444" }]);
    // 1 April 00:10 in Amsterdam is still 31 March in UTC.
    await certificate(anna.id, "Anna", "2025-03-31T22:10:00Z");
    // 30 April 23:50 in Amsterdam.
    await certificate(bram.id, "Bram", "2025-04-30T21:50:00Z");
    // 31 March 23:50 and 1 May 00:10 in Amsterdam: outside.
    await certificate(early.id, "Vroeg", "2025-03-31T21:50:00Z");
    await certificate(late.id, "Laat", "2025-04-30T22:10:00Z");
    // Another module.
    await certificate(anna.id, "Anna", "2025-04-10T10:00:00Z", { moduleId: "gemeente" });

    const result = await preview();
    expect(result.accreditation).toEqual({ accreditationId: "0456789", points: 1.5 });
    expect(result.included.map((r) => [r.learnerName, r.number])).toEqual([
      ["Anna", "00012345678"],
      ["Bram", "11111111111"],
      ["Bram", "22222222222"],
    ]);
    expect(result.missing).toEqual([]);
    expect(result.exported).toEqual([]);
  });

  it("leaves out revoked and expired certificates", async () => {
    await setupModule();
    const revoked = await learner("Ingetrokken", [{ register: "vvn", number: "1" }]);
    const expired = await learner("Verlopen", [{ register: "vvn", number: "2" }]);
    const valid = await learner("Geldig", [{ register: "vvn", number: "3" }]);
    await certificate(revoked.id, "Ingetrokken", "2025-04-10T10:00:00Z", {
      revokedAt: new Date("2025-05-01T00:00:00Z"),
    });
    await certificate(expired.id, "Verlopen", "2025-04-10T10:00:00Z", { expiresAt: new Date("2025-06-01T00:00:00Z") });
    await certificate(valid.id, "Geldig", "2025-04-10T10:00:00Z", { expiresAt: new Date("2027-04-10T10:00:00Z") });
    const result = await preview();
    expect(result.included.map((r) => r.learnerName)).toEqual(["Geldig"]);
    expect(result.missing).toEqual([]);
  });

  it("lists learners who completed without a number for this register, with their e-mail", async () => {
    await setupModule();
    const none = await learner("Zonder nummer");
    const otherRegister = await learner("Alleen SKJ", [{ register: "skj", number: "12345" }]);
    const revoked = await learner("Ingetrokken zonder nummer");
    await certificate(none.id, "Zonder nummer", "2025-04-02T10:00:00Z");
    await certificate(otherRegister.id, "Alleen SKJ", "2025-04-03T10:00:00Z");
    await certificate(revoked.id, "Ingetrokken zonder nummer", "2025-04-03T10:00:00Z", {
      revokedAt: new Date("2025-05-01T00:00:00Z"),
    });
    const result = await preview();
    expect(result.included).toEqual([]);
    expect(result.missing.map((r) => [r.learnerName, r.email])).toEqual([
      ["Zonder nummer", none.email],
      ["Alleen SKJ", otherRegister.email],
    ]);
  });

  it("refuses a module without accreditation for the register, an unknown module and a bad period", async () => {
    await setupModule();
    const anna = await learner("Anna", [{ register: "skj", number: "12345" }]);
    await certificate(anna.id, "Anna", "2025-04-10T10:00:00Z");
    expect(
      await previewAttendance(database.prisma, { moduleId: "zorg", register: "skj", period: PERIOD, now: NOW }),
    ).toEqual({ ok: false, error: "not_accredited" });
    expect(
      await previewAttendance(database.prisma, { moduleId: "gemeente", register: "vvn", period: PERIOD, now: NOW }),
    ).toEqual({ ok: false, error: "not_accredited" });
    expect(
      await previewAttendance(database.prisma, { moduleId: "geen", register: "vvn", period: PERIOD, now: NOW }),
    ).toEqual({ ok: false, error: "module_not_found" });
    expect(
      await previewAttendance(database.prisma, {
        moduleId: "zorg",
        register: "vvn",
        period: { from: "2025-05-01", to: "2025-04-01" },
        now: NOW,
      }),
    ).toEqual({
      ok: false,
      error: "bad_period",
    });
  });
});

describe("createAttendanceExport", () => {
  it("records the export and its rows, and the next export leaves them out but lists them as exported", async () => {
    const admin = await setupModule();
    const anna = await learner("Anna", [{ register: "vvn", number: "00012345678" }]);
    const annaCert = await certificate(anna.id, "Anna", "2025-04-10T10:00:00Z");

    const created = await createAttendanceExport(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      register: "vvn",
      period: PERIOD,
      now: NOW,
    });
    if (!created.ok) throw new Error(created.error);
    expect(created).toMatchObject({ rowCount: 1, batchCount: 1 });
    const stored = await database.prisma.attendanceExport.findUniqueOrThrow({
      where: { id: created.exportId },
      include: { rows: true },
    });
    expect(stored).toMatchObject({
      moduleId: "zorg",
      register: "vvn",
      periodFrom: new Date("2025-03-31T22:00:00Z"),
      periodTo: new Date("2025-04-29T22:00:00Z"),
      createdById: admin.id,
      createdAt: NOW,
      rowCount: 1,
      batchCount: 1,
    });
    expect(stored.rows).toEqual([
      { exportId: created.exportId, certificateId: annaCert.id, number: "00012345678", batch: 1 },
    ]);
    const audit = await database.prisma.auditLog.findFirstOrThrow({ where: { action: "attendance.exported" } });
    expect(JSON.parse(audit.details)).toMatchObject({
      exportId: created.exportId,
      moduleId: "zorg",
      register: "vvn",
      accreditationId: "0456789",
      points: 1.5,
      rowCount: 1,
    });

    expect(
      await createAttendanceExport(database.prisma, {
        actorId: admin.id,
        moduleId: "zorg",
        register: "vvn",
        period: PERIOD,
        now: NOW,
      }),
    ).toEqual({
      ok: false,
      error: "nothing_to_export",
    });
    const again = await preview();
    expect(again.included).toEqual([]);
    expect(again.missing).toEqual([]);
    expect(again.exported).toEqual([
      {
        certificateId: annaCert.id,
        learnerName: "Anna",
        number: "00012345678",
        completedAt: annaCert.completedAt,
        exportId: created.exportId,
        exportedAt: NOW,
      },
    ]);

    // A number added later, and a certificate earned by re-certifying, still have to be reported.
    await database.prisma.registrationNumber.create({
      data: { userId: anna.id, register: "vvn", number: "99999999999" },
    });
    await certificate(anna.id, "Anna", "2025-04-20T10:00:00Z");
    expect((await preview()).included.map((r) => [r.completedAt.toISOString(), r.number])).toEqual([
      ["2025-04-10T10:00:00.000Z", "99999999999"],
      ["2025-04-20T10:00:00.000Z", "00012345678"],
      ["2025-04-20T10:00:00.000Z", "99999999999"],
    ]);
  });

  it("counts an export for another register or module as no export", async () => {
    const admin = await setupModule();
    await database.prisma.accreditation.create({
      data: { moduleId: "zorg", register: "skj", accreditationId: "S-1", points: 1 },
    });
    const anna = await learner("Anna", [
      { register: "vvn", number: "00012345678" },
      { register: "skj", number: "12345" },
    ]);
    await certificate(anna.id, "Anna", "2025-04-10T10:00:00Z");
    expect(
      (
        await createAttendanceExport(database.prisma, {
          actorId: admin.id,
          moduleId: "zorg",
          register: "skj",
          period: PERIOD,
          now: NOW,
        })
      ).ok,
    ).toBe(true);
    expect((await preview("vvn")).included.map((r) => r.number)).toEqual(["00012345678"]);
    expect((await preview("skj")).included).toEqual([]);
  });

  it("refuses an export for a module without accreditation for the register and records nothing", async () => {
    const admin = await setupModule({ accredited: false });
    const anna = await learner("Anna", [{ register: "vvn", number: "00012345678" }]);
    await certificate(anna.id, "Anna", "2025-04-10T10:00:00Z");
    expect(
      await createAttendanceExport(database.prisma, {
        actorId: admin.id,
        moduleId: "zorg",
        register: "vvn",
        period: PERIOD,
        now: NOW,
      }),
    ).toEqual({
      ok: false,
      error: "not_accredited",
    });
    expect(await database.prisma.attendanceExport.count()).toBe(0);
    expect(await database.prisma.attendanceExportRow.count()).toBe(0);
    expect(await database.prisma.auditLog.count()).toBe(0);
  });

  async function seedCompletions(total: number) {
    const base = Date.parse("2025-04-01T08:00:00Z");
    await database.prisma.user.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        id: `u${i}`,
        email: `u${i}@example.nl`,
        name: `Deelnemer ${i}`,
        passwordHash: "x",
        sector: "care",
      })),
    });
    await database.prisma.registrationNumber.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        userId: `u${i}`,
        register: "vvn",
        number: String(i).padStart(11, "0"),
      })),
    });
    await database.prisma.certificate.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        code: `C${i}`,
        userId: `u${i}`,
        moduleId: "zorg",
        learnerName: `Deelnemer ${i}`,
        moduleTitles: "{}",
        contentHash: "h",
        completedAt: new Date(base + i * 10_000),
        studyMinutes: 30,
        issuedAt: new Date(base + i * 10_000),
      })),
    });
  }

  async function exportAll() {
    const admin = await database.prisma.user.findFirstOrThrow({ where: { role: "admin" } });
    const created = await createAttendanceExport(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      register: "vvn",
      period: PERIOD,
      now: NOW,
    });
    if (!created.ok) throw new Error(created.error);
    const perBatch = await database.prisma.attendanceExportRow.groupBy({
      by: ["batch"],
      _count: { _all: true },
      orderBy: { batch: "asc" },
    });
    return { created, perBatch: perBatch.map((b) => [b.batch, b._count._all]) };
  }

  it("keeps exactly 1,000 rows in one batch", async () => {
    await setupModule();
    await seedCompletions(ATTENDANCE_BATCH_SIZE);
    const { created, perBatch } = await exportAll();
    expect(created).toMatchObject({ rowCount: 1000, batchCount: 1 });
    expect(perBatch).toEqual([[1, 1000]]);
    const file = await attendanceBatchFile(database.prisma, { exportId: created.exportId, batch: 1 });
    expect(file?.fileName).toBe("presentie-zorg-vvn-2025-06-15-deel-1-van-1.csv");
    expect(file?.csv.trimEnd().split("\r\n")).toHaveLength(1 + 1000);
    expect(await attendanceBatchFile(database.prisma, { exportId: created.exportId, batch: 2 })).toBeNull();
  });

  it("splits 1,001 rows in a batch of 1,000 and a batch of 1, one file each", async () => {
    await setupModule();
    await seedCompletions(ATTENDANCE_BATCH_SIZE + 1);
    const { created, perBatch } = await exportAll();
    expect(created).toMatchObject({ rowCount: 1001, batchCount: 2 });
    expect(perBatch).toEqual([
      [1, 1000],
      [2, 1],
    ]);

    const first = await attendanceBatchFile(database.prisma, { exportId: created.exportId, batch: 1 });
    const second = await attendanceBatchFile(database.prisma, { exportId: created.exportId, batch: 2 });
    expect(first?.csv.trimEnd().split("\r\n")).toHaveLength(1 + 1000);
    expect(first?.fileName).toBe("presentie-zorg-vvn-2025-06-15-deel-1-van-2.csv");
    expect(second?.fileName).toBe("presentie-zorg-vvn-2025-06-15-deel-2-van-2.csv");
    // The last completion lands in the last batch.
    expect(second?.csv).toBe(`${BOM}${HEADER}\r\n"00000001000";01-04-2025;"0456789";1,5;Deelnemer 1000\r\n`);
    expect(await attendanceBatchFile(database.prisma, { exportId: created.exportId, batch: 3 })).toBeNull();
    expect(await attendanceBatchFile(database.prisma, { exportId: created.exportId, batch: 0 })).toBeNull();
    expect(await attendanceBatchFile(database.prisma, { exportId: "geen", batch: 1 })).toBeNull();
  });

  it("keeps a re-download as it was exported after the accreditation is corrected", async () => {
    const admin = await setupModule();
    const anna = await learner("Anna", [{ register: "vvn", number: "00012345678" }]);
    await certificate(anna.id, "Anna", "2025-04-10T10:00:00Z");
    const created = await createAttendanceExport(database.prisma, {
      actorId: admin.id,
      moduleId: "zorg",
      register: "vvn",
      period: PERIOD,
      now: NOW,
    });
    if (!created.ok) throw new Error(created.error);
    await database.prisma.accreditation.update({
      where: { moduleId_register: { moduleId: "zorg", register: "vvn" } },
      data: { accreditationId: "999", points: 4 },
    });
    const file = await attendanceBatchFile(database.prisma, { exportId: created.exportId, batch: 1 });
    expect(file?.csv).toBe(`${BOM}${HEADER}\r\n"00012345678";10-04-2025;"0456789";1,5;Anna\r\n`);

    const list = await listAttendanceExports(database.prisma, { locale: "nl" });
    expect(list).toEqual([
      {
        id: created.exportId,
        moduleId: "zorg",
        moduleTitle: "Module zorg",
        register: "vvn",
        periodFrom: new Date("2025-03-31T22:00:00Z"),
        periodTo: new Date("2025-04-29T22:00:00Z"),
        createdAt: NOW,
        createdByName: "Beheerder",
        rowCount: 1,
        batchCount: 1,
      },
    ]);
  });
});

describe("batches", () => {
  it("puts exactly 1,000 rows in one batch and row 1,001 in the next", () => {
    expect(ATTENDANCE_BATCH_SIZE).toBe(1000);
    expect(batchOf(0)).toBe(1);
    expect(batchOf(999)).toBe(1);
    expect(batchOf(1000)).toBe(2);
    expect(batchCountFor(1)).toBe(1);
    expect(batchCountFor(1000)).toBe(1);
    expect(batchCountFor(1001)).toBe(2);
    expect(batchCountFor(2000)).toBe(2);
    expect(batchCountFor(2001)).toBe(3);
  });
});

describe("attendanceCsv", () => {
  const row = {
    number: "00012345678",
    completedAt: new Date("2025-03-31T22:30:00Z"),
    accreditationId: "0456789",
    points: 2,
    learnerName: "Anna de Vries",
  };

  it("writes a BOM, a header row, semicolons, CRLF, quoted numbers and Dutch dates in Amsterdam time", () => {
    const csv = attendanceCsv([
      row,
      { ...row, number: "12345", points: 0.25, completedAt: new Date("2025-12-31T12:00:00Z") },
    ]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(
      `${BOM}${HEADER}\r\n"00012345678";01-04-2025;"0456789";2;Anna de Vries\r\n"12345";31-12-2025;"0456789";0,25;Anna de Vries\r\n`,
    );
  });

  it("is only a header for no rows", () => {
    expect(attendanceCsv([])).toBe(`${BOM}${HEADER}\r\n`);
  });

  it("quotes names with separators or quotes, and defuses names that a spreadsheet would run as a formula", () => {
    const csv = attendanceCsv([
      { ...row, learnerName: 'Jansen; "Jan"' },
      { ...row, learnerName: '=HYPERLINK("http://x")' },
      { ...row, learnerName: "@SUM(A1)" },
    ]);
    const lines = csv.slice(BOM.length).split("\r\n");
    expect(lines[1]).toBe('"00012345678";01-04-2025;"0456789";2;"Jansen; ""Jan"""');
    expect(lines[2]).toBe('"00012345678";01-04-2025;"0456789";2;"\'=HYPERLINK(""http://x"")"');
    expect(lines[3]).toBe('"00012345678";01-04-2025;"0456789";2;\'@SUM(A1)');
  });

  it("names files after module, register, export day and batch", () => {
    expect(
      attendanceFileName({
        moduleId: "zorg",
        register: "vvn",
        createdAt: new Date("2025-06-30T22:30:00Z"),
        batch: 2,
        batchCount: 3,
      }),
    ).toBe("presentie-zorg-vvn-2025-07-01-deel-2-van-3.csv");
  });
});
