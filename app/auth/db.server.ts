import type { PrismaClient } from "@prisma/client";

/**
 * Where auth code gets its database from: a client handed in (tests, scripts) or a function that
 * yields one. The default source imports the process-wide client on first use, so importing an
 * auth module opens no database by itself; that keeps unit tests on their own temporary database.
 */
export type DbSource = PrismaClient | (() => Promise<PrismaClient>);

export const appDb = async (): Promise<PrismaClient> => {
  const { prisma, databaseReady } = await import("~/db/client.server");
  await databaseReady();
  return prisma;
};

export function resolveDb(source: DbSource): Promise<PrismaClient> {
  return typeof source === "function" ? source() : Promise.resolve(source);
}
