import { Lucia, TimeSpan } from "lucia";

import { secureCookies } from "../env.server";

import { PrismaSessionAdapter, type DatabaseUserAttributes } from "./adapter.server";
import { appDb, type DbSource } from "./db.server";
import { toSessionUser } from "./user";

export const SESSION_COOKIE_NAME = "stigmavrij_session";

/**
 * Sessions last 30 days and slide: lucia extends a session (and marks it `fresh`, so we re-send the
 * cookie) once it is used in the second half of its lifetime.
 */
export function createLucia(db: DbSource) {
  return new Lucia(new PrismaSessionAdapter(db), {
    sessionExpiresIn: new TimeSpan(30, "d"),
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
}

export type AppLucia = ReturnType<typeof createLucia>;

/** The app's instance; the database is opened on its first query, not on import. */
export const lucia: AppLucia = createLucia(appDb);

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: DatabaseUserAttributes;
  }
}
