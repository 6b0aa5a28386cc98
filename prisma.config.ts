import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

import { databaseUrl, shadowDatabaseUrl } from "./app/db/url";

// Prisma's Rust schema engine cannot be downloaded here; the JS engine with the
// better-sqlite3 adapter runs generate, migrate deploy/diff/status and db push offline.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  adapter: async () =>
    new PrismaBetterSQLite3({ url: databaseUrl() }, { shadowDatabaseUrl: shadowDatabaseUrl() }),
});
