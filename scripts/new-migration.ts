// Creates a migration offline for both providers: `npm run db:migration -- <name>`.
// SQLite: the committed migrations are applied to a scratch database, introspected, and diffed
// against prisma/schema.prisma (see scripts/migration-tools.ts). PostgreSQL: the PostgreSQL schema
// is derived again from prisma/schema.prisma, and the same introspected state, read as a
// PostgreSQL schema, is diffed against it, so no PostgreSQL server is needed; `npm run db:drift`
// then checks the result against a real one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR } from "../prisma/apply-migrations";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "../prisma/providers";
import { migrationSql, PrismaCliError, sqliteMigrationsSchema } from "./migration-tools";

function fail(message: string): never {
  console.error(`db:migration: ${message}`);
  process.exit(1);
}

function migrationName(): string {
  const name = process.argv[2];
  if (!name) fail("give the migration a name, e.g. npm run db:migration -- add_certificates");
  if (!/^[a-z0-9_]+$/.test(name)) fail(`"${name}" must be lowercase letters, digits and underscores`);
  return name;
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

function writeMigration(migrationsDir: string, folder: string, sql: string) {
  const dir = path.join(migrationsDir, folder);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

function main() {
  const name = migrationName();
  fs.writeFileSync(POSTGRES_SCHEMA, derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-migration-"));
  try {
    console.log("applying the committed migrations to a scratch database and introspecting it…");
    const current = sqliteMigrationsSchema(scratchDir);
    const currentAsPostgres = path.join(scratchDir, "current-postgresql.prisma");
    fs.writeFileSync(currentAsPostgres, derivePostgresSchema(fs.readFileSync(current, "utf8")));

    const sqlite = migrationSql(current, SQLITE_SCHEMA);
    const postgres = migrationSql(currentAsPostgres, POSTGRES_SCHEMA);
    if (!sqlite && !postgres) {
      console.log("no schema changes: nothing to write");
      return;
    }
    // One folder name for both, so the two histories stay in step.
    const folder = `${timestamp()}_${name}`;
    if (sqlite) writeMigration(MIGRATIONS_DIR, folder, sqlite);
    if (postgres) writeMigration(POSTGRES_MIGRATIONS_DIR, folder, postgres);
    console.log("review them, then run npx prisma migrate deploy (and npm run db:drift)");
  } catch (error) {
    if (error instanceof PrismaCliError) fail(error.message);
    throw error;
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

main();
