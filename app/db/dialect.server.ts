import { Prisma, type PrismaClient } from "@prisma/client";

import type { DatabaseProvider } from "../../prisma/providers";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The provider behind a client or an interactive transaction's client. Prisma keeps the generated
 * client's datasource provider on both (an internal field, checked on each provider by
 * app/db/dialect.server.test.ts).
 */
export function providerOf(db: Db): DatabaseProvider {
  const provider = (db as unknown as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  throw new Error(`unsupported database provider: ${String(provider)}`);
}

/**
 * The few SQL fragments that differ between SQLite and PostgreSQL, for the queries Prisma's query
 * API cannot express. Everything else in raw SQL is written to run on both: identifiers in double
 * quotes (PostgreSQL folds unquoted ones to lower case), dates passed as Date parameters (each
 * adapter writes them the way its database stores them), counts read through Number().
 */
export interface SqlDialect {
  /**
   * 1-based position of `needle` in `haystack`, 0 when absent: a literal substring test, where
   * LIKE (Prisma's `contains` on SQLite) would treat "%" and "_" as wildcards.
   */
  textPosition(haystack: Prisma.Sql, needle: string): Prisma.Sql;
  /** `column = value`, ASCII letters compared case-insensitively. */
  equalsIgnoringCase(column: Prisma.Sql, value: string): Prisma.Sql;
}

const SQLITE: SqlDialect = {
  textPosition: (haystack, needle) => Prisma.sql`instr(${haystack}, ${needle})`,
  equalsIgnoringCase: (column, value) => Prisma.sql`${column} = ${value} COLLATE NOCASE`,
};

const POSTGRESQL: SqlDialect = {
  // strpos takes text; the parameter's type is otherwise unknown to PostgreSQL.
  textPosition: (haystack, needle) => Prisma.sql`strpos(${haystack}, ${needle}::text)`,
  equalsIgnoringCase: (column, value) => Prisma.sql`lower(${column}) = lower(${value}::text)`,
};

export function dialectOf(db: Db): SqlDialect {
  return providerOf(db) === "sqlite" ? SQLITE : POSTGRESQL;
}
