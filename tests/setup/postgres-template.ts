import { applyPostgresMigrationFiles } from "../../prisma/apply-migrations";
import { createPostgresDatabase, dropPostgresDatabase, uniqueDatabaseName } from "../../prisma/postgres-databases";
import { databaseProvider } from "../../prisma/providers";

/**
 * vitest global setup: on PostgreSQL (`npm run test:pg`), migrates one template database for the
 * run; every test database is then a `CREATE DATABASE … TEMPLATE` copy of it, which is much faster
 * than migrating each one. Does nothing on SQLite.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (databaseProvider(process.env.DATABASE_URL ?? "file:") !== "postgresql") return undefined;
  const template = uniqueDatabaseName("stigmavrij_template");
  await applyPostgresMigrationFiles(await createPostgresDatabase(template));
  process.env.TEST_POSTGRES_TEMPLATE = template;
  return () => dropPostgresDatabase(template);
}
