import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import {
  createUser,
  insertCertificate,
  seedCertifiedModule,
  seedCertifiedModules,
} from "../../tests/unit/support/certificates";
import type { MailMessage } from "~/mail/mailer.server";

import {
  certificateOwnerId,
  correctNameAndReissue,
  getCertificateAdminDetail,
  latestCertificateExpiry,
  reminderMail,
  revokeCertificate,
  sendDueReminders,
  startReminderSchedule,
} from "./lifecycle.server";
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

describe("getCertificateAdminDetail", () => {
  it("shows the certificate with its history and who did what", async () => {
    const learner = await createUser(db(), { name: "Oud" });
    const { code } = await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: days(365),
      learnerName: "Oud",
    });
    const otherAdmin = await createUser(db(), { name: "Tijdelijke Beheerder", role: "admin" });
    await correctNameAndReissue(db(), { userId: learner, newName: "Nieuw", actorId: otherAdmin, now: days(1) });
    await db().user.delete({ where: { id: otherAdmin } });
    await revokeCertificate(db(), { code, reason: "Fraude", actorId: adminId, now: days(2) });

    const detail = await getCertificateAdminDetail(db(), { code: code.toLowerCase(), locale: "en", now: days(3) });
    expect(detail).toMatchObject({
      code,
      status: "revoked",
      version: 2,
      learnerName: "Nieuw",
      learner: { id: learner, name: "Nieuw" },
      moduleTitle: "Module zorg (en)",
      revokedReason: "Fraude",
    });
    expect(detail?.history.map(({ action, actor, details }) => ({ action, actor, details }))).toEqual([
      { action: "issued", actor: null, details: {} },
      { action: "reissued", actor: "deleted", details: { previousName: "Oud", learnerName: "Nieuw" } },
      { action: "revoked", actor: { name: "Beheerder Bea" }, details: { reason: "Fraude" } },
    ]);
    expect(await certificateOwnerId(db(), code)).toBe(learner);
    expect(await getCertificateAdminDetail(db(), { code: "0000-0000-0000-0000", locale: "nl", now: T0 })).toBeNull();
  });

  it("gives the expiry of the latest certificate for the re-certification notice", async () => {
    const learner = await createUser(db());
    expect(await latestCertificateExpiry(db(), { userId: learner, moduleId: "zorg" })).toBeNull();
    await insertCertificate(db(), { userId: learner, moduleId: "zorg", completedAt: days(-400), expiresAt: days(-35) });
    await insertCertificate(db(), { userId: learner, moduleId: "zorg", completedAt: days(-10), expiresAt: days(355) });
    expect(await latestCertificateExpiry(db(), { userId: learner, moduleId: "zorg" })).toEqual(days(355));
  });
});

describe("sendDueReminders", () => {
  const EXPIRES = new Date("2026-06-01T10:00:00.000Z");
  const OPENS = days(-30, EXPIRES);
  const ORIGIN = "https://stigmavrij.example";

  function mailbox(fail: (message: MailMessage) => boolean = () => false) {
    const sent: MailMessage[] = [];
    const send = async (message: MailMessage) => {
      if (fail(message)) throw new Error("SMTP down");
      sent.push(message);
    };
    return { sent, send };
  }

  async function run(now: Date, send: (message: MailMessage) => Promise<void>) {
    const log: string[] = [];
    const summary = await sendDueReminders(db(), { now, send, log: (line) => log.push(line), origin: ORIGIN });
    return { summary, log };
  }

  async function learnerWithCertificate(
    options: { locale?: string; email?: string; moduleId?: string; expiresAt?: Date; revokedAt?: Date } = {},
  ) {
    const userId = await createUser(db(), { locale: options.locale ?? "nl" });
    const email = options.email ?? `${userId}@example.nl`;
    await db().user.update({ where: { id: userId }, data: { email } });
    const expiresAt = options.expiresAt ?? EXPIRES;
    const certificate = await insertCertificate(db(), {
      userId,
      moduleId: options.moduleId ?? "zorg",
      completedAt: days(-365, expiresAt),
      expiresAt,
      revokedAt: options.revokedAt ?? null,
    });
    return { userId, email, ...certificate };
  }

  it("sends nothing before the renewal window opens, then one reminder per certificate, once", async () => {
    const learner = await learnerWithCertificate();
    const box = mailbox();

    expect((await run(new Date(OPENS.getTime() - 1), box.send)).summary).toEqual({ due: 0, sent: 0, failures: [] });
    expect(box.sent).toEqual([]);

    const { summary, log } = await run(OPENS, box.send);
    expect(summary).toEqual({ due: 1, sent: 1, failures: [] });
    expect(log).toEqual(["1 certificate reminder(s) due", `[1/1] ${learner.code}: reminder sent (nl)`]);
    expect(box.sent).toHaveLength(1);
    expect(box.sent[0]?.to).toBe(learner.email);
    expect(await db().certificate.findUniqueOrThrow({ where: { code: learner.code } })).toMatchObject({
      reminderSentAt: OPENS,
    });
    expect((await eventsOf(learner.code)).map((event) => [event.action, event.details])).toEqual([
      ["issued", "{}"],
      ["reminded", JSON.stringify({ locale: "nl" })],
    ]);

    expect((await run(days(1, OPENS), box.send)).summary.sent).toBe(0);
    expect((await run(days(-1, EXPIRES), box.send)).summary.sent).toBe(0);
    expect(box.sent).toHaveLength(1);
  });

  it("writes in the learner's language, with the expiry date and a link to the assessment", async () => {
    const dutch = await learnerWithCertificate({ locale: "nl" });
    const english = await learnerWithCertificate({ locale: "en" });
    const box = mailbox();
    await run(OPENS, box.send);

    const toDutch = box.sent.find((message) => message.to === dutch.email);
    const toEnglish = box.sent.find((message) => message.to === english.email);
    expect(toDutch?.subject).toBe("Je certificaat voor Module zorg verloopt op 1 juni 2026");
    expect(toDutch?.text).toContain(`(code ${dutch.code}) verloopt op 1 juni 2026`);
    expect(toDutch?.text).toContain(`\n${ORIGIN}/modules/zorg/toets\n`);
    expect(toEnglish?.subject).toBe("Your certificate for Module zorg (en) expires on 1 June 2026");
    expect(toEnglish?.text).toContain("Take the module's assessment again");
    expect(toEnglish?.text).toContain(`\n${ORIGIN}/modules/zorg/toets\n`);
    expect(toEnglish?.text).not.toContain("verloopt");
  });

  it("skips revoked, expired and renewed certificates", async () => {
    await learnerWithCertificate({ revokedAt: days(-60, EXPIRES) });
    await learnerWithCertificate({ expiresAt: days(-1, OPENS) });
    const renewed = await learnerWithCertificate();
    await insertCertificate(db(), {
      userId: renewed.userId,
      moduleId: "zorg",
      completedAt: days(-5, OPENS),
      expiresAt: days(360, OPENS),
    });
    const box = mailbox();

    expect((await run(OPENS, box.send)).summary).toEqual({ due: 0, sent: 0, failures: [] });
    expect(box.sent).toEqual([]);
  });

  it("uses each module's own lead time, 30 days without settings, and leaves modules without an assessment out", async () => {
    await seedCertifiedModules(db(), [
      { slug: "zorg", validityMonths: 12, reminderDays: 30 },
      { slug: "lang", validityMonths: 24, reminderDays: 60 },
      { slug: "zonder", validityMonths: 12 },
      { slug: "lezen", assessment: false, validityMonths: 12, reminderDays: 30 },
    ]);
    const long = await learnerWithCertificate({ moduleId: "lang" });
    const usual = await learnerWithCertificate({ moduleId: "zorg" });
    await db().moduleCertification.delete({ where: { moduleId: "zonder" } });
    const unset = await learnerWithCertificate({ moduleId: "zonder" });
    await learnerWithCertificate({ moduleId: "lezen" });
    const box = mailbox();

    await run(days(-60, EXPIRES), box.send);
    expect(box.sent.map((message) => message.to)).toEqual([long.email]);
    await run(OPENS, box.send);
    expect(box.sent.map((message) => message.to).sort()).toEqual([long.email, usual.email, unset.email].sort());
  });

  it("releases a certificate whose mail failed, so the next run sends it", async () => {
    const learner = await learnerWithCertificate();
    const failing = mailbox(() => true);
    const { summary, log } = await run(OPENS, failing.send);
    expect(summary).toEqual({ due: 1, sent: 0, failures: [{ code: learner.code, error: "SMTP down" }] });
    expect(log[1]).toContain("sending failed (SMTP down)");
    expect((await db().certificate.findUniqueOrThrow({ where: { code: learner.code } })).reminderSentAt).toBeNull();
    expect((await eventsOf(learner.code)).map((event) => event.action)).toEqual(["issued"]);

    const working = mailbox();
    expect((await run(days(1, OPENS), working.send)).summary.sent).toBe(1);
    expect(working.sent.map((message) => message.to)).toEqual([learner.email]);
  });
});

describe("reminderMail", () => {
  it("has a subject and a plain text body in both languages", () => {
    const input = {
      name: "Alex",
      module: "Sekswerk en banken",
      code: "K7QM-2XPD-9HTR-WB41",
      expiresAt: new Date("2026-01-15T12:00:00Z"),
      link: "https://x.example/modules/bank/toets",
    };
    const nl = reminderMail("nl", input);
    const en = reminderMail("en", input);
    expect(nl.subject).toBe("Je certificaat voor Sekswerk en banken verloopt op 15 januari 2026");
    expect(nl.text.startsWith("Hallo Alex,\n")).toBe(true);
    expect(en.subject).toBe("Your certificate for Sekswerk en banken expires on 15 January 2026");
    expect(en.text.startsWith("Hello Alex,\n")).toBe(true);
    for (const mail of [nl, en]) {
      expect(mail.text).toContain(input.code);
      expect(mail.text).toContain(input.link);
    }
  });
});

describe("startReminderSchedule", () => {
  it("is off with CERTIFICATE_REMINDERS=off and otherwise returns a handle to stop it", () => {
    expect(startReminderSchedule({ CERTIFICATE_REMINDERS: "off" })).toBeNull();
    const schedule = startReminderSchedule({});
    expect(schedule).not.toBeNull();
    schedule?.stop();
  });
});
