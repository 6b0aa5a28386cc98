import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import {
  addRegistrationNumber,
  listRegistrationNumbers,
  MAX_NUMBERS_PER_REGISTER,
  missingRegistrationsForModule,
  removeRegistrationNumber,
} from "./registration.server";

const database = useTestDatabase();

async function createUser(email = "zorg@example.nl") {
  return database.prisma.user.create({ data: { email, name: "Zorgverlener", passwordHash: "x", sector: "care" } });
}

async function createModule(id: string) {
  return database.prisma.module.create({
    data: { id, position: 1, sectors: '["care"]', minutes: 30, contentHash: "h" },
  });
}

describe("addRegistrationNumber", () => {
  it("stores a BIG number padded to 11 digits", async () => {
    const user = await createUser();
    const result = await addRegistrationNumber(database.prisma, {
      userId: user.id,
      register: "vvn",
      input: "BIG 1234 5678",
    });
    expect(result).toMatchObject({ ok: true, number: "00012345678" });
    const rows = await database.prisma.registrationNumber.findMany({
      select: { userId: true, register: true, number: true },
    });
    expect(rows).toEqual([{ userId: user.id, register: "vvn", number: "00012345678" }]);
  });

  it("returns the validation error and stores nothing for a bad number", async () => {
    const user = await createUser();
    expect(
      await addRegistrationNumber(database.prisma, { userId: user.id, register: "vvn", input: "123456789012" }),
    ).toEqual({ ok: false, error: "too_long" });
    expect(await addRegistrationNumber(database.prisma, { userId: user.id, register: "skj", input: "12" })).toEqual({
      ok: false,
      error: "too_short",
    });
    expect(
      await addRegistrationNumber(database.prisma, { userId: user.id, register: "skj", input: "SKJ12345" }),
    ).toEqual({ ok: false, error: "not_digits" });
    expect(await addRegistrationNumber(database.prisma, { userId: user.id, register: "gaia", input: "   " })).toEqual({
      ok: false,
      error: "empty",
    });
    expect(await database.prisma.registrationNumber.count()).toBe(0);
  });

  it("refuses the same number twice at one register, also when typed differently", async () => {
    const user = await createUser();
    expect(
      (await addRegistrationNumber(database.prisma, { userId: user.id, register: "vvn", input: "12345678" })).ok,
    ).toBe(true);
    expect(
      await addRegistrationNumber(database.prisma, { userId: user.id, register: "vvn", input: "000 1234 5678" }),
    ).toEqual({ ok: false, error: "duplicate" });
    expect(await database.prisma.registrationNumber.count()).toBe(1);
  });

  it("allows several numbers per register, the same number at two registers, and the same number for two people", async () => {
    const user = await createUser();
    const other = await createUser("ander@example.nl");
    for (const input of ["11111111111", "22222222222"]) {
      expect((await addRegistrationNumber(database.prisma, { userId: user.id, register: "vvn", input })).ok).toBe(true);
    }
    expect(
      (await addRegistrationNumber(database.prisma, { userId: user.id, register: "kngf", input: "11111111111" })).ok,
    ).toBe(true);
    expect(
      (await addRegistrationNumber(database.prisma, { userId: other.id, register: "vvn", input: "11111111111" })).ok,
    ).toBe(true);
    expect(await database.prisma.registrationNumber.count({ where: { userId: user.id } })).toBe(3);
  });

  it("caps the numbers per register", async () => {
    const user = await createUser();
    for (let i = 1; i <= MAX_NUMBERS_PER_REGISTER; i++) {
      expect(
        (await addRegistrationNumber(database.prisma, { userId: user.id, register: "skj", input: `1000${i}` })).ok,
      ).toBe(true);
    }
    expect(await addRegistrationNumber(database.prisma, { userId: user.id, register: "skj", input: "99999" })).toEqual({
      ok: false,
      error: "too_many",
    });
    expect(
      (await addRegistrationNumber(database.prisma, { userId: user.id, register: "registerplein", input: "99999" })).ok,
    ).toBe(true);
  });
});

describe("listRegistrationNumbers and removeRegistrationNumber", () => {
  it("lists the learner's own numbers in register order, oldest first within a register", async () => {
    const user = await createUser();
    const other = await createUser("ander@example.nl");
    const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute));
    await database.prisma.registrationNumber.createMany({
      data: [
        { userId: user.id, register: "skj", number: "55555", createdAt: at(1) },
        { userId: user.id, register: "vvn", number: "00000000002", createdAt: at(2) },
        { userId: user.id, register: "vvn", number: "00000000001", createdAt: at(3) },
        { userId: other.id, register: "vvn", number: "00000000003", createdAt: at(0) },
      ],
    });
    const list = await listRegistrationNumbers(database.prisma, user.id);
    expect(list.map(({ register, number }) => [register, number])).toEqual([
      ["vvn", "00000000002"],
      ["vvn", "00000000001"],
      ["skj", "55555"],
    ]);
  });

  it("removes only the learner's own number", async () => {
    const user = await createUser();
    const other = await createUser("ander@example.nl");
    const mine = await addRegistrationNumber(database.prisma, { userId: user.id, register: "vvn", input: "1" });
    if (!mine.ok) throw new Error("setup");
    expect(await removeRegistrationNumber(database.prisma, { userId: other.id, id: mine.id })).toBe(false);
    expect(await database.prisma.registrationNumber.count()).toBe(1);
    expect(await removeRegistrationNumber(database.prisma, { userId: user.id, id: mine.id })).toBe(true);
    expect(await removeRegistrationNumber(database.prisma, { userId: user.id, id: mine.id })).toBe(false);
    expect(await listRegistrationNumbers(database.prisma, user.id)).toEqual([]);
  });
});

describe("missingRegistrationsForModule", () => {
  it("names the accrediting registers the learner has no number for", async () => {
    const user = await createUser();
    await createModule("zorg");
    await createModule("bank");
    await database.prisma.accreditation.createMany({
      data: [
        { moduleId: "zorg", register: "skj", accreditationId: "A-1", points: 1 },
        { moduleId: "zorg", register: "vvn", accreditationId: "A-2", points: 2 },
      ],
    });
    expect(await missingRegistrationsForModule(database.prisma, { userId: user.id, moduleId: "zorg" })).toEqual([
      "vvn",
      "skj",
    ]);
    expect(await missingRegistrationsForModule(database.prisma, { userId: user.id, moduleId: "bank" })).toEqual([]);

    await addRegistrationNumber(database.prisma, { userId: user.id, register: "vvn", input: "123" });
    await addRegistrationNumber(database.prisma, { userId: user.id, register: "kngf", input: "456" });
    expect(await missingRegistrationsForModule(database.prisma, { userId: user.id, moduleId: "zorg" })).toEqual([
      "skj",
    ]);
  });
});
