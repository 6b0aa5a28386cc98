import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Database from "better-sqlite3";
import pg from "pg";

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

/** Migration folder names in the order Prisma applies them. */
export function migrationNames(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Runs every committed migration's SQL on a SQLite file (created if absent). Faster than
 * `prisma migrate deploy` and needs no CLI: for scratch and test databases, which do not need
 * Prisma's migration history table.
 */
export function applyMigrationFiles(file: string, dir = MIGRATIONS_DIR): string[] {
  const names = migrationNames(dir);
  const db = new Database(file);
  try {
    for (const name of names) db.exec(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  } finally {
    db.close();
  }
  return names;
}

export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL("./postgresql/migrations", import.meta.url));

/**
 * The PostgreSQL counterpart of applyMigrationFiles: runs every committed PostgreSQL migration on
 * the (empty) database at `url`, for scratch, template and test databases.
 */
export async function applyPostgresMigrationFiles(url: string, dir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  const names = migrationNames(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of names) await client.query(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  } finally {
    await client.end();
  }
  return names;
}
