import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import {
  createUser,
  insertCertificate,
  seedCertifiedModules,
  seedCertifiedModule,
} from "../../tests/unit/support/certificates";
import type { MailMessage } from "~/mail/mailer.server";

import { sendDueReminders } from "./reminders.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-06-01T10:00:00.000Z");
const days = (count: number, from = T0) => new Date(from.getTime() + count * 86_400_000);

beforeEach(async () => {
  await seedCertifiedModule(db(), { slug: "zorg", validityMonths: 12, reminderDays: 30 });
});

async function eventsOf(code: string) {
  return db().certificateEvent.findMany({ where: { certificate: { code } }, orderBy: { id: "asc" } });
}

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
