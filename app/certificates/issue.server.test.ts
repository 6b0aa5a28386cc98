import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import {
  completeLessons,
  createUser,
  passAssessment,
  seedCertifiedModule,
} from "../../tests/unit/support/certificates";
import { getAssessmentOverview, startAttempt } from "~/assessment/attempts.server";
import { recertificationOpen } from "~/assessment/recertification.server";

import { issueCertificate } from "./issue.server";
import { addMonths } from "./validity";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-01-31T09:00:00.000Z");
const days = (count: number, from = T0) => new Date(from.getTime() + count * 86_400_000);
const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

const ACCREDITED = {
  slug: "zorg",
  validityMonths: 24,
  accreditations: [
    { register: "vvn", accreditationId: "VVN-123456", points: 1.5 },
    { register: "skj", accreditationId: "SKJ-987", points: 1 },
  ],
};

async function certificatesOf(userId: string) {
  return db().certificate.findMany({ where: { userId }, orderBy: { completedAt: "asc" }, include: { events: true } });
}

// Every test drives the real learning-event path, several transactions per learner action.
describe("issuing on first completion", { timeout: 30_000 }, () => {
  it("issues a certificate with a snapshot of everything it states when the assessment completes the module", async () => {
    await seedCertifiedModule(db(), ACCREDITED);
    const userId = await createUser(db(), { name: "Sanne de Vries" });
    await completeLessons(db(), userId, "zorg", T0);
    expect(await certificatesOf(userId)).toEqual([]);

    const passedAt = days(1);
    const attemptId = await passAssessment(db(), userId, "zorg", passedAt);

    const [certificate, ...others] = await certificatesOf(userId);
    expect(others).toEqual([]);
    expect(certificate?.code).toMatch(CODE_FORMAT);
    expect(certificate).toMatchObject({
      userId,
      moduleId: "zorg",
      attemptId,
      learnerName: "Sanne de Vries",
      contentHash: "hash-zorg-1",
      completedAt: passedAt,
      studyMinutes: 20,
      issuedAt: passedAt,
      expiresAt: addMonths(passedAt, 24),
      revokedAt: null,
      reminderSentAt: null,
      version: 1,
    });
    expect(JSON.parse(certificate?.moduleTitles ?? "")).toEqual({ nl: "Module zorg", en: "Module zorg (en)" });
    // Sorted by register, so the PDF and the export list them in a stable order.
    expect(JSON.parse(certificate?.accreditations ?? "")).toEqual([
      { register: "skj", accreditationId: "SKJ-987", points: 1 },
      { register: "vvn", accreditationId: "VVN-123456", points: 1.5 },
    ]);
    expect(certificate?.events).toMatchObject([
      {
        action: "issued",
        createdAt: passedAt,
        actorId: null,
        details: JSON.stringify({ learnerName: "Sanne de Vries" }),
      },
    ]);
  });

  it("keeps what it states when the name, title or accreditation changes later", async () => {
    await seedCertifiedModule(db(), ACCREDITED);
    const userId = await createUser(db(), { name: "Sanne de Vries" });
    await completeLessons(db(), userId, "zorg", T0);
    await passAssessment(db(), userId, "zorg", T0);
    const before = await certificatesOf(userId);

    await db().user.update({ where: { id: userId }, data: { name: "S. de Vries-Jansen" } });
    await db().moduleLocale.update({
      where: { moduleId_locale: { moduleId: "zorg", locale: "nl" } },
      data: { title: "Nieuwe titel" },
    });
    await db().accreditation.updateMany({ where: { moduleId: "zorg" }, data: { points: 4 } });
    await db().moduleCertification.update({ where: { moduleId: "zorg" }, data: { validityMonths: 6 } });

    expect(await certificatesOf(userId)).toEqual(before);
  });

  it("is idempotent: the same attempt never gets a second certificate", async () => {
    await seedCertifiedModule(db(), ACCREDITED);
    const userId = await createUser(db());
    await completeLessons(db(), userId, "zorg", T0);
    const attemptId = await passAssessment(db(), userId, "zorg", T0);
    const [first] = await certificatesOf(userId);

    const again = await issueCertificate(db(), {
      userId,
      moduleId: "zorg",
      attemptId,
      completedAt: days(5),
      now: days(5),
    });
    expect(again).toEqual({ id: first?.id, code: first?.code });
    // Lessons done again (a revisit) complete nothing new.
    await completeLessons(db(), userId, "zorg", days(6));
    expect(await certificatesOf(userId)).toHaveLength(1);
    // And the assessment is closed until re-certification opens.
    expect(await startAttempt(db(), { moduleSlug: "zorg", userId, now: days(7) })).toMatchObject({
      ok: false,
      error: "refused",
    });
  });

  it("issues on the last lesson for a module without an assessment, once", async () => {
    await seedCertifiedModule(db(), { slug: "basis", assessment: false, validityMonths: null });
    const userId = await createUser(db());
    await completeLessons(db(), userId, "basis", T0);

    const [certificate, ...others] = await certificatesOf(userId);
    expect(others).toEqual([]);
    expect(certificate).toMatchObject({
      moduleId: "basis",
      attemptId: null,
      completedAt: T0,
      expiresAt: null,
      accreditations: "[]",
    });

    const again = await issueCertificate(db(), {
      userId,
      moduleId: "basis",
      attemptId: null,
      completedAt: days(1),
      now: days(1),
    });
    expect(again).toEqual({ id: certificate?.id, code: certificate?.code });
    expect(await certificatesOf(userId)).toHaveLength(1);
  });

  it("gives a certificate without expiry when the module has no certification settings", async () => {
    await seedCertifiedModule(db(), { slug: "vrij" });
    const userId = await createUser(db());
    await completeLessons(db(), userId, "vrij", T0);
    await passAssessment(db(), userId, "vrij", T0);
    expect(await certificatesOf(userId)).toMatchObject([{ expiresAt: null, accreditations: "[]" }]);
  });

  it("issues nothing for a user or module that does not exist", async () => {
    await seedCertifiedModule(db(), ACCREDITED);
    const userId = await createUser(db());
    expect(
      await issueCertificate(db(), { userId: "nobody", moduleId: "zorg", attemptId: null, completedAt: T0, now: T0 }),
    ).toBeNull();
    expect(
      await issueCertificate(db(), { userId, moduleId: "nothing", attemptId: null, completedAt: T0, now: T0 }),
    ).toBeNull();
    expect(await db().certificate.count()).toBe(0);
  });
});

describe("codes", { timeout: 30_000 }, () => {
  it("gives every certificate its own code", async () => {
    await seedCertifiedModule(db(), { slug: "basis", assessment: false });
    const codes = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const userId = await createUser(db());
      await completeLessons(db(), userId, "basis", T0);
    }
    for (const certificate of await db().certificate.findMany()) codes.add(certificate.code);
    expect(codes.size).toBe(25);
  });

  it("draws a new code when the first one is taken", async () => {
    await seedCertifiedModule(db(), { slug: "basis", assessment: false });
    const first = await createUser(db());
    const second = await createUser(db());
    const taken = new Uint8Array(10).fill(7);
    const free = new Uint8Array(10).fill(9);
    const sequence = [taken, taken, free];
    const random = () => sequence.shift() ?? free;

    const a = await issueCertificate(db(), {
      userId: first,
      moduleId: "basis",
      attemptId: null,
      completedAt: T0,
      now: T0,
      random,
    });
    const b = await issueCertificate(db(), {
      userId: second,
      moduleId: "basis",
      attemptId: null,
      completedAt: T0,
      now: T0,
      random,
    });
    expect(a?.code).not.toBe(b?.code);
    expect(sequence).toEqual([]);
  });

  it("gives up after three collisions instead of looping", async () => {
    await seedCertifiedModule(db(), { slug: "basis", assessment: false });
    const first = await createUser(db());
    const second = await createUser(db());
    const random = () => new Uint8Array(10).fill(7);
    await issueCertificate(db(), {
      userId: first,
      moduleId: "basis",
      attemptId: null,
      completedAt: T0,
      now: T0,
      random,
    });
    await expect(
      issueCertificate(db(), { userId: second, moduleId: "basis", attemptId: null, completedAt: T0, now: T0, random }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("re-certification", { timeout: 30_000 }, () => {
  const MODULE = { slug: "zorg", validityMonths: 12, reminderDays: 30 };

  it("opens reminderDays before expiry and then issues a second certificate with a new code and expiry", async () => {
    await seedCertifiedModule(db(), MODULE);
    const userId = await createUser(db());
    await completeLessons(db(), userId, "zorg", T0);
    await passAssessment(db(), userId, "zorg", T0);
    const [first] = await certificatesOf(userId);
    const expiresAt = addMonths(T0, 12);
    expect(first?.expiresAt).toEqual(expiresAt);

    const opens = days(-30, expiresAt);
    const justBefore = new Date(opens.getTime() - 1);
    expect(await recertificationOpen(db(), { userId, moduleId: "zorg", now: justBefore })).toBe(false);
    const closed = await getAssessmentOverview(db(), { moduleSlug: "zorg", userId, locale: "nl", now: justBefore });
    expect(closed?.state).toEqual({ kind: "passed" });

    expect(await recertificationOpen(db(), { userId, moduleId: "zorg", now: opens })).toBe(true);
    const open = await getAssessmentOverview(db(), { moduleSlug: "zorg", userId, locale: "nl", now: opens });
    expect(open?.state).toEqual({ kind: "can_start", resit: false, recertify: true });

    const renewedAt = days(2, opens);
    const attemptId = await passAssessment(db(), userId, "zorg", renewedAt);
    const [old, renewed, ...rest] = await certificatesOf(userId);
    expect(rest).toEqual([]);
    expect(old).toEqual(first);
    expect(renewed).toMatchObject({
      attemptId,
      completedAt: renewedAt,
      expiresAt: addMonths(renewedAt, 12),
      version: 1,
    });
    expect(renewed?.code).toMatch(CODE_FORMAT);
    expect(renewed?.code).not.toBe(first?.code);

    // The new certificate closes the window again until its own renewal opens.
    expect(await recertificationOpen(db(), { userId, moduleId: "zorg", now: days(1, renewedAt) })).toBe(false);
  });

  it("also opens after the certificate has expired", async () => {
    await seedCertifiedModule(db(), MODULE);
    const userId = await createUser(db());
    await completeLessons(db(), userId, "zorg", T0);
    await passAssessment(db(), userId, "zorg", T0);
    expect(await recertificationOpen(db(), { userId, moduleId: "zorg", now: days(400) })).toBe(true);
  });

  it("never opens for a certificate without expiry or a revoked one", async () => {
    await seedCertifiedModule(db(), { slug: "zorg", validityMonths: null });
    const userId = await createUser(db());
    await completeLessons(db(), userId, "zorg", T0);
    await passAssessment(db(), userId, "zorg", T0);
    expect(await recertificationOpen(db(), { userId, moduleId: "zorg", now: days(5000) })).toBe(false);

    await db().moduleCertification.update({ where: { moduleId: "zorg" }, data: { validityMonths: 12 } });
    await db().certificate.updateMany({
      data: { expiresAt: addMonths(T0, 12), revokedAt: days(10), revokedReason: "Fraude" },
    });
    expect(await recertificationOpen(db(), { userId, moduleId: "zorg", now: days(400) })).toBe(false);
  });
});
