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
  var __stigmavrijPrisma: { client: PrismaClient; ready?: Promise<void> } | undefined;
}

function singleton() {
  globalThis.__stigmavrijPrisma ??= { client: createPrismaClient() };
  return globalThis.__stigmavrijPrisma;
}

/** One client per process (kept across dev-server rebuilds); it connects on first use. */
export const prisma: PrismaClient = singleton().client;

/** Applies the connection pragmas once; server.js awaits it before it listens. */
export function databaseReady(): Promise<void> {
  const state = singleton();
  state.ready ??= applyPragmas(state.client);
  return state.ready;
}
