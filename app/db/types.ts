import type { Prisma, PrismaClient } from "@prisma/client";

/**
 * The database as server functions receive it: the client itself or the client of a transaction
 * the caller already opened, so a function can take part in its caller's transaction.
 */
export type Db = PrismaClient | Prisma.TransactionClient;
