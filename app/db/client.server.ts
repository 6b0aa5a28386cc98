import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";

import { databaseUrl } from "../../prisma/database-url";

/**
 * WAL + synchronous=NORMAL is about 4x faster for single-row writes than the default rollback
 * journal and stays crash-safe; SQLite leaves foreign keys off unless asked. The adapter keeps a
 * single better-sqlite3 connection, so pragmas set through it hold for every later query.
 */
const PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 5000",
];

export function createPrismaClient(url = databaseUrl()) {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

export async function applyPragmas(client: PrismaClient) {
  for (const pragma of PRAGMAS) await client.$queryRawUnsafe(pragma);
}

declare global {
  var __stigmavrijPrisma: { client: PrismaClient; ready?: Promise<void>; sqlStatements?: number } | undefined;
}

/**
 * Benchmark aid (`npm run bench:http`): with STIGMAVRIJ_SQL_COUNT=1 the app's client counts the
 * SQL statements it sends, which /healthz then reports. Off unless set, because a query event on
 * every statement costs time a production server should not spend.
 */
const COUNT_SQL = process.env.STIGMAVRIJ_SQL_COUNT === "1";

function singleton() {
  globalThis.__stigmavrijPrisma ??= { client: COUNT_SQL ? countingPrismaClient() : createPrismaClient() };
  return globalThis.__stigmavrijPrisma;
}

function countingPrismaClient(): PrismaClient {
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: databaseUrl() }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", () => {
    const state = globalThis.__stigmavrijPrisma;
    if (state) state.sqlStatements = (state.sqlStatements ?? 0) + 1;
  });
  return client;
}

/** SQL statements the app's client has sent since start, or null unless STIGMAVRIJ_SQL_COUNT=1. */
export function sqlStatementCount(): number | null {
  return COUNT_SQL ? (globalThis.__stigmavrijPrisma?.sqlStatements ?? 0) : null;
}

/** One client per process (kept across dev-server rebuilds); it connects on first use. */
export const prisma: PrismaClient = singleton().client;

/** Applies the connection pragmas once; server.js awaits it before it listens. */
export function databaseReady(): Promise<void> {
  const state = singleton();
  state.ready ??= applyPragmas(state.client);
  return state.ready;
}
