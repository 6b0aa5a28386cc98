import { createHash } from "node:crypto";

import type { PrismaClient } from "@prisma/client";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";

import { resolveDb, type DbSource } from "./db.server";
import { SESSION_USER_SELECT, type UserRow } from "./user";

/** The User columns lucia hands to `getUserAttributes` (registered in lucia.server.ts). */
export type DatabaseUserAttributes = Omit<UserRow, "id">;

/**
 * Session ids are bearer tokens. Only their SHA-256 is stored, so a copy of the database (backup,
 * leaked dump) holds no token that could be replayed as a cookie. A plain hash suffices: the
 * tokens carry 200 bits of entropy, nothing to brute-force.
 */
export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId, "utf8").digest("hex");
}

/**
 * lucia v3 adapter over our Prisma schema. lucia calls most methods with the token from the
 * cookie; the adapter hashes it on the way in and echoes the caller's token on the way out.
 *
 * `getUserSessions` cannot recover tokens, so the sessions it lists carry their stored (hashed)
 * ids. To keep lucia's contract that a listed session can be passed to
 * `lucia.invalidateSession`, `deleteSession` accepts either form: the token (hashed first) or a
 * stored id. The two never collide (a token is 40 base32 characters, a stored id 64 hex ones),
 * and a stored id never validates a session (`getSessionAndUser` always hashes).
 */
export class PrismaSessionAdapter implements Adapter {
  private readonly db: DbSource;

  /** Accepts a client, or a function resolving one so the app singleton is only opened when used. */
  constructor(db: DbSource) {
    this.db = db;
  }

  private client(): Promise<PrismaClient> {
    return resolveDb(this.db);
  }

  async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const db = await this.client();
    const row = await db.session.findUnique({
      where: { id: hashSessionId(sessionId) },
      include: { user: { select: SESSION_USER_SELECT } },
    });
    if (!row) return [null, null];
    const { id: userId, ...attributes } = row.user;
    return [
      { id: sessionId, userId: row.userId, expiresAt: row.expiresAt, attributes: {} },
      { id: userId, attributes },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const db = await this.client();
    const rows = await db.session.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    return rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      expiresAt: row.expiresAt,
      attributes: {},
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const db = await this.client();
    await db.session.create({
      data: { id: hashSessionId(session.id), userId: session.userId, expiresAt: session.expiresAt },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    const db = await this.client();
    // updateMany: a session deleted concurrently (logout in another tab) is not an error.
    await db.session.updateMany({ where: { id: hashSessionId(sessionId) }, data: { expiresAt } });
  }

  /** `sessionId` is a token (logout) or a stored id from `getUserSessions` ("sign out that device"). */
  async deleteSession(sessionId: string): Promise<void> {
    const db = await this.client();
    await db.session.deleteMany({ where: { id: { in: [hashSessionId(sessionId), sessionId] } } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    const db = await this.client();
    await db.session.deleteMany({ where: { userId } });
  }

  async deleteExpiredSessions(): Promise<void> {
    const db = await this.client();
    await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  }
}
