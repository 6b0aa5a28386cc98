import { randomBytes } from "node:crypto";

import pg from "pg";

import { applyPostgresMigrationFiles } from "./apply-migrations";

/**
 * The PostgreSQL server that tests and the migration scripts create their scratch databases on:
 * a role allowed to create databases, connected to a maintenance database. `npm run test:pg`
 * (scripts/pg-test.sh) creates this default role on a local server.
 */
export function postgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://stigmavrij:stigmavrij@localhost:5432/postgres";
}

/** The admin URL with another database name. */
export function postgresUrlFor(database: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `cannot reach PostgreSQL at ${new URL(postgresAdminUrl()).host} (set TEST_POSTGRES_URL, or run npm run test:pg once to set up a local server): ${(error as Error).message}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `name`, empty or as a copy of `template` (which nobody may be connected to). */
export async function createPostgresDatabase(name: string, template?: string): Promise<string> {
  await withAdmin((client) =>
    client.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ""}`,
    ),
  );
  return postgresUrlFor(name);
}

/** Drops `name`, closing any connection a crashed run left open. */
export async function dropPostgresDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

/** Runs `work` on a new database with every PostgreSQL migration applied, then drops it. */
export async function withMigratedScratchDatabase<T>(work: (url: string) => Promise<T> | T): Promise<T> {
  const name = uniqueDatabaseName("stigmavrij_scratch");
  const url = await createPostgresDatabase(name);
  try {
    await applyPostgresMigrationFiles(url);
    return await work(url);
  } finally {
    await dropPostgresDatabase(name);
  }
}
