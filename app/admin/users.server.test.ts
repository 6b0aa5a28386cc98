import type { PrismaClient } from "@prisma/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../../tests/setup/temp-db";
import { changeUserRole, listUsers, USERS_PAGE_SIZE } from "./users.server";

let testDb: TestDatabase;
let db: PrismaClient;

const BASE = Date.UTC(2025, 0, 1, 12, 0, 0);
/** Creation time of the n-th seeded user: later users are newer. */
const createdAt = (n: number) => new Date(BASE + n * 60_000);

let seq = 0;
async function createUser(data: {
  name: string;
  email: string;
  role?: string;
  organisationId?: string;
  sector?: string;
}) {
  seq += 1;
  return db.user.create({
    data: { passwordHash: "x", sector: data.sector ?? "bank", createdAt: createdAt(seq), ...data },
  });
}

beforeEach(async () => {
  testDb = await createTestDatabase();
  db = testDb.prisma;
  seq = 0;
});

afterEach(async () => {
  await testDb.cleanup();
});

describe("listUsers", () => {
  it("pages through users newest first with the page size constant", async () => {
    const total = USERS_PAGE_SIZE + 7;
    for (let i = 1; i <= total; i++) {
      await createUser({ name: `Gebruiker ${String(i).padStart(3, "0")}`, email: `gebruiker${i}@example.nl` });
    }
    const first = await listUsers(db, { page: 1 });
    expect(first.total).toBe(total);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(USERS_PAGE_SIZE);
    expect(first.rows[0]?.email).toBe(`gebruiker${total}@example.nl`);
    expect(first.rows.map((r) => r.createdAt.getTime())).toEqual(
      [...first.rows.map((r) => r.createdAt.getTime())].sort((a, b) => b - a),
    );

    const second = await listUsers(db, { page: 2 });
    expect(second).toMatchObject({ total, pageCount: 2 });
    expect(second.rows.map((r) => r.email)).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `gebruiker${i}@example.nl`));
    const seen = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(seen.size).toBe(total);

    const beyond = await listUsers(db, { page: 3 });
    expect(beyond).toEqual({ rows: [], total, pageCount: 2 });
  });

  it("has one page when there are no users or exactly one page full", async () => {
    expect(await listUsers(db, { page: 1 })).toEqual({ rows: [], total: 0, pageCount: 1 });
    for (let i = 1; i <= USERS_PAGE_SIZE; i++) {
      await createUser({ name: `Gebruiker ${i}`, email: `g${i}@example.nl` });
    }
    const list = await listUsers(db, { page: 1 });
    expect(list.rows).toHaveLength(USERS_PAGE_SIZE);
    expect(list.pageCount).toBe(1);
  });

  it("returns the row fields with the organisation's name, or null without one", async () => {
    const organisation = await db.organisation.create({ data: { name: "Bank Zuid", sector: "bank" } });
    const withOrg = await createUser({
      name: "Anna de Vries",
      email: "anna@example.nl",
      organisationId: organisation.id,
    });
    const withoutOrg = await createUser({
      name: "Bram Jansen",
      email: "bram@example.nl",
      role: "trainer",
      sector: "police",
    });

    const { rows } = await listUsers(db, { page: 1 });
    expect(rows).toEqual([
      {
        id: withoutOrg.id,
        name: "Bram Jansen",
        email: "bram@example.nl",
        role: "trainer",
        sector: "police",
        organisation: null,
        createdAt: createdAt(2),
      },
      {
        id: withOrg.id,
        name: "Anna de Vries",
        email: "anna@example.nl",
        role: "learner",
        sector: "bank",
        organisation: "Bank Zuid",
        createdAt: createdAt(1),
      },
    ]);
    // No password hash or other private fields leak into the overview.
    expect(Object.keys(rows[0]!).sort()).toEqual([
      "createdAt",
      "email",
      "id",
      "name",
      "organisation",
      "role",
      "sector",
    ]);
  });

  describe("search", () => {
    beforeEach(async () => {
      const organisation = await db.organisation.create({ data: { name: "Politie Oost", sector: "police" } });
      await createUser({ name: "Anna de Vries", email: "anna@bank.example.nl" });
      await createUser({ name: "Bram Jansen", email: "b.jansen@politie.example.nl", organisationId: organisation.id });
      await createUser({ name: "Carla Bakker", email: "carla@zorg.example.nl" });
    });

    const names = async (query: string, page = 1) => (await listUsers(db, { page, query })).rows.map((r) => r.name);

    it("finds users by part of their name", async () => {
      expect(await names("Jansen")).toEqual(["Bram Jansen"]);
      expect(await names("a")).toEqual(["Carla Bakker", "Bram Jansen", "Anna de Vries"]);
    });

    it("finds users by name regardless of case", async () => {
      expect(await names("jansen")).toEqual(["Bram Jansen"]);
      expect(await names("CARLA")).toEqual(["Carla Bakker"]);
    });

    it("finds users by part of their email address, case-insensitively", async () => {
      expect(await names("politie.example")).toEqual(["Bram Jansen"]);
      expect(await names("ANNA@BANK")).toEqual(["Anna de Vries"]);
      expect(await names("Zorg.Example.NL")).toEqual(["Carla Bakker"]);
    });

    it("includes the organisation name of found users", async () => {
      const { rows } = await listUsers(db, { page: 1, query: "bram" });
      expect(rows.map((r) => [r.name, r.organisation])).toEqual([["Bram Jansen", "Politie Oost"]]);
    });

    it("counts and pages only the matches", async () => {
      const list = await listUsers(db, { page: 1, query: "example.nl" });
      expect(list).toMatchObject({ total: 3, pageCount: 1 });
      expect(await listUsers(db, { page: 1, query: "niemand" })).toEqual({ rows: [], total: 0, pageCount: 1 });
    });

    // Prisma's `contains` would be an unescaped SQLite LIKE, where "%" matches everyone.
    it("treats LIKE wildcards in the query literally", async () => {
      expect(await names("%")).toEqual([]);
      expect(await names("_")).toEqual([]);
      await createUser({ name: "Dirk_Test", email: "dirk@example.nl" });
      expect(await names("_")).toEqual(["Dirk_Test"]);
    });

    it("lists everyone for an empty query", async () => {
      expect(await listUsers(db, { page: 1, query: "" })).toMatchObject({ total: 3 });
    });
  });
});

describe("changeUserRole", () => {
  let admin: string;
  let learner: string;

  beforeEach(async () => {
    admin = (await createUser({ name: "Beheerder", email: "beheer@example.nl", role: "admin" })).id;
    learner = (await createUser({ name: "Leerling", email: "leerling@example.nl" })).id;
  });

  const roleOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).role;

  it("refuses an administrator's change of their own role, without changes or audit", async () => {
    expect(await changeUserRole(db, { actorId: admin, userId: admin, role: "learner" })).toEqual({
      ok: false,
      error: "own_role",
    });
    expect(await roleOf(admin)).toBe("admin");
    expect(await db.auditLog.count()).toBe(0);
  });

  it("returns not_found for an unknown user", async () => {
    expect(await changeUserRole(db, { actorId: admin, userId: "bestaat-niet", role: "trainer" })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await db.auditLog.count()).toBe(0);
  });

  it("changes the role and records who changed it from what to what", async () => {
    expect(await changeUserRole(db, { actorId: admin, userId: learner, role: "trainer" })).toEqual({ ok: true });
    expect(await roleOf(learner)).toBe("trainer");

    const logs = await db.auditLog.findMany();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ userId: admin, action: "user.role_changed" });
    expect(JSON.parse(logs[0]!.details)).toEqual({ userId: learner, from: "learner", to: "trainer" });
  });

  it("records every change in order", async () => {
    await changeUserRole(db, { actorId: admin, userId: learner, role: "trainer" });
    await changeUserRole(db, { actorId: admin, userId: learner, role: "admin" });
    expect(await roleOf(learner)).toBe("admin");
    const logs = await db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(logs.map((l) => JSON.parse(l.details))).toEqual([
      { userId: learner, from: "learner", to: "trainer" },
      { userId: learner, from: "trainer", to: "admin" },
    ]);
  });

  it("does nothing and writes no audit row when the role is unchanged", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { id: learner } });
    expect(await changeUserRole(db, { actorId: admin, userId: learner, role: "learner" })).toEqual({ ok: true });
    const after = await db.user.findUniqueOrThrow({ where: { id: learner } });
    expect(after.role).toBe("learner");
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await db.auditLog.count()).toBe(0);
  });
});
