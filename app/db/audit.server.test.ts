import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createTestDatabase, resetDatabase, type TestDatabase } from "../../tests/setup/temp-db";
import { writeAudit } from "./audit.server";

let testDb: TestDatabase;
let db: PrismaClient;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.prisma;
});
afterAll(() => testDb.cleanup());
beforeEach(() => resetDatabase(db));

async function actor() {
  return db.user.create({ data: { email: "a@example.org", name: "A", passwordHash: "x", sector: "bank" } });
}

describe("writeAudit", () => {
  it("stores the actor, the action, the details as JSON in their key order, and the given time", async () => {
    const user = await actor();
    const at = new Date("2025-03-04T05:06:07.000Z");
    await writeAudit(db, {
      actorId: user.id,
      action: "thing.changed",
      details: { moduleId: "m", before: 1, after: 2 },
      at,
    });
    const rows = await db.auditLog.findMany();
    expect(rows).toEqual([
      expect.objectContaining({
        userId: user.id,
        action: "thing.changed",
        details: '{"moduleId":"m","before":1,"after":2}',
        createdAt: at,
      }),
    ]);
  });

  it("writes {} without details, no actor when told, and the current time without one", async () => {
    const before = Date.now();
    await writeAudit(db, { actorId: null, action: "account.deleted" });
    const row = await db.auditLog.findFirstOrThrow();
    expect(row).toMatchObject({ userId: null, action: "account.deleted", details: "{}" });
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("takes part in an array transaction: a failing sibling leaves no audit row", async () => {
    const user = await actor();
    await expect(
      db.$transaction([
        writeAudit(db, { actorId: user.id, action: "user.role_changed" }),
        db.user.update({ where: { id: "missing" }, data: { role: "admin" } }),
      ]),
    ).rejects.toThrow();
    expect(await db.auditLog.count()).toBe(0);
  });

  it("writes inside an interactive transaction and rolls back with it", async () => {
    const user = await actor();
    await expect(
      db.$transaction(async (tx) => {
        await writeAudit(tx, { actorId: user.id, action: "cohort.created", details: { cohortId: "c" } });
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await db.auditLog.count()).toBe(0);
  });
});
