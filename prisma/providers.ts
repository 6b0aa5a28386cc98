// Which database a URL means, and where each provider's schema and migrations live. In prisma/
// (like database-url.ts) because prisma.config.ts needs it in a production install too.

export type DatabaseProvider = "sqlite" | "postgresql";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const SQLITE_MIGRATIONS = "prisma/migrations";
/** Derived from SQLITE_SCHEMA by scripts/postgres-schema.ts; never edited by hand. */
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
export const POSTGRES_MIGRATIONS = "prisma/postgresql/migrations";
/**
 * Prisma generates one client per provider. The PostgreSQL one goes beside the default
 * `.prisma/client`, so it resolves as a package from anywhere (also from build/ and a pruned
 * production install) and is only loaded when a PostgreSQL URL asks for it.
 */
export const POSTGRES_CLIENT_PACKAGE = ".prisma/client-postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL), got "${url.split(":")[0]}:…"`,
  );
}

export function schemaFor(provider: DatabaseProvider): string {
  return provider === "sqlite" ? SQLITE_SCHEMA : POSTGRES_SCHEMA;
}

export function migrationsFor(provider: DatabaseProvider): string {
  return provider === "sqlite" ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
}

const HEADER = `// GENERATED from ${SQLITE_SCHEMA} by \`npm run db:schema\`: edit that file, never this one.\n`;

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`${SQLITE_SCHEMA}: cannot find ${what} to derive the PostgreSQL schema`);
  return text.replace(pattern, replacement);
}

/**
 * The PostgreSQL schema is the SQLite one with another datasource provider and its own client
 * output. The models use no native-type attributes, so they mean the same on both providers
 * (and the two generated clients have identical model types).
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  let schema = replaceOnce(
    sqliteSchema,
    /(generator client \{[^}]*?)(\n\})/,
    `$1\n  output     = "../../node_modules/${POSTGRES_CLIENT_PACKAGE}"$2`,
    "the generator client block",
  );
  schema = replaceOnce(
    schema,
    /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/,
    '$1"postgresql"',
    'the datasource provider "sqlite"',
  );
  schema = replaceOnce(
    schema,
    /(datasource db \{[^}]*?url\s*=\s*)"file:[^"]*"/,
    '$1"postgresql://localhost/stigmavrij"',
    "the datasource url",
  );
  return HEADER + schema;
}
