import { Prisma, type PrismaClient } from "@prisma/client";

import { writeAudit } from "~/db/audit.server";
import { dialectOf } from "~/db/dialect.server";
import type { Role } from "~/domain/constants";

export const USERS_PAGE_SIZE = 50;

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  role: string;
  sector: string;
  organisation: string | null;
  createdAt: Date;
}

const USER_ROW_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  sector: true,
  createdAt: true,
  organisation: { select: { name: true } },
} as const;

/**
 * One page of the users whose name or email contains `query` (case-insensitive), newest first.
 * Prisma's `contains` becomes an unescaped LIKE on SQLite, where "%" and "_" typed in the search
 * box would act as wildcards; a substring position matches the text literally.
 */
async function searchUserIds(db: PrismaClient, query: string, page: number) {
  const { textPosition } = dialectOf(db);
  const needle = query.toLowerCase();
  const match = Prisma.sql`${textPosition(Prisma.sql`lower(name)`, needle)} > 0
    OR ${textPosition(Prisma.sql`lower(email)`, needle)} > 0`;
  const [counted, rows] = await Promise.all([
    db.$queryRaw<{ total: bigint | number }[]>`SELECT count(*) AS total FROM "User" WHERE ${match}`,
    db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "User" WHERE ${match}
      ORDER BY "createdAt" DESC LIMIT ${USERS_PAGE_SIZE} OFFSET ${(page - 1) * USERS_PAGE_SIZE}`,
  ]);
  return { total: Number(counted[0]?.total ?? 0), ids: rows.map((r) => r.id) };
}

async function pageOfUsers(db: PrismaClient, page: number, query?: string) {
  if (!query) {
    const [total, users] = await Promise.all([
      db.user.count(),
      db.user.findMany({
        orderBy: { createdAt: "desc" },
        skip: (page - 1) * USERS_PAGE_SIZE,
        take: USERS_PAGE_SIZE,
        select: USER_ROW_SELECT,
      }),
    ]);
    return { total, users };
  }
  const { total, ids } = await searchUserIds(db, query, page);
  const found = await db.user.findMany({ where: { id: { in: ids } }, select: USER_ROW_SELECT });
  const byId = new Map(found.map((u) => [u.id, u]));
  return { total, users: ids.flatMap((id) => byId.get(id) ?? []) };
}

/** Users for the administrator's overview, newest first, optionally filtered by name or email. */
export async function listUsers(
  db: PrismaClient,
  { page, query }: { page: number; query?: string },
): Promise<{ rows: UserListRow[]; total: number; pageCount: number }> {
  const { total, users } = await pageOfUsers(db, page, query);
  return {
    rows: users.map(({ organisation, ...u }) => ({ ...u, organisation: organisation?.name ?? null })),
    total,
    pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
  };
}

export type ChangeRoleResult = { ok: true } | { ok: false; error: "not_found" | "own_role" };

/**
 * Changes a user's role and records who did it. Administrators cannot change their own role, so
 * the last administrator can never lock everyone out.
 */
export async function changeUserRole(
  db: PrismaClient,
  { actorId, userId, role }: { actorId: string; userId: string; role: Role },
): Promise<ChangeRoleResult> {
  if (actorId === userId) return { ok: false, error: "own_role" };
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user) return { ok: false, error: "not_found" };
  if (user.role === role) return { ok: true };
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { role } }),
    writeAudit(db, { actorId, action: "user.role_changed", details: { userId, from: user.role, to: role } }),
  ]);
  return { ok: true };
}
