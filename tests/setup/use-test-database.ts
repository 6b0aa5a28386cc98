import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach } from "vitest";

import { createTestDatabase, resetDatabase, type TestDatabase } from "./temp-db";

/**
 * One migrated SQLite file per test file, emptied before each test. Call at the top of a test
 * file; its hooks run before the file's own, so `database.prisma` is ready in them.
 */
export function useTestDatabase(): { readonly prisma: PrismaClient; readonly url: string } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.cleanup();
  });
  beforeEach(async () => {
    await resetDatabase(current().prisma);
  });
  function current(): TestDatabase {
    if (!database) throw new Error("useTestDatabase: the database is only available inside tests and hooks");
    return database;
  }
  return {
    get prisma() {
      return current().prisma;
    },
    get url() {
      return current().url;
    },
  };
}
