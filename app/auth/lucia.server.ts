import { Lucia, TimeSpan } from "lucia";

import { secureCookies } from "~/config/env.server";

import { PrismaSessionAdapter, type DatabaseUserAttributes } from "./adapter.server";
import { appDb, type DbSource } from "./db.server";
import { toSessionUser } from "./user";

export const SESSION_COOKIE_NAME = "stigmavrij_session";

export const DEFAULT_SESSION_MAX_AGE_HOURS = 30 * 24;
export const DEFAULT_SESSION_IDLE_MINUTES = 7 * 24 * 60;

export interface SessionPolicy {
  /** Absolute lifetime from sign-in, whatever the use. */
  maxAgeHours: number;
  /** A session not used for this long ends. */
  idleMinutes: number;
}

/** SESSION_MAX_AGE_HOURS and SESSION_IDLE_MINUTES (checked by checkEnv); idle never exceeds the lifetime. */
export function sessionPolicy(env: Record<string, string | undefined> = process.env): SessionPolicy {
  const maxAgeHours = Number(env.SESSION_MAX_AGE_HOURS ?? DEFAULT_SESSION_MAX_AGE_HOURS);
  const idleMinutes = Math.min(Number(env.SESSION_IDLE_MINUTES ?? DEFAULT_SESSION_IDLE_MINUTES), maxAgeHours * 60);
  return { maxAgeHours, idleMinutes };
}

/**
 * lucia's expiry is the idle deadline: it slides (and the session turns `fresh`, so the cookie is
 * re-sent) when a session is used in the second half of its idle window, so a session unused for
 * `idleMinutes` has ended (one used again after half of it may already have). The adapter caps
 * every expiry at sign-in + `maxAgeHours`, which sliding cannot pass. Requests validate through
 * `sessions.validateSessionToken` (same rule, one statement); lucia creates, lists and ends sessions.
 */
export function createAuth(db: DbSource, policy: SessionPolicy = sessionPolicy()) {
  const sessions = new PrismaSessionAdapter(db, {
    maxAgeMs: policy.maxAgeHours * 3_600_000,
    idleMs: policy.idleMinutes * 60_000,
  });
  const lucia = new Lucia(sessions, {
    sessionExpiresIn: new TimeSpan(policy.idleMinutes, "m"),
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      attributes: { sameSite: "lax", path: "/", secure: secureCookies() },
    },
    getUserAttributes: (attributes) => {
      // toSessionUser wants an id; lucia adds it itself, so strip it again.
      const { id: _id, ...user } = toSessionUser({ id: "", ...attributes });
      return user;
    },
  });
  return { lucia, sessions };
}

export function createLucia(db: DbSource, policy: SessionPolicy = sessionPolicy()) {
  return createAuth(db, policy).lucia;
}

export type Auth = ReturnType<typeof createAuth>;
export type AppLucia = ReturnType<typeof createLucia>;

/** The app's instance; the database is opened on its first query, not on import. */
export const auth: Auth = createAuth(appDb);

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: DatabaseUserAttributes;
  }
}
