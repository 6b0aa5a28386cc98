import { redirect } from "@remix-run/node";
import type { ValidatedSession } from "./adapter.server";
import { auth as appAuth, type Auth } from "./lucia.server";
import { toSessionUser, type SessionUser } from "./user";

export type { SessionUser } from "./user";

export const LOGIN_PATH = "/inloggen";
export const HOME_PATH = "/mijn-leren";

export interface SessionUserResult {
  user: SessionUser;
  session: Omit<ValidatedSession, "user">;
  /** Present when lucia extended the session: send it so the cookie's expiry slides too. */
  setCookie?: string;
}

/**
 * Only same-site paths: one leading "/" (so not "//host" or "/\host", which browsers treat as
 * another host), no control characters (browsers drop tabs and newlines, turning "/\t/host" into
 * "//host"), and resolving it must stay on our origin. Anything else gives `fallback`.
 */
export function safeRedirectPath(to: unknown, fallback = HOME_PATH): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\p{Cc}\\]/u.test(to)) return fallback;
  const base = "http://stigmavrij.invalid";
  try {
    const url = new URL(to, base);
    if (url.origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return to;
}

/** Where the user was going, for `?redirectTo=`; Remix's internal `_data` parameter is dropped. */
function currentPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_data");
  return `${url.pathname}${url.search}`;
}

/** Request helpers over a lucia instance; the exports below are bound to the app's instance. */
export function createSessionHelpers({ lucia, sessions }: Auth) {
  // Several loaders of one request ask for the user; validate the cookie (a DB query) once.
  const cache = new WeakMap<Request, Promise<SessionLookup>>();

  type SessionLookup = { kind: "none" } | { kind: "invalid" } | { kind: "valid"; result: SessionUserResult };

  function sessionIdOf(request: Request): string | null {
    return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  }

  async function lookup(request: Request): Promise<SessionLookup> {
    const sessionId = sessionIdOf(request);
    if (!sessionId) return { kind: "none" };
    const validated = await sessions.validateSessionToken(sessionId);
    if (!validated) return { kind: "invalid" };
    const { user, ...session } = validated;
    const result: SessionUserResult = {
      user: toSessionUser(user),
      session,
      ...(session.fresh ? { setCookie: lucia.createSessionCookie(session.id).serialize() } : {}),
    };
    return { kind: "valid", result };
  }

  function cachedLookup(request: Request): Promise<SessionLookup> {
    let pending = cache.get(request);
    if (!pending) {
      pending = lookup(request);
      cache.set(request, pending);
    }
    return pending;
  }

  function blankCookie(): string {
    return lucia.createBlankSessionCookie().serialize();
  }

  async function getSessionUser(request: Request): Promise<SessionUserResult | null> {
    const found = await cachedLookup(request);
    return found.kind === "valid" ? found.result : null;
  }

  /**
   * The user (or null) plus the Set-Cookie headers the response must carry: a refreshed cookie
   * for a sliding session, or a blank one to clear a stale cookie. Use it in the root loader so
   * every document request keeps the cookie in step with the database.
   */
  async function getAuth(request: Request): Promise<{ user: SessionUser | null; headers: Headers }> {
    const found = await cachedLookup(request);
    const headers = new Headers();
    if (found.kind === "invalid") headers.append("Set-Cookie", blankCookie());
    if (found.kind === "valid" && found.result.setCookie) {
      headers.append("Set-Cookie", found.result.setCookie);
    }
    return { user: found.kind === "valid" ? found.result.user : null, headers };
  }

  async function requireUser(request: Request): Promise<SessionUser> {
    const found = await cachedLookup(request);
    if (found.kind === "valid") return found.result.user;
    const target = safeRedirectPath(currentPath(request), HOME_PATH);
    const headers = new Headers();
    if (found.kind === "invalid") headers.append("Set-Cookie", blankCookie());
    const params = new URLSearchParams({ redirectTo: target });
    // A cookie that no longer matches a session: tell the learner why they must log in again.
    if (found.kind === "invalid") params.set("verlopen", "1");
    throw redirect(`${LOGIN_PATH}?${params}`, { headers });
  }

  async function requireAnonymous(request: Request): Promise<void> {
    if (await getSessionUser(request)) throw redirect(HOME_PATH);
  }

  /**
   * Starts a session and redirects with its cookie. Pass the login request as `request` to end the
   * session it may still carry, so an old (possibly planted) cookie does not outlive the login.
   */
  async function createUserSession(
    userId: string,
    options: { redirectTo?: unknown; headers?: HeadersInit; request?: Request } = {},
  ): Promise<Response> {
    if (options.request) {
      const previous = sessionIdOf(options.request);
      if (previous) await lucia.invalidateSession(previous);
      cache.delete(options.request);
    }
    const session = await lucia.createSession(userId, {});
    // Housekeeping on a rare, cheap occasion rather than a scheduled job.
    await lucia.deleteExpiredSessions();
    const headers = new Headers(options.headers);
    headers.append("Set-Cookie", lucia.createSessionCookie(session.id).serialize());
    return redirect(safeRedirectPath(options.redirectTo), { headers });
  }

  async function destroyUserSession(request: Request, redirectTo: unknown = "/"): Promise<Response> {
    const sessionId = sessionIdOf(request);
    if (sessionId) await lucia.invalidateSession(sessionId);
    cache.delete(request);
    return redirect(safeRedirectPath(redirectTo, "/"), {
      headers: { "Set-Cookie": blankCookie() },
    });
  }

  return {
    getSessionUser,
    getAuth,
    requireUser,
    requireAnonymous,
    createUserSession,
    destroyUserSession,
  };
}

export type SessionHelpers = ReturnType<typeof createSessionHelpers>;

const helpers = createSessionHelpers(appAuth);

export const getSessionUser = helpers.getSessionUser;
export const getAuth = helpers.getAuth;
export const requireUser = helpers.requireUser;
export const requireAnonymous = helpers.requireAnonymous;
export const createUserSession = helpers.createUserSession;
export const destroyUserSession = helpers.destroyUserSession;
