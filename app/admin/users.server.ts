import type { PrismaClient } from "@prisma/client";

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

/** Users for the administrator's overview, newest first, optionally filtered by name or email. */
export async function listUsers(
  db: PrismaClient,
  { page, query }: { page: number; query?: string },
): Promise<{ rows: UserListRow[]; total: number; pageCount: number }> {
  const where = query
    ? { OR: [{ name: { contains: query } }, { email: { contains: query.toLowerCase() } }] }
    : {};
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        sector: true,
        createdAt: true,
        organisation: { select: { name: true } },
      },
    }),
  ]);
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
    db.auditLog.create({
      data: { userId: actorId, action: "user.role_changed", details: JSON.stringify({ userId, from: user.role, to: role }) },
    }),
  ]);
  return { ok: true };
}
