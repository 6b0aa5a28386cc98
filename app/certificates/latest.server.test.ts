import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import {
  createUser,
  insertCertificate,
  seedCertifiedModule,
  seedCertifiedModules,
} from "../../tests/unit/support/certificates";

import { currentCertificatesByModule, latestCertificateExpiry } from "./latest.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-06-01T10:00:00.000Z");
const days = (count: number) => new Date(T0.getTime() + count * 86_400_000);

describe("currentCertificatesByModule", () => {
  it("gives the newest certificate per module that is not revoked, with its status", async () => {
    await seedCertifiedModules(db(), [{ slug: "zorg", validityMonths: 12 }, { slug: "bank" }, { slug: "politie" }]);
    const learner = await createUser(db());
    const other = await createUser(db(), { name: "Ander" });
    await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: days(365),
      code: "OUDE-ZORG-0000-0001",
    });
    await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: days(300),
      expiresAt: days(665),
      code: "NIEU-ZORG-0000-0002",
    });
    await insertCertificate(db(), {
      userId: learner,
      moduleId: "bank",
      completedAt: days(-400),
      expiresAt: days(-35),
      code: "VERL-BANK-0000-0003",
    });
    await insertCertificate(db(), {
      userId: learner,
      moduleId: "politie",
      completedAt: T0,
      expiresAt: null,
      revokedAt: days(2),
      code: "INGE-TROK-0000-0004",
    });
    await insertCertificate(db(), {
      userId: other,
      moduleId: "politie",
      completedAt: T0,
      expiresAt: null,
      code: "ANDE-RLRN-0000-0005",
    });

    const current = await currentCertificatesByModule(db(), { userId: learner, now: days(10) });
    expect(Object.fromEntries(current)).toEqual({
      zorg: { code: "NIEU-ZORG-0000-0002", status: "valid" },
      bank: { code: "VERL-BANK-0000-0003", status: "expired" },
    });
  });

  it("falls back to an earlier certificate when the newest was revoked, and can be limited to some modules", async () => {
    await seedCertifiedModules(db(), [{ slug: "zorg" }, { slug: "bank" }]);
    const learner = await createUser(db());
    await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: T0,
      expiresAt: null,
      code: "EERS-TEZO-0000-0001",
    });
    await insertCertificate(db(), {
      userId: learner,
      moduleId: "zorg",
      completedAt: days(5),
      expiresAt: null,
      revokedAt: days(6),
      code: "TWEE-DEZO-0000-0002",
    });
    await insertCertificate(db(), {
      userId: learner,
      moduleId: "bank",
      completedAt: T0,
      expiresAt: null,
      code: "BANK-BANK-0000-0003",
    });

    const current = await currentCertificatesByModule(db(), { userId: learner, moduleIds: ["zorg"], now: days(10) });
    expect(Object.fromEntries(current)).toEqual({ zorg: { code: "EERS-TEZO-0000-0001", status: "valid" } });
  });
});

describe("latestCertificateExpiry", () => {
  it("gives the expiry of the latest certificate for the re-certification notice", async () => {
    await seedCertifiedModule(db(), { slug: "zorg", validityMonths: 12, reminderDays: 30 });
    const learner = await createUser(db());
    expect(await latestCertificateExpiry(db(), { userId: learner, moduleId: "zorg" })).toBeNull();
    await insertCertificate(db(), { userId: learner, moduleId: "zorg", completedAt: days(-400), expiresAt: days(-35) });
    await insertCertificate(db(), { userId: learner, moduleId: "zorg", completedAt: days(-10), expiresAt: days(355) });
    expect(await latestCertificateExpiry(db(), { userId: learner, moduleId: "zorg" })).toEqual(days(355));
  });
});
