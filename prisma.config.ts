import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

import { databaseUrl } from "./prisma/database-url";
import { postgresCliAdapter } from "./prisma/postgres-cli-adapter";
import { databaseProvider, migrationsFor, schemaFor } from "./prisma/providers";

// Prisma's Rust schema engine cannot be downloaded here; the JS engine with a driver adapter
// runs generate, migrate deploy/status, db push/pull and a schema-to-schema migrate diff offline
// (scripts/new-migration.ts builds new migrations from those). DATABASE_URL chooses the provider:
// `file:` is SQLite (prisma/schema.prisma, prisma/migrations), `postgres://` is PostgreSQL
// (the derived prisma/postgresql/schema.prisma and its own migrations).
const url = databaseUrl();
const provider = databaseProvider(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: schemaFor(provider),
  migrations: { path: migrationsFor(provider), seed: "tsx prisma/seed.ts" },
  adapter: async () => (provider === "sqlite" ? new PrismaBetterSQLite3({ url }) : postgresCliAdapter(url)),
});
