import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";

import { applyPragmas, createPrismaClient } from "../../app/db/client.server";
import { applyMigrationFiles } from "../../prisma/apply-migrations";

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
