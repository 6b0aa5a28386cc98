import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { PrismaClient } from "@prisma/client";
import Database from "better-sqlite3";

import { applyPragmas, createPrismaClient } from "../../app/db/client.server";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface TestDatabase {
  prisma: PrismaClient;
  /** `file:` URL of the database, for code that opens its own connection. */
  url: string;
  /** Disconnects and deletes the database file. */
  cleanup(): Promise<void>;
}

/** An empty database in os.tmpdir() with every migration in prisma/migrations applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-test-"));
  const file = path.join(directory, "test.db");
  await applyMigrations(file);

  const url = `file:${file}`;
  const prisma = createPrismaClient(url);
  await applyPragmas(prisma);
  return {
    prisma,
    url,
    async cleanup() {
      await prisma.$disconnect();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Runs the migration SQL directly: faster than `prisma migrate deploy` and needs no CLI. */
async function applyMigrations(file: string): Promise<void> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  const migrations = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const db = new Database(file);
  try {
    for (const name of migrations) {
      db.exec(await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"));
    }
  } finally {
    db.close();
  }
}
