import { createHash } from "node:crypto";

import { Prisma, type PrismaClient } from "@prisma/client";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";

import { resolveDb, type DbSource } from "./db.server";
import type { UserRow } from "./user";

/** The User columns lucia hands to `getUserAttributes` (registered in lucia.server.ts). */
export type DatabaseUserAttributes = Omit<UserRow, "id">;

/** A session token checked against the database, with its user. */
export interface ValidatedSession {
  /** The token from the cookie (never the stored hash). */
  id: string;
  userId: string;
  expiresAt: Date;
  /** The expiry was just extended: send the cookie again so its own expiry slides too. */
  fresh: boolean;
  user: UserRow;
}

/** A session joined with its user's columns (the user's id is the session's userId). */
type SessionUserRow = Omit<UserRow, "id"> & { userId: string; expiresAt: Date; createdAt: Date };

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
  private readonly idleMs: number;

  /**
   * Accepts a client, or a function resolving one so the app singleton is only opened when used.
   * `maxAgeMs` is the absolute lifetime: no expiry this adapter reports or stores lies further
   * than that after the session's creation, so lucia's sliding renewal cannot extend past it.
   * `idleMs` is the idle window `validateSessionToken` slides (lucia's `sessionExpiresIn`).
   */
  constructor(db: DbSource, options: { maxAgeMs?: number; idleMs?: number } = {}) {
    this.db = db;
    this.maxAgeMs = options.maxAgeMs ?? Number.POSITIVE_INFINITY;
    this.idleMs = options.idleMs ?? 30 * 24 * 3_600_000;
  }

  private capped(expiresAt: Date, createdAt: Date): Date {
    const limit = createdAt.getTime() + this.maxAgeMs;
    return expiresAt.getTime() > limit ? new Date(limit) : expiresAt;
  }

  private client(): Promise<PrismaClient> {
    return resolveDb(this.db);
  }

  /**
   * The session and its user in one statement: this runs on every request, and Prisma's
   * `include` would be two (SQLite has no relation joins in Prisma 6). Portable SQL, quoted
   * identifiers, so it runs unchanged on PostgreSQL.
   */
  private async findSessionWithUser(db: PrismaClient, sessionId: string): Promise<SessionUserRow | null> {
    const rows = await db.$queryRaw<SessionUserRow[]>(Prisma.sql`
      SELECT s."userId", s."expiresAt", s."createdAt",
             u."email", u."name", u."role", u."locale", u."sector", u."organisationId"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${hashSessionId(sessionId)}`);
    return rows[0] ?? null;
  }

  private static userOf(row: SessionUserRow): UserRow {
    const { email, name, role, locale, sector, organisationId } = row;
    return { id: row.userId, email, name, role, locale, sector, organisationId };
  }

  async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = await this.findSessionWithUser(await this.client(), sessionId);
    if (!row) return [null, null];
    const { id: userId, ...attributes } = PrismaSessionAdapter.userOf(row);
    return [
      { id: sessionId, userId: row.userId, expiresAt: this.capped(row.expiresAt, row.createdAt), attributes: {} },
      { id: userId, attributes },
    ];
  }

  /**
   * What every request runs (instead of lucia's `validateSession`): one read for a valid
   * session and nothing written, except when the session is in the second half of its idle window
   * and extending it actually moves its expiry (one UPDATE, so at most once per half idle window).
   * lucia would extend a session that has reached its absolute lifetime on every request, with an
   * extra read for the cap each time; here it simply runs out. An expired session is deleted.
   */
  async validateSessionToken(sessionId: string, now = new Date()): Promise<ValidatedSession | null> {
    const db = await this.client();
    const row = await this.findSessionWithUser(db, sessionId);
    if (!row) return null;
    const id = hashSessionId(sessionId);
    const expiresAt = this.capped(row.expiresAt, row.createdAt);
    if (now.getTime() >= expiresAt.getTime()) {
      await db.session.deleteMany({ where: { id } });
      return null;
    }
    const session = { id: sessionId, userId: row.userId, user: PrismaSessionAdapter.userOf(row) };
    const extended = this.capped(new Date(now.getTime() + this.idleMs), row.createdAt);
    const secondHalf = now.getTime() >= expiresAt.getTime() - this.idleMs / 2;
    if (!secondHalf || extended.getTime() <= expiresAt.getTime()) return { ...session, expiresAt, fresh: false };
    // Raw, because Prisma wraps even a one-row updateMany in a transaction (BEGIN … COMMIT).
    await db.$executeRaw(Prisma.sql`UPDATE "Session" SET "expiresAt" = ${extended} WHERE "id" = ${id}`);
    return { ...session, expiresAt: extended, fresh: true };
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
