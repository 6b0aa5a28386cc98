// What `npm run db:migration` and `npm run db:drift` share. `prisma migrate dev` needs Prisma's
// downloadable schema engine, and with a driver adapter `migrate diff` accepts neither --from-url
// nor a working --from-migrations. So the committed migrations are applied to a scratch database,
// introspected with `prisma db pull` (which the JS engine supports), and that schema is diffed
// against the schema file, datamodel to datamodel.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { applyMigrationFiles } from "../prisma/apply-migrations";
import { withMigratedScratchDatabase } from "../prisma/postgres-databases";

export class PrismaCliError extends Error {}

function prisma(args: string[], env: Record<string, string> = {}): { status: number; stdout: string } {
  try {
    const stdout = execFileSync("npx", ["prisma", ...args], {
      encoding: "utf8",
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { status: 0, stdout };
  } catch (error) {
    const { status, stderr, stdout } = error as { status?: number; stderr?: string; stdout?: string };
    // `migrate diff --exit-code` answers 2 for "there are differences".
    if (status === 2 && args.includes("--exit-code")) return { status, stdout: stdout ?? "" };
    throw new PrismaCliError(`prisma ${args.slice(0, 2).join(" ")} failed:\n${stderr || stdout || String(error)}`);
  }
}

/** Writes the schema of the database at `url` (chosen by prisma.config.ts) to `file`. */
function introspect(url: string, file: string): string {
  const { stdout } = prisma(["db", "pull", "--print"], { DATABASE_URL: url });
  // `db pull --print` prefixes the schema with a driver-adapter warning on stdout.
  fs.writeFileSync(file, stdout.slice(Math.max(0, stdout.search(/^(generator|datasource) /m))));
  return file;
}

/** The schema the committed SQLite migrations produce, as a schema file in `dir`. */
export function sqliteMigrationsSchema(dir: string): string {
  const scratch = path.join(dir, "scratch.db");
  applyMigrationFiles(scratch);
  return introspect(`file:${scratch}`, path.join(dir, "sqlite-migrations.prisma"));
}

/** The schema the committed PostgreSQL migrations produce (on a scratch database), in `dir`. */
export function postgresMigrationsSchema(dir: string): Promise<string> {
  return withMigratedScratchDatabase((url) => introspect(url, path.join(dir, "postgresql-migrations.prisma")));
}

/** The SQL that takes a database from schema `from` to schema `to` ("" when they match). */
export function migrationSql(from: string, to: string): string {
  const { status, stdout } = prisma([
    "migrate",
    "diff",
    "--from-schema-datamodel",
    from,
    "--to-schema-datamodel",
    to,
    "--script",
    "--exit-code",
  ]);
  return status === 0 ? "" : stdout;
}
