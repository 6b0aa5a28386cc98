// `npm run db:drift`: fails when prisma/postgresql/schema.prisma is not derived from
// prisma/schema.prisma, or when either provider's committed migrations do not produce exactly
// the schema (`prisma migrate diff --exit-code` between the migrated scratch database and the
// schema file). The PostgreSQL half needs a server (TEST_POSTGRES_URL, see prisma/postgres-databases.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "../prisma/providers";
import { migrationSql, postgresMigrationsSchema, sqliteMigrationsSchema } from "./migration-tools";

async function main(): Promise<number> {
  let problems = 0;
  const report = (what: string, sql: string) => {
    if (!sql) return console.log(`${what}: no drift`);
    problems++;
    console.error(
      `${what} differ from the schema; npm run db:migration -- <name> writes the missing migration. It would run:\n${sql}`,
    );
  };

  if (fs.readFileSync(POSTGRES_SCHEMA, "utf8") !== derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"))) {
    problems++;
    console.error(`${POSTGRES_SCHEMA} is not derived from ${SQLITE_SCHEMA}: run npm run db:schema`);
  }
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-drift-"));
  try {
    report("SQLite migrations (prisma/migrations)", migrationSql(sqliteMigrationsSchema(scratchDir), SQLITE_SCHEMA));
    report(
      "PostgreSQL migrations (prisma/postgresql/migrations)",
      migrationSql(await postgresMigrationsSchema(scratchDir), POSTGRES_SCHEMA),
    );
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
  return problems ? 1 : 0;
}

process.exitCode = await main();
