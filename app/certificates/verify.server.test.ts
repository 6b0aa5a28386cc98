import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import {
  completeLessons,
  createUser,
  passAssessment,
  seedCertifiedModule,
} from "../../tests/unit/support/certificates";
import { THROTTLE_RULES, UNKNOWN_IP, throttleKeys } from "~/auth/throttle.server";

import {
  findCertificateForVerification,
  lookUpCertificate,
  moduleTitleFor,
  parseAccreditations,
} from "./verify.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-03-10T09:00:00.000Z");
const minutes = (count: number, from = T0) => new Date(from.getTime() + count * 60_000);
const IP = "203.0.113.7";

const ALLOWED_FIELDS = [
  // Authors, reviewers and review date of the module (no learner data).
  "about",
  "accreditations",
  "code",
  "completedAt",
  // The module's short content version (not learner data): the PDF leaves it out, verifiers see it.
  "contentVersion",
  "expiresAt",
  "learnerName",
  "moduleTitle",
  "moduleTitleLocale",
  "revokedAt",
  "revokedReason",
  "status",
  "studyMinutes",
];

let userId = "";
let code = "";
let attemptId = "";
let contentHash = "";

beforeEach(async () => {
  await seedCertifiedModule(db(), {
    slug: "zorg",
    validityMonths: 12,
    accreditations: [{ register: "vvn", accreditationId: "VVN-555", points: 2 }],
  });
  const organisation = await db().organisation.create({
    data: { name: "Geheime Zorggroep", sector: "care", joinCode: "GEHEIM" },
  });
  userId = await createUser(db(), { name: "Noor Bakker" });
  await db().user.update({
    where: { id: userId },
    data: { organisationId: organisation.id, email: "noor.bakker@zorggroep.example" },
  });
  await completeLessons(db(), userId, "zorg", T0);
  attemptId = await passAssessment(db(), userId, "zorg", T0);
  const certificate = await db().certificate.findFirstOrThrow({ where: { userId } });
  code = certificate.code;
  contentHash = certificate.contentHash;
});

describe("findCertificateForVerification", () => {
  it("returns only what is needed to verify, nothing else about the learner", async () => {
    const found = await findCertificateForVerification(db(), { code, locale: "nl", now: minutes(1) });
    expect(Object.keys(found ?? {}).sort()).toEqual(ALLOWED_FIELDS);
    expect(found).toEqual({
      code,
      status: "valid",
      learnerName: "Noor Bakker",
      moduleTitle: "Module zorg",
      moduleTitleLocale: "nl",
      completedAt: T0,
      studyMinutes: 20,
      contentVersion: contentHash.slice(0, 8),
      accreditations: [
        { register: "vvn", registerName: "Kwaliteitsregister V&VN", accreditationId: "VVN-555", points: 2 },
      ],
      expiresAt: new Date("2026-03-10T09:00:00.000Z"),
      revokedAt: null,
      revokedReason: null,
      // The test module declares no accreditation package.
      about: null,
    });
    const serialised = JSON.stringify(found);
    for (const secret of [
      "noor.bakker@zorggroep.example",
      "Geheime Zorggroep",
      userId,
      attemptId,
      "percent",
      "score",
      "email",
    ]) {
      expect(serialised).not.toContain(secret);
    }
  });

  it("gives the module title in the visitor's language, falling back to Dutch", async () => {
    expect(await findCertificateForVerification(db(), { code, locale: "en", now: T0 })).toMatchObject({
      moduleTitle: "Module zorg (en)",
      moduleTitleLocale: "en",
    });
    await db().certificate.update({
      where: { code },
      data: { moduleTitles: JSON.stringify({ nl: "Alleen Nederlands" }) },
    });
    expect(await findCertificateForVerification(db(), { code, locale: "en", now: T0 })).toMatchObject({
      moduleTitle: "Alleen Nederlands",
      moduleTitleLocale: "nl",
    });
  });

  it("says expired from the expiry moment on", async () => {
    const expiresAt = new Date("2026-03-10T09:00:00.000Z");
    expect(
      (await findCertificateForVerification(db(), { code, locale: "nl", now: minutes(-1, expiresAt) }))?.status,
    ).toBe("valid");
    expect((await findCertificateForVerification(db(), { code, locale: "nl", now: expiresAt }))?.status).toBe(
      "expired",
    );
  });

  it("says revoked with the date and reason, and shows neither before the revocation", async () => {
    const revokedAt = minutes(60);
    await db().certificate.update({
      where: { code },
      data: { revokedAt, revokedReason: "Toets door iemand anders gemaakt" },
    });
    expect(await findCertificateForVerification(db(), { code, locale: "nl", now: minutes(61) })).toMatchObject({
      status: "revoked",
      revokedAt,
      revokedReason: "Toets door iemand anders gemaakt",
    });
    expect(await findCertificateForVerification(db(), { code, locale: "nl", now: minutes(59) })).toMatchObject({
      status: "valid",
      revokedAt: null,
      revokedReason: null,
    });
  });

  it("finds nothing for an unknown code", async () => {
    expect(
      await findCertificateForVerification(db(), { code: "0000-0000-0000-0000", locale: "nl", now: T0 }),
    ).toBeNull();
  });
});

describe("snapshot helpers", () => {
  it("read stored JSON defensively", () => {
    expect(parseAccreditations("not json")).toEqual([]);
    expect(parseAccreditations(JSON.stringify([{ register: "onbekend", accreditationId: "X", points: 1 }]))).toEqual([
      { register: "onbekend", registerName: "onbekend", accreditationId: "X", points: 1 },
    ]);
    expect(moduleTitleFor("{", "nl")).toBeNull();
    expect(moduleTitleFor(JSON.stringify({ en: "Only English" }), "nl")).toEqual({
      title: "Only English",
      locale: "en",
    });
  });
});

describe("lookUpCertificate", () => {
  const look = (input: string, now = minutes(1), ip = IP) => lookUpCertificate(db(), { input, ip, locale: "nl", now });

  it("finds a certificate whatever way the code was typed", async () => {
    const sloppy = code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l");
    expect(await look(sloppy)).toMatchObject({ kind: "found", certificate: { code } });
  });

  it("tells a malformed code apart from an unknown one", async () => {
    expect(await look("K7QM-2XPD")).toEqual({ kind: "malformed" });
    expect(await look("K7QM-2XPD-9HTR-WB4U")).toEqual({ kind: "malformed" });
    expect(await look("")).toEqual({ kind: "malformed" });
  });

  it("answers the same for every unknown code", async () => {
    const a = await look("0000-0000-0000-0000");
    const b = await look("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    expect(a).toEqual({ kind: "not_found" });
    expect(b).toEqual(a);
  });

  it("allows 60 lookups per client in 10 minutes, then asks to wait until the oldest leaves the window", async () => {
    expect(THROTTLE_RULES.certificateIp).toEqual({ max: 60, windowMs: 10 * 60_000 });
    for (let i = 0; i < 60; i++) {
      // Found, unknown and malformed lookups all count.
      const input = i % 3 === 0 ? code : i % 3 === 1 ? "0000-0000-0000-0000" : "nonsense";
      expect((await look(input, minutes(i * 0.1))).kind).not.toBe("throttled");
    }
    expect(await look(code, minutes(7))).toEqual({ kind: "throttled", retryAfterSeconds: 3 * 60 });
    // Another client is not affected.
    expect((await look(code, minutes(7), "198.51.100.1")).kind).toBe("found");
    // Once the first lookup (minute 0) is ten minutes old, the next one is allowed.
    expect((await look(code, minutes(10))).kind).toBe("found");
  });

  it("does not count refused lookups, so waiting is enough to get in again", async () => {
    for (let i = 0; i < 60; i++) await look(code, minutes(0));
    for (let i = 0; i < 20; i++) expect((await look(code, minutes(5))).kind).toBe("throttled");
    expect(await db().throttleEvent.count({ where: { key: throttleKeys.certificateIp(IP) } })).toBe(60);
    expect((await look(code, minutes(10))).kind).toBe("found");
  });

  it("keys on the client address only when it is known", async () => {
    for (let i = 0; i < 70; i++) expect((await look(code, minutes(0), UNKNOWN_IP)).kind).toBe("found");
    expect(await db().throttleEvent.count()).toBe(0);
  });
});
