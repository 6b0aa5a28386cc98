// Creates a migration offline: `npm run db:migration -- <name>`.
// `prisma migrate dev` needs Prisma's downloadable schema engine, and with a driver adapter
// `migrate diff` accepts neither --from-url nor a working --from-migrations. So: apply the
// committed migrations to a scratch database, introspect it with `prisma db pull` (which the JS
// engine supports), and diff that schema against prisma/schema.prisma.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { applyMigrationFiles, MIGRATIONS_DIR } from "../prisma/apply-migrations";

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

function prisma(args: string[], env: Record<string, string> = {}): string {
  try {
    return execFileSync("npx", ["prisma", ...args], {
      encoding: "utf8",
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    fail(`prisma ${args.slice(0, 2).join(" ")} failed:\n${stderr || stdout || String(error)}`);
  }
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

function main() {
  const name = migrationName();
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-migration-"));
  const scratch = path.join(scratchDir, "scratch.db");
  try {
    const applied = applyMigrationFiles(scratch);
    console.log(`applied ${applied.length} existing migration(s) to a scratch database`);
    console.log("introspecting it…");
    const pulled = path.join(scratchDir, "current.prisma");
    const introspected = prisma(["db", "pull", "--print"], { DATABASE_URL: `file:${scratch}` });
    // `db pull --print` prefixes the schema with a driver-adapter warning on stdout.
    fs.writeFileSync(pulled, introspected.slice(Math.max(0, introspected.search(/^(generator|datasource) /m))));
    console.log("diffing against prisma/schema.prisma…");
    const sql = prisma([
      "migrate",
      "diff",
      "--from-schema-datamodel",
      pulled,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ]);
    if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE|DELETE)/im.test(sql)) {
      console.log("no schema changes: nothing to write");
      return;
    }
    const dir = path.join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(
      `wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then run npx prisma migrate deploy`,
    );
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

main();
