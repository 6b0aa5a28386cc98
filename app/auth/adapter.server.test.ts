import type { PrismaClient } from "@prisma/client";
import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";

import { PrismaSessionAdapter, hashSessionId } from "./adapter.server";
import { createLucia, sessionPolicy } from "./lucia.server";

const DAY = 24 * 60 * 60 * 1000;

const database = useTestDatabase();
let prisma: PrismaClient;
let userId: string;

beforeEach(async () => {
  prisma = database.prisma;
  const user = await prisma.user.create({
    data: {
      email: "ada@example.org",
      name: "Ada",
      passwordHash: "x",
      role: "trainer",
      locale: "en",
      sector: "care",
    },
  });
  userId = user.id;
});

describe("PrismaSessionAdapter through lucia", () => {
  it("stores only the SHA-256 of the session token", async () => {
    const lucia = createLucia(prisma);
    const session = await lucia.createSession(userId, {});
    const rows = await prisma.session.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(hashSessionId(session.id));
    expect(rows[0]?.id).not.toBe(session.id);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("validates with the token and returns it, with the user's attributes", async () => {
    const lucia = createLucia(prisma);
    const created = await lucia.createSession(userId, {});
    const { session, user } = await lucia.validateSession(created.id);
    expect(session?.id).toBe(created.id);
    expect(session?.fresh).toBe(false);
    expect(user).toEqual({
      id: userId,
      email: "ada@example.org",
      name: "Ada",
      role: "trainer",
      locale: "en",
      sector: "care",
      organisationId: null,
    });
  });

  it("does not accept the stored hash as a token (a leaked table is useless)", async () => {
    const lucia = createLucia(prisma);
    await lucia.createSession(userId, {});
    const stored = (await prisma.session.findFirstOrThrow()).id;
    const { session } = await lucia.validateSession(stored);
    expect(session).toBeNull();
    expect(await prisma.session.count()).toBe(1);
  });

  it("extends a session used in the second half of its life", async () => {
    const lucia = createLucia(prisma);
    const created = await lucia.createSession(userId, {});
    const nearlyExpired = new Date(Date.now() + 2 * DAY);
    await prisma.session.updateMany({ data: { expiresAt: nearlyExpired } });
    const { session } = await lucia.validateSession(created.id);
    expect(session?.fresh).toBe(true);
    const row = await prisma.session.findFirstOrThrow();
    // The default idle window is 7 days; sliding starts it again.
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * DAY);
  });

  it("rejects and deletes an expired session", async () => {
    const lucia = createLucia(prisma);
    const created = await lucia.createSession(userId, {});
    await prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const { session } = await lucia.validateSession(created.id);
    expect(session).toBeNull();
    expect(await prisma.session.count()).toBe(0);
  });

  it("deletes a session by token", async () => {
    const lucia = createLucia(prisma);
    const keep = await lucia.createSession(userId, {});
    const drop = await lucia.createSession(userId, {});
    await lucia.invalidateSession(drop.id);
    expect((await lucia.validateSession(drop.id)).session).toBeNull();
    expect((await lucia.validateSession(keep.id)).session).not.toBeNull();
  });

  it("deletes all sessions of a user", async () => {
    const lucia = createLucia(prisma);
    await lucia.createSession(userId, {});
    await lucia.createSession(userId, {});
    await lucia.invalidateUserSessions(userId);
    expect(await prisma.session.count()).toBe(0);
  });

  it("cleans up expired sessions only", async () => {
    const lucia = createLucia(prisma);
    const live = await lucia.createSession(userId, {});
    const old = await lucia.createSession(userId, {});
    await prisma.session.update({
      where: { id: hashSessionId(old.id) },
      data: { expiresAt: new Date(Date.now() - DAY) },
    });
    await lucia.deleteExpiredSessions();
    const ids = (await prisma.session.findMany()).map((row) => row.id);
    expect(ids).toEqual([hashSessionId(live.id)]);
  });

  it("removes sessions when their user is deleted", async () => {
    const lucia = createLucia(prisma);
    await lucia.createSession(userId, {});
    await prisma.user.delete({ where: { id: userId } });
    expect(await prisma.session.count()).toBe(0);
  });

  it("lists a user's sessions under their stored ids, and invalidating a listed session ends it", async () => {
    const lucia = createLucia(prisma);
    const keep = await lucia.createSession(userId, {});
    const drop = await lucia.createSession(userId, {});
    const listed = await lucia.getUserSessions(userId);
    expect(listed.map((s) => s.id).sort()).toEqual([hashSessionId(keep.id), hashSessionId(drop.id)].sort());

    const listedDrop = listed.find((s) => s.id === hashSessionId(drop.id));
    await lucia.invalidateSession(listedDrop!.id);
    expect((await lucia.validateSession(drop.id)).session).toBeNull();
    expect((await lucia.validateSession(keep.id)).session).not.toBeNull();
    expect(await lucia.getUserSessions(userId)).toHaveLength(1);
  });

  it("resolves a lazily supplied client only when used", async () => {
    let opened = 0;
    const adapter = new PrismaSessionAdapter(async () => {
      opened += 1;
      return prisma;
    });
    expect(opened).toBe(0);
    expect(await adapter.getSessionAndUser("missing")).toEqual([null, null]);
    expect(opened).toBe(1);
  });
});

describe("session lifetime and idle timeout", () => {
  const MINUTE = 60 * 1000;
  const policy = { maxAgeHours: 1, idleMinutes: 30 };

  /** Moves a session's clock back: as if it was created `ago` ms earlier and its expiry set then. */
  async function age(sessionId: string, ago: number) {
    const row = await prisma.session.findUniqueOrThrow({ where: { id: hashSessionId(sessionId) } });
    await prisma.session.update({
      where: { id: row.id },
      data: { createdAt: new Date(row.createdAt.getTime() - ago), expiresAt: new Date(row.expiresAt.getTime() - ago) },
    });
  }

  it("reads SESSION_MAX_AGE_HOURS and SESSION_IDLE_MINUTES, with documented defaults and idle within the lifetime", () => {
    expect(sessionPolicy({})).toEqual({ maxAgeHours: 720, idleMinutes: 10080 });
    expect(sessionPolicy({ SESSION_MAX_AGE_HOURS: "8", SESSION_IDLE_MINUTES: "15" })).toEqual({
      maxAgeHours: 8,
      idleMinutes: 15,
    });
    expect(sessionPolicy({ SESSION_MAX_AGE_HOURS: "1", SESSION_IDLE_MINUTES: "600" })).toEqual({
      maxAgeHours: 1,
      idleMinutes: 60,
    });
  });

  it("ends a session unused for the idle time, long before its lifetime", async () => {
    const lucia = createLucia(prisma, policy);
    const session = await lucia.createSession(userId, {});
    await age(session.id, 31 * MINUTE);
    expect((await lucia.validateSession(session.id)).session).toBeNull();
    expect(await prisma.session.count()).toBe(0);
  });

  it("keeps a session in use alive and gives its cookie the idle time as lifetime", async () => {
    const lucia = createLucia(prisma, policy);
    const session = await lucia.createSession(userId, {});
    await age(session.id, 20 * MINUTE);
    const { session: used } = await lucia.validateSession(session.id);
    expect(used?.fresh).toBe(true);
    const row = await prisma.session.findFirstOrThrow();
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * MINUTE);
    expect(lucia.createSessionCookie(session.id).attributes.maxAge).toBe(30 * 60);
  });

  it("ends a session at its lifetime however recently it was used", async () => {
    const lucia = createLucia(prisma, policy);
    const session = await lucia.createSession(userId, {});
    // Created 50 minutes ago and used all along: sliding may not carry it past the hour.
    await age(session.id, 50 * MINUTE);
    await prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() + 25 * MINUTE) } });
    expect((await lucia.validateSession(session.id)).session).not.toBeNull();
    const row = await prisma.session.findFirstOrThrow();
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(row.createdAt.getTime() + 60 * MINUTE);

    await age(session.id, 11 * MINUTE);
    await prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() + 25 * MINUTE) } });
    expect((await lucia.validateSession(session.id)).session).toBeNull();
    expect(await prisma.session.count()).toBe(0);
  });

  it("cleans up sessions past their lifetime", async () => {
    const lucia = createLucia(prisma, policy);
    const live = await lucia.createSession(userId, {});
    const old = await lucia.createSession(userId, {});
    await age(old.id, 61 * MINUTE);
    await prisma.session.update({
      where: { id: hashSessionId(old.id) },
      data: { expiresAt: new Date(Date.now() + 10 * MINUTE) },
    });
    await lucia.deleteExpiredSessions();
    expect((await prisma.session.findMany()).map((row) => row.id)).toEqual([hashSessionId(live.id)]);
  });
});
