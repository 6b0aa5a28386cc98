import { Prisma } from "@prisma/client";

/**
 * Whether `error` is Prisma's unique-constraint violation (P2002). With `field`, only a violation
 * of an index on that column counts; the SQLite driver adapter does not always name the index, so
 * an unnamed one counts too (callers pass the field only where it is the one unique column they
 * write).
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (field === undefined) return true;
  const target = (error.meta as { target?: unknown } | undefined)?.target;
  return target === undefined || JSON.stringify(target).includes(field);
}
