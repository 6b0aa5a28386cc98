import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { createUser, insertCertificate, seedCertifiedModule } from "../../tests/unit/support/certificates";

import { correctNameAndReissue, revokeCertificate } from "./lifecycle.server";
import { findCertificateForVerification } from "./verify.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-06-01T10:00:00.000Z");
const days = (count: number, from = T0) => new Date(from.getTime() + count * 86_400_000);

let adminId = "";

beforeEach(async () => {
  await seedCertifiedModule(db(), { slug: "zorg", validityMonths: 12, reminderDays: 30 });
  adminId = await createUser(db(), { name: "Beheerder Bea", role: "admin" });
});

async function eventsOf(code: string) {
  return db().certificateEvent.findMany({ where: { certificate: { code } }, orderBy: { id: "asc" } });
}

describe("revokeCertificate", () => {
  it("records the revocation, an event and an audit log entry; the verification page then says revoked", async () => {
    const learner = await createUser(db());
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: days(365),
    });

    const result = await revokeCertificate(db(), {
      code,
      reason: "  Toets door een ander gemaakt  ",
      actorId: adminId,
      now: days(10),
    });
    expect(result).toEqual({ ok: true });

    expect(await db().certificate.findUniqueOrThrow({ where: { code } })).toMatchObject({
      revokedAt: days(10),
      revokedReason: "Toets door een ander gemaakt",
    });
    expect(
      (await eventsOf(code)).map(({ action, actorId, createdAt, details }) => ({
        action,
        actorId,
        createdAt,
        details,
      })),
    ).toEqual([
      { action: "issued", actorId: null, createdAt: T0, details: "{}" },
      {
        action: "revoked",
        actorId: adminId,
        createdAt: days(10),
        details: JSON.stringify({ reason: "Toets door een ander gemaakt" }),
      },
    ]);
    expect(await db().auditLog.findMany({ select: { userId: true, action: true, details: true } })).toEqual([
      {
        userId: adminId,
        action: "certificate.revoked",
        details: JSON.stringify({ code, reason: "Toets door een ander gemaakt" }),
      },
    ]);
    expect(await findCertificateForVerification(db(), { code, locale: "en", now: days(11) })).toMatchObject({
      status: "revoked",
      revokedAt: days(10),
      revokedReason: "Toets door een ander gemaakt",
    });
  });

  it("accepts the code as typed (case, dashes)", async () => {
    const learner = await createUser(db());
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
    });
    expect(
      await revokeCertificate(db(), {
        code: code.toLowerCase().replace(/-/g, ""),
        reason: "Dubbel",
        actorId: adminId,
        now: T0,
      }),
    ).toEqual({ ok: true });
  });

  it("requires a reason of 3 to 500 characters and writes nothing otherwise", async () => {
    const learner = await createUser(db());
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
    });
    for (const reason of ["", "ab", "   ab   ", "x".repeat(501)]) {
      expect(await revokeCertificate(db(), { code, reason, actorId: adminId, now: T0 })).toEqual({
        ok: false,
        error: "invalid_reason",
      });
    }
    expect(await db().certificate.findUniqueOrThrow({ where: { code } })).toMatchObject({
      revokedAt: null,
      revokedReason: null,
    });
    expect(await db().auditLog.count()).toBe(0);
    expect(await revokeCertificate(db(), { code, reason: "x".repeat(500), actorId: adminId, now: T0 })).toEqual({
      ok: true,
    });
  });

  it("is for administrators only", async () => {
    const learner = await createUser(db());
    const trainer = await createUser(db(), { role: "trainer" });
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
    });
    for (const actorId of [learner, trainer, "no-such-user"]) {
      expect(await revokeCertificate(db(), { code, reason: "Geen recht", actorId, now: T0 })).toEqual({
        ok: false,
        error: "forbidden",
      });
    }
    expect((await db().certificate.findUniqueOrThrow({ where: { code } })).revokedAt).toBeNull();
  });

  it("reports an unknown or malformed code as not found", async () => {
    expect(
      await revokeCertificate(db(), { code: "0000-0000-0000-0000", reason: "Onbekend", actorId: adminId, now: T0 }),
    ).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await revokeCertificate(db(), { code: "kapot", reason: "Onbekend", actorId: adminId, now: T0 })).toEqual({
      ok: false,
      error: "not_found",
    });
  });

  it("refuses a second revocation and keeps the first date and reason", async () => {
    const learner = await createUser(db());
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
    });
    await revokeCertificate(db(), { code, reason: "Eerste reden", actorId: adminId, now: days(1) });
    expect(await revokeCertificate(db(), { code, reason: "Tweede reden", actorId: adminId, now: days(2) })).toEqual({
      ok: false,
      error: "already_revoked",
      revokedAt: days(1),
    });
    expect(await db().certificate.findUniqueOrThrow({ where: { code } })).toMatchObject({
      revokedAt: days(1),
      revokedReason: "Eerste reden",
    });
    expect((await eventsOf(code)).filter((event) => event.action === "revoked")).toHaveLength(1);
    expect(await db().auditLog.count()).toBe(1);
  });

  it("lets only one of two simultaneous revocations through", async () => {
    const learner = await createUser(db());
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
    });
    const results = await Promise.all([
      revokeCertificate(db(), { code, reason: "Reden A", actorId: adminId, now: days(1) }),
      revokeCertificate(db(), { code, reason: "Reden B", actorId: adminId, now: days(1) }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect((await eventsOf(code)).filter((event) => event.action === "revoked")).toHaveLength(1);
  });
});

describe("correctNameAndReissue", () => {
  it("corrects the account and re-issues every certificate that is not revoked, keeping its code", async () => {
    const learner = await createUser(db(), { name: "Sane de Vris" });
    const valid = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: days(-30),
      expiresAt: days(335),
      learnerName: "Sane de Vris",
    });
    const expired = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: days(-500),
      expiresAt: days(-135),
      learnerName: "Sane de Vris",
    });
    const revoked = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: days(-400),
      expiresAt: days(-35),
      learnerName: "Sane de Vris",
      revokedAt: days(-100),
    });
    const other = await createUser(db(), { name: "Ander" });
    const unrelated = await insertCertificate(db(), {
      userId: other,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
      learnerName: "Ander",
    });

    const result = await correctNameAndReissue(db(), {
      userId: learner,
      newName: " Sanne de Vries ",
      actorId: adminId,
      now: T0,
    });
    expect(result).toEqual({ ok: true, nameChanged: true, reissued: [expired.code, valid.code] });

    expect((await db().user.findUniqueOrThrow({ where: { id: learner } })).name).toBe("Sanne de Vries");
    for (const { code } of [valid, expired]) {
      expect(await db().certificate.findUniqueOrThrow({ where: { code } })).toMatchObject({
        code,
        learnerName: "Sanne de Vries",
        version: 2,
      });
      const reissued = (await eventsOf(code)).filter((event) => event.action === "reissued");
      expect(reissued).toMatchObject([{ actorId: adminId, createdAt: T0 }]);
      expect(JSON.parse(reissued[0]?.details ?? "")).toEqual({
        previousName: "Sane de Vris",
        learnerName: "Sanne de Vries",
        version: 2,
      });
    }
    expect(await db().certificate.findUniqueOrThrow({ where: { code: revoked.code } })).toMatchObject({
      learnerName: "Sane de Vris",
      version: 1,
    });
    expect(await db().certificate.findUniqueOrThrow({ where: { code: unrelated.code } })).toMatchObject({
      learnerName: "Ander",
      version: 1,
    });
    expect(await db().auditLog.findMany({ select: { userId: true, action: true, details: true } })).toEqual([
      {
        userId: adminId,
        action: "user.name_corrected",
        details: JSON.stringify({
          userId: learner,
          from: "Sane de Vris",
          to: "Sanne de Vries",
          reissued: [expired.code, valid.code],
        }),
      },
    ]);
    // The public page shows the corrected name under the same code.
    expect(await findCertificateForVerification(db(), { code: valid.code, locale: "nl", now: T0 })).toMatchObject({
      learnerName: "Sanne de Vries",
    });
  });

  it("changes nothing when run again with the same name, and keeps the whole history over several corrections", async () => {
    const learner = await createUser(db(), { name: "A. Jansen" });
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
      learnerName: "A. Jansen",
    });
    await correctNameAndReissue(db(), { userId: learner, newName: "Anna Jansen", actorId: adminId, now: days(1) });
    expect(
      await correctNameAndReissue(db(), { userId: learner, newName: "Anna Jansen", actorId: adminId, now: days(2) }),
    ).toEqual({
      ok: true,
      nameChanged: false,
      reissued: [],
    });
    await correctNameAndReissue(db(), {
      userId: learner,
      newName: "Anna Jansen-de Wit",
      actorId: adminId,
      now: days(3),
    });

    expect(await db().certificate.findUniqueOrThrow({ where: { code } })).toMatchObject({
      learnerName: "Anna Jansen-de Wit",
      version: 3,
    });
    expect((await eventsOf(code)).map((event) => [event.action, event.details])).toEqual([
      ["issued", "{}"],
      ["reissued", JSON.stringify({ previousName: "A. Jansen", learnerName: "Anna Jansen", version: 2 })],
      ["reissued", JSON.stringify({ previousName: "Anna Jansen", learnerName: "Anna Jansen-de Wit", version: 3 })],
    ]);
    expect(await db().auditLog.count()).toBe(2);
  });

  it("re-issues certificates that still carry an old name even when the account already has the right one", async () => {
    const learner = await createUser(db(), { name: "Anna Jansen" });
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
      learnerName: "A. Jansen",
    });
    expect(
      await correctNameAndReissue(db(), { userId: learner, newName: "Anna Jansen", actorId: adminId, now: T0 }),
    ).toEqual({
      ok: true,
      nameChanged: false,
      reissued: [code],
    });
  });

  it("validates the name, checks the actor and the user", async () => {
    const learner = await createUser(db(), { name: "Oud" });
    const trainer = await createUser(db(), { role: "trainer" });
    for (const newName of ["", "   ", "x".repeat(121)]) {
      expect(await correctNameAndReissue(db(), { userId: learner, newName, actorId: adminId, now: T0 })).toEqual({
        ok: false,
        error: "invalid_name",
      });
    }
    expect(await correctNameAndReissue(db(), { userId: learner, newName: "Nieuw", actorId: trainer, now: T0 })).toEqual(
      { ok: false, error: "forbidden" },
    );
    expect(
      await correctNameAndReissue(db(), { userId: "nobody", newName: "Nieuw", actorId: adminId, now: T0 }),
    ).toEqual({ ok: false, error: "not_found" });
    expect((await db().user.findUniqueOrThrow({ where: { id: learner } })).name).toBe("Oud");
    expect(await db().auditLog.count()).toBe(0);
  });
});
