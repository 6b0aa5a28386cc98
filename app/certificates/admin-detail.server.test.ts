import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { createUser, insertCertificate, seedCertifiedModule } from "../../tests/unit/support/certificates";

import { certificateOwnerId, getCertificateAdminDetail } from "./admin-detail.server";
import { correctNameAndReissue, revokeCertificate } from "./lifecycle.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-06-01T10:00:00.000Z");
const days = (count: number, from = T0) => new Date(from.getTime() + count * 86_400_000);

let adminId = "";

beforeEach(async () => {
  await seedCertifiedModule(db(), { slug: "zorg", validityMonths: 12, reminderDays: 30 });
  adminId = await createUser(db(), { name: "Beheerder Bea", role: "admin" });
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
});
