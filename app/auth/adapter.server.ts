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
  private readonly maxAgeMs: number;

  /**
   * Accepts a client, or a function resolving one so the app singleton is only opened when used.
   * `maxAgeMs` is the absolute lifetime: no expiry this adapter reports or stores lies further
   * than that after the session's creation, so lucia's sliding renewal cannot extend past it.
   */
  constructor(db: DbSource, options: { maxAgeMs?: number } = {}) {
    this.db = db;
    this.maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
  }

  private capped(expiresAt: Date, createdAt: Date): Date {
    const limit = createdAt.getTime() + this.maxAgeMs;
    return expiresAt.getTime() > limit ? new Date(limit) : expiresAt;
  }

  private client(): Promise<PrismaClient> {
    return resolveDb(this.db);
  }

  async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const db = await this.client();
    const row = await db.session.findUnique({
      where: { id: hashSessionId(sessionId) },
      include: { user: { select: SESSION_USER_SELECT } },
    });
    if (!row) return [null, null];
    const { id: userId, ...attributes } = row.user;
    return [
      { id: sessionId, userId: row.userId, expiresAt: this.capped(row.expiresAt, row.createdAt), attributes: {} },
      { id: userId, attributes },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const db = await this.client();
    const rows = await db.session.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    return rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      expiresAt: this.capped(row.expiresAt, row.createdAt),
      attributes: {},
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const db = await this.client();
    const createdAt = new Date();
    await db.session.create({
      data: {
        id: hashSessionId(session.id),
        userId: session.userId,
        expiresAt: this.capped(session.expiresAt, createdAt),
        createdAt,
      },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    const db = await this.client();
    const id = hashSessionId(sessionId);
    const row = await db.session.findUnique({ where: { id }, select: { createdAt: true } });
    // Gone already (logout in another tab): nothing to extend, and not an error.
    if (!row) return;
    await db.session.updateMany({ where: { id }, data: { expiresAt: this.capped(expiresAt, row.createdAt) } });
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
    const now = new Date();
    const or: { expiresAt?: { lte: Date }; createdAt?: { lte: Date } }[] = [{ expiresAt: { lte: now } }];
    if (Number.isFinite(this.maxAgeMs)) or.push({ createdAt: { lte: new Date(now.getTime() - this.maxAgeMs) } });
    await db.session.deleteMany({ where: { OR: or } });
  }
}
