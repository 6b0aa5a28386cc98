import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { applyPragmas } from "~/db/client.server";

import { createCountingClient } from "../../tests/setup/statement-counter";
import { createTestDatabase, resetDatabase } from "../../tests/setup/temp-db";

import { hashSessionId } from "./adapter.server";
import { createAuth, SESSION_COOKIE_NAME } from "./lucia.server";
import { createSessionHelpers, safeRedirectPath, type SessionHelpers } from "./session.server";

describe("safeRedirectPath", () => {
  it.each(["/", "/mijn-leren", "/modules/stigma?les=2#top", "/zoeken?q=a%2F%2Fb"])("keeps %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    ["protocol-relative", "//evil.example"],
    ["backslash host", "/\\evil.example"],
    ["backslash later", "/foo\\bar"],
    ["absolute URL", "https://evil.example/"],
    ["scheme", "javascript:alert(1)"],
    ["relative", "mijn-leren"],
    ["tab trick", "/\t/evil.example"],
    ["newline", "/ok\n"],
    ["empty", ""],
    ["too long", `/${"a".repeat(2048)}`],
  ])("rejects %s", (_label, path) => {
    expect(safeRedirectPath(path)).toBe("/mijn-leren");
  });

  it("rejects non-strings and uses the given fallback", () => {
    expect(safeRedirectPath(null)).toBe("/mijn-leren");
    expect(safeRedirectPath(["/a"], "/")).toBe("/");
    expect(safeRedirectPath(undefined, "/inloggen")).toBe("/inloggen");
  });
});

describe("session helpers", () => {
  let prisma: PrismaClient;
  let cleanup: () => Promise<void>;
  let helpers: SessionHelpers;
  let userId: string;

  beforeAll(async () => {
    ({ prisma, cleanup } = await createTestDatabase());
    helpers = createSessionHelpers(createAuth(prisma));
  });

  afterAll(async () => {
    await cleanup();
  });

  beforeEach(async () => {
    await resetDatabase(prisma);
    const user = await prisma.user.create({
      data: { email: "ada@example.org", name: "Ada", passwordHash: "x", sector: "police" },
    });
    userId = user.id;
  });

  function cookieValue(setCookie: string | null): string {
    const match = setCookie?.match(new RegExp(`${SESSION_COOKIE_NAME}=([^;]*)`));
    if (!match) throw new Error("no session cookie");
    return match[1] ?? "";
  }

  function requestWith(token: string | null, url = "http://localhost/modules/a?x=1") {
    return new Request(url, token === null ? {} : { headers: { Cookie: `${SESSION_COOKIE_NAME}=${token}` } });
  }

  async function signIn(): Promise<string> {
    const response = await helpers.createUserSession(userId, { redirectTo: "/modules" });
    return cookieValue(response.headers.get("Set-Cookie"));
  }

  it("creates a session cookie and redirects to a safe path", async () => {
    const response = await helpers.createUserSession(userId, { redirectTo: "//evil.example" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/mijn-leren");
    const setCookie = response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=`));
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    const row = await prisma.session.findFirstOrThrow();
    expect(row.id).toBe(hashSessionId(cookieValue(setCookie)));
  });

  it("keeps extra headers passed to createUserSession", async () => {
    const response = await helpers.createUserSession(userId, {
      redirectTo: "/",
      headers: { "Set-Cookie": "stigmavrij_lang=en; Path=/" },
    });
    expect(response.headers.getSetCookie()).toHaveLength(2);
  });

  it("ends the session a login request still carried", async () => {
    const old = await signIn();
    await helpers.createUserSession(userId, { redirectTo: "/", request: requestWith(old) });
    expect(await helpers.getSessionUser(requestWith(old))).toBeNull();
    expect(await prisma.session.count()).toBe(1);
  });

  it("reads the user from the cookie", async () => {
    const token = await signIn();
    const { user, headers } = await helpers.getAuth(requestWith(token));
    expect(user).toMatchObject({ id: userId, email: "ada@example.org", role: "learner", sector: "police" });
    expect(headers.get("Set-Cookie")).toBeNull();
  });

  it("clears a stale cookie", async () => {
    const { user, headers } = await helpers.getAuth(requestWith("not-a-session"));
    expect(user).toBeNull();
    expect(headers.get("Set-Cookie")).toMatch(new RegExp(`^${SESSION_COOKIE_NAME}=;.*Max-Age=0`));
  });

  it("sets no cookie for an anonymous visitor", async () => {
    const { user, headers } = await helpers.getAuth(requestWith(null));
    expect(user).toBeNull();
    expect([...headers]).toHaveLength(0);
  });

  it("re-sends the cookie when the session slides", async () => {
    const token = await signIn();
    await prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000) } });
    const result = await helpers.getSessionUser(requestWith(token));
    expect(result?.session.fresh).toBe(true);
    expect(cookieValue(result?.setCookie ?? null)).toBe(token);
    const { headers } = await helpers.getAuth(requestWith(token));
    expect(headers.get("Set-Cookie")).toBeNull(); // already extended by the call before
  });

  it("sends anonymous visitors to the login page with where they were going", async () => {
    const request = requestWith(null, "http://localhost/modules/a?x=1&_data=routes%2Fmodules");
    const thrown = await helpers.requireUser(request).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/inloggen?redirectTo=${encodeURIComponent("/modules/a?x=1")}`);
  });

  it("tells a visitor whose session ended that it expired", async () => {
    const token = await signIn();
    await prisma.session.deleteMany();
    const thrown = await helpers
      .requireUser(requestWith(token, "http://localhost/mijn-leren"))
      .catch((error: unknown) => error);
    const response = thrown as Response;
    expect(response.headers.get("Location")).toBe(
      `/inloggen?redirectTo=${encodeURIComponent("/mijn-leren")}&verlopen=1`,
    );
    expect(response.headers.get("Set-Cookie")).toContain("Max-Age=0");
  });

  it("returns the user to requireUser", async () => {
    const token = await signIn();
    expect((await helpers.requireUser(requestWith(token))).id).toBe(userId);
  });

  it("redirects signed-in users away from anonymous pages", async () => {
    const token = await signIn();
    const thrown = await helpers.requireAnonymous(requestWith(token)).catch((error: unknown) => error);
    expect((thrown as Response).headers.get("Location")).toBe("/mijn-leren");
    await expect(helpers.requireAnonymous(requestWith(null))).resolves.toBeUndefined();
  });

  it("logs out: deletes the session and blanks the cookie", async () => {
    const token = await signIn();
    const response = await helpers.destroyUserSession(requestWith(token));
    expect(response.headers.get("Location")).toBe("/");
    expect(response.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(await prisma.session.count()).toBe(0);
    expect(await helpers.getSessionUser(requestWith(token))).toBeNull();
  });
});

describe("what a request pays for its session", () => {
  const HOUR = 60 * 60 * 1000;
  let prisma: PrismaClient;
  let counted: ReturnType<typeof createCountingClient>;
  let cleanup: () => Promise<void>;
  let userId: string;

  beforeAll(async () => {
    const database = await createTestDatabase();
    prisma = database.prisma;
    counted = createCountingClient(database.url);
    await applyPragmas(counted.prisma);
    cleanup = async () => {
      await counted.prisma.$disconnect();
      await database.cleanup();
    };
  });

  afterAll(async () => {
    await cleanup();
  });

  beforeEach(async () => {
    await resetDatabase(prisma);
    userId = (
      await prisma.user.create({ data: { email: "ada@example.org", name: "Ada", passwordHash: "x", sector: "police" } })
    ).id;
  });

  /** Signs in with the test's client, then returns helpers whose every statement is counted. */
  async function signedIn(policy = { maxAgeHours: 24, idleMinutes: 60 }) {
    const token = (await createAuth(prisma, policy).lucia.createSession(userId, {})).id;
    counted.log.reset();
    return { token, helpers: createSessionHelpers(createAuth(counted.prisma, policy)) };
  }

  const request = (token: string) =>
    new Request("http://localhost/", { headers: { Cookie: `${SESSION_COOKIE_NAME}=${token}` } });

  it("reads a valid session and its user in one statement and writes nothing", async () => {
    const { token, helpers } = await signedIn();
    const { user, headers } = await helpers.getAuth(request(token));
    expect(user?.id).toBe(userId);
    expect(headers.get("Set-Cookie")).toBeNull();
    expect(counted.log.statements).toHaveLength(1);
    expect(counted.log.writes()).toEqual([]);
    expect(counted.log.transactions).toBe(0);
  });

  it("extends a session in the second half of its idle window with one write, then not again", async () => {
    const { token, helpers } = await signedIn();
    const idleEnd = Date.now() + 20 * 60 * 1000;
    await prisma.session.updateMany({ data: { expiresAt: new Date(idleEnd) } });

    const first = await helpers.getSessionUser(request(token));
    expect(first?.session.fresh).toBe(true);
    expect(first?.setCookie).toContain(`${SESSION_COOKIE_NAME}=${token}`);
    expect(counted.log.statements, counted.log.statements.join("\n")).toHaveLength(2);
    expect(counted.log.writes()).toHaveLength(1);
    const row = await prisma.session.findFirstOrThrow();
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60 * 1000);

    counted.log.reset();
    const again = await helpers.getSessionUser(request(token));
    expect(again?.session.fresh).toBe(false);
    expect(counted.log.writes()).toEqual([]);
  });

  it("does not rewrite a session that has reached its lifetime on every request, and ends it there", async () => {
    const { token, helpers } = await signedIn({ maxAgeHours: 1, idleMinutes: 60 });
    // Signed in 50 minutes ago: the lifetime caps the expiry at 10 minutes from now.
    const createdAt = new Date(Date.now() - 50 * 60 * 1000);
    await prisma.session.updateMany({ data: { createdAt, expiresAt: new Date(createdAt.getTime() + HOUR) } });
    const used = await helpers.getSessionUser(request(token));
    expect(used?.session.fresh).toBe(false);
    expect(counted.log.writes()).toEqual([]);

    await prisma.session.updateMany({ data: { createdAt: new Date(Date.now() - HOUR - 1000) } });
    const ended = await createSessionHelpers(
      createAuth(counted.prisma, { maxAgeHours: 1, idleMinutes: 60 }),
    ).getSessionUser(request(token));
    expect(ended).toBeNull();
    expect(await prisma.session.count()).toBe(0);
  });
});
