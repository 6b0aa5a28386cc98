import { createRequire } from "node:module";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

import type * as PostgresClientModule from ".prisma/client-postgresql";
import { databaseProvider, POSTGRES_CLIENT_PACKAGE } from "../../prisma/providers";

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;
type SqlQuery = Parameters<SqlDriverAdapter["queryRaw"]>[0];
type SqlQueryable = Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">;

/** What a client sent to the database since the last `reset()`. */
export interface StatementLog {
  /** SQL statements in order (transaction control excluded), for readable failures. */
  statements: string[];
  /** Transactions opened. */
  transactions: number;
  /** Statements that change data (anything but SELECT). */
  writes(): string[];
  reset(): void;
}

/**
 * Hooks into the driver adapter, below Prisma's query compiler, so a count includes everything
 * Prisma generates for one call (a relation `include` is two statements on SQLite, for example).
 */
function observe<T extends SqlQueryable>(queryable: T, log: StatementLog): T {
  const record = (query: SqlQuery) => {
    log.statements.push(query.sql.replace(/\s+/g, " ").trim());
  };
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: SqlQuery) => {
          record(query);
          return (value as (query: SqlQuery) => Promise<unknown>).call(target, query);
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => {
          log.transactions += 1;
          const transaction = await (value as (...a: unknown[]) => Promise<Transaction>).apply(target, args);
          return observe(transaction, log);
        };
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A Prisma client on `url` whose statements are recorded in the returned log. */
export function createCountingClient(url: string): { prisma: PrismaClient; log: StatementLog } {
  const log: StatementLog = {
    statements: [],
    transactions: 0,
    writes() {
      return this.statements.filter((sql) => !/^(SELECT|PRAGMA|WITH\b[\s\S]*\bSELECT)/i.test(sql));
    },
    reset() {
      this.statements = [];
      this.transactions = 0;
    },
  };
  if (databaseProvider(url) === "postgresql") {
    const factory = new PrismaPg({ connectionString: url });
    const counting: Pick<PrismaPg, "provider" | "adapterName" | "connect"> = {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => observe(await factory.connect(), log),
    };
    // The PostgreSQL client is generated apart (app/db/client.server.ts loads it the same way).
    const { PrismaClient: PostgresPrismaClient } = createRequire(import.meta.url)(
      POSTGRES_CLIENT_PACKAGE,
    ) as typeof PostgresClientModule;
    return { prisma: new PostgresPrismaClient({ adapter: counting }) as unknown as PrismaClient, log };
  }
  const factory = new PrismaBetterSQLite3({ url });
  const counting: Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect"> = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async (): Promise<SqlDriverAdapter> => observe(await factory.connect(), log),
  };
  return { prisma: new PrismaClient({ adapter: counting }), log };
}
