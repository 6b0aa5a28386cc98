import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

import { databaseUrl } from "./prisma/database-url";

// Prisma's Rust schema engine cannot be downloaded here; the JS engine with the
// better-sqlite3 adapter runs generate, migrate deploy/status, db push/pull and a schema-to-schema
// migrate diff offline (scripts/new-migration.ts builds new migrations from those).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  adapter: async () => new PrismaBetterSQLite3({ url: databaseUrl() }),
});
