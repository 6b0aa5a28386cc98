import { afterEach, describe, expect, it, vi } from "vitest";

import { createTestDatabase, type TestDatabase } from "../../tests/setup/temp-db";

// The benchmark's SQL counter (STIGMAVRIJ_SQL_COUNT) lives in the module-level singleton, so each
// case loads client.server afresh with its own environment and a fresh singleton.
let database: TestDatabase | undefined;

afterEach(async () => {
  await globalThis.__stigmavrijPrisma?.client.$disconnect();
  globalThis.__stigmavrijPrisma = undefined;
  vi.unstubAllEnvs();
  vi.resetModules();
  await database?.cleanup();
  database = undefined;
});

async function loadClient(count: string | undefined) {
  database = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", database.url);
  if (count !== undefined) vi.stubEnv("STIGMAVRIJ_SQL_COUNT", count);
  globalThis.__stigmavrijPrisma = undefined;
  vi.resetModules();
  return import("./client.server");
}

describe("sqlStatementCount", () => {
  it("counts every statement the app's client sends when STIGMAVRIJ_SQL_COUNT=1", async () => {
    const { prisma, sqlStatementCount } = await loadClient("1");
    const before = sqlStatementCount();
    await prisma.user.count();
    await prisma.$queryRaw`SELECT 1`;
    expect(before).toBe(0);
    expect(sqlStatementCount()).toBe(2);
  });

  it("counts nothing and reports null unless it is asked for", async () => {
    const { prisma, sqlStatementCount } = await loadClient(undefined);
    await prisma.user.count();
    expect(sqlStatementCount()).toBeNull();
    expect(globalThis.__stigmavrijPrisma?.sqlStatements).toBeUndefined();
  });
});
