import { createRequire } from "node:module";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "@prisma/client";
import type * as PostgresClientModule from ".prisma/client-postgresql";

import { databaseUrl } from "../../prisma/database-url";
import { databaseProvider, POSTGRES_CLIENT_PACKAGE } from "../../prisma/providers";

import { providerOf } from "./dialect.server";

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

/**
 * Prisma generates a client per provider (prisma/postgresql/schema.prisma is derived from the
 * SQLite schema). Both have the same model types, so the PostgreSQL client is used as the one
 * PrismaClient type. It is loaded only for a PostgreSQL URL, and by a runtime require so the
 * server bundle leaves it in node_modules.
 */
function createPostgresClient(url: string, options: ClientOptions): PrismaClient {
  const require = createRequire(import.meta.url);
  const { PrismaClient: PostgresPrismaClient } = require(POSTGRES_CLIENT_PACKAGE) as typeof PostgresClientModule;
  // Required here, not imported at the top: pg and its adapter cost a SQLite server ~0.1 s of CPU at start.
  const { PrismaPg: PostgresAdapter } = require("@prisma/adapter-pg") as { PrismaPg: typeof PrismaPg };
  const client = new PostgresPrismaClient({ ...options, adapter: new PostgresAdapter({ connectionString: url }) });
  // TypeScript cannot relate the two clients' generic extension hooks ($extends), though every
  // model, field and query argument matches; app/db/client-types.test.ts checks exactly those.
  return client as unknown as PrismaClient;
}

/**
 * The SQLite adapter, with its transactions begun IMMEDIATE (it sends a plain, deferred BEGIN).
 * With several processes on one file (WEB_CONCURRENCY), a deferred transaction that reads and then
 * writes cannot upgrade to a writer once another process has written since its read, and fails
 * at once with SQLITE_BUSY, without waiting: the learner would get a 500. BEGIN IMMEDIATE takes
 * the write lock up front, waiting up to busy_timeout for the other process to commit.
 */
function sqliteAdapter(url: string): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const connection = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client;
    const prepare = connection.prepare.bind(connection);
    connection.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  };
  return factory;
}

/** Client options besides the adapter (the benchmark's statement counter asks for query events). */
type ClientOptions = { log?: [{ emit: "event"; level: "query" }] };

/** A client for `url`: SQLite for `file:`, PostgreSQL for `postgres://` / `postgresql://`. */
export function createPrismaClient(url = databaseUrl(), options: ClientOptions = {}): PrismaClient {
  return databaseProvider(url) === "sqlite"
    ? new PrismaClient({ ...options, adapter: sqliteAdapter(url) })
    : createPostgresClient(url, options);
}

/** SQLite's connection pragmas; PostgreSQL's defaults need no per-connection settings. */
export async function applyPragmas(client: PrismaClient) {
  if (providerOf(client) !== "sqlite") return;
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
  const client = createPrismaClient(databaseUrl(), { log: [{ emit: "event", level: "query" }] }) as PrismaClient<
    Prisma.PrismaClientOptions,
    "query"
  >;
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
