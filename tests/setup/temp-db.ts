import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";

import { applyPragmas, createPrismaClient } from "../../app/db/client.server";
import { applyMigrationFiles, applyPostgresMigrationFiles } from "../../prisma/apply-migrations";
import { createPostgresDatabase, dropPostgresDatabase, uniqueDatabaseName } from "../../prisma/postgres-databases";
import { databaseProvider } from "../../prisma/providers";

export interface TestDatabase {
  prisma: PrismaClient;
  /** URL of the database (`file:` or `postgresql:`), for code that opens its own connection. */
  url: string;
  /** Disconnects and deletes the database. */
  cleanup(): Promise<void>;
}

/**
 * Test databases are SQLite files, or PostgreSQL databases when DATABASE_URL is a PostgreSQL URL
 * (`npm run test:pg`): each a copy of the template database that tests/setup/postgres-template.ts
 * migrated once for the run.
 */
export function testDatabaseProvider() {
  return databaseProvider(process.env.DATABASE_URL ?? "file:");
}

/** An empty database with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return testDatabaseProvider() === "postgresql" ? createPostgresTestDatabase() : createSqliteTestDatabase();
}

/** A migrated SQLite file also in a PostgreSQL run (tests that compare the two engines). */
export async function createSqliteTestDatabase(): Promise<TestDatabase> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-test-"));
  const file = path.join(directory, "test.db");
  applyMigrationFiles(file);

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

async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const template = process.env.TEST_POSTGRES_TEMPLATE;
  if (!template) throw new Error("no PostgreSQL template database: run PostgreSQL tests with npm run test:pg");
  const name = uniqueDatabaseName("stigmavrij_test");
  const url = await createPostgresDatabase(name, template);
  return postgresTestDatabase(name, url);
}

/**
 * Whether tests that always need PostgreSQL (whatever DATABASE_URL says) can run: `npm test` and
 * `npm run test:pg` set TEST_POSTGRES_URL after making sure a server runs; a plain `npx vitest run`
 * without it skips them.
 */
export const postgresAvailable = Boolean(process.env.TEST_POSTGRES_URL);

/**
 * A migrated, empty PostgreSQL database also in a SQLite run (tests that compare the two engines
 * or race PostgreSQL clients): a copy of the run's template when there is one, else migrated here.
 */
export async function createPostgresDatabaseForTest(): Promise<TestDatabase> {
  if (process.env.TEST_POSTGRES_TEMPLATE) return createPostgresTestDatabase();
  const name = uniqueDatabaseName("stigmavrij_test");
  const url = await createPostgresDatabase(name);
  await applyPostgresMigrationFiles(url);
  return postgresTestDatabase(name, url);
}

function postgresTestDatabase(name: string, url: string): TestDatabase {
  const prisma = createPrismaClient(url);
  return {
    prisma,
    url,
    async cleanup() {
      await prisma.$disconnect();
      await dropPostgresDatabase(name);
    },
  };
}

/**
 * Empties every table, children before parents (most rows also cascade), so each test starts
 * from the same migrated, empty database without paying for a new file.
 */
export async function resetDatabase(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction([
    prisma.auditLog.deleteMany(),
    prisma.throttleEvent.deleteMany(),
    prisma.user.deleteMany(),
    prisma.organisation.deleteMany(),
    prisma.module.deleteMany(),
    // Survey items belong to no module (the shared survey), so they do not cascade; nor do
    // attendance exports and certificate bundles.
    prisma.surveyItem.deleteMany(),
    prisma.attendanceExport.deleteMany(),
    prisma.certificateBundle.deleteMany(),
    prisma.pendingSignup.deleteMany(),
    // Report tables are derived data without relations.
    prisma.reportFact.deleteMany(),
    prisma.reportRollup.deleteMany(),
    prisma.itemRollup.deleteMany(),
    prisma.attitudeRollup.deleteMany(),
    prisma.learningEventOutbox.deleteMany(),
    prisma.job.deleteMany(),
    prisma.lease.deleteMany(),
  ]);
}
