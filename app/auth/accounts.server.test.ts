import type { PrismaClient } from "@prisma/client";
import { beforeEach, describe, expect, it } from "vitest";

import type { MailMessage } from "~/mail/mailer.server";

import { useTestDatabase } from "../../tests/setup/use-test-database";

import { RESET_TOKEN_TTL_MS, createAccounts, sha256Hex, type Accounts, type AccountsDeps } from "./accounts.server";
import { createLucia } from "./lucia.server";
import { verifyPassword } from "./password.server";
import { throttleKeys } from "./throttle.server";

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "staple battery horse";
const ORIGIN = "https://stigmavrij.example";

const database = useTestDatabase();
let prisma: PrismaClient;
let now: Date;
let outbox: MailMessage[];
let accounts: Accounts;

beforeEach(async () => {
  // Users cascade to their sessions and reset tokens.
  prisma = database.prisma;
  now = new Date("2026-03-01T12:00:00.000Z");
  outbox = [];
  accounts = testAccounts();
});

/** Accounts over the test database, clock and outbox; `deps` adds or replaces ports. */
function testAccounts(deps: Partial<AccountsDeps> = {}): Accounts {
  return createAccounts({
    db: prisma,
    now: () => now,
    mailInBackground: false,
    origin: () => ORIGIN,
    sendMail: async (message) => {
      outbox.push(message);
    },
    ...deps,
  });
}

function advance(ms: number) {
  now = new Date(now.getTime() + ms);
}

async function register(email = "ada@example.org", extra: { joinCode?: string } = {}) {
  const result = await accounts.registerUser({
    name: "Ada",
    email,
    password: PASSWORD,
    locale: "nl",
    sector: "care",
    ...extra,
  });
  if (!result.ok) throw new Error(`registration failed: ${result.error}`);
  return result.user;
}

function tokenFrom(mail: MailMessage | undefined): string {
  const match = mail?.text.match(/token=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error("no token in mail");
  return match[1];
}

describe("registerUser", () => {
  it("creates a learner with a normalised email and an argon2id hash", async () => {
    const user = await register("  Ada@Example.ORG ");
    expect(user).toMatchObject({
      email: "ada@example.org",
      name: "Ada",
      role: "learner",
      locale: "nl",
      sector: "care",
    });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(true);
  });

  it("refuses a second account for the same address, whatever its case", async () => {
    await register("ada@example.org");
    const again = await accounts.registerUser({
      name: "Other",
      email: "ADA@example.org",
      password: PASSWORD,
      locale: "en",
      sector: "bank",
    });
    expect(again).toEqual({ ok: false, error: "email_taken" });
  });

  it("links the organisation a join code stands for, asking the join-code port with the trimmed code", async () => {
    const organisation = await prisma.organisation.create({ data: { name: "Zorg Noord", sector: "care" } });
    const checked: string[] = [];
    accounts = createAccounts({
      db: prisma,
      now: () => now,
      joinCodes: {
        async check(_db, { code }) {
          checked.push(code);
          return { ok: true, organisationId: organisation.id, cohortId: null };
        },
        join: async () => true,
      },
    });
    const user = await register("ada@example.org", { joinCode: "  zorg-2026 " });
    expect(user.organisationId).toBe(organisation.id);
    expect(checked).toEqual(["zorg-2026"]);
  });

  it("refuses a join code without a join-code port rather than ignoring it", async () => {
    await expect(register("ada@example.org", { joinCode: "ZORG-2026" })).rejects.toThrow(/joinCodes/);
    expect(await prisma.user.count()).toBe(0);
  });

  it("rejects an unknown join code and creates nothing", async () => {
    accounts = createAccounts({
      db: prisma,
      now: () => now,
      joinCodes: { check: async () => ({ ok: false, error: "invalid_join_code" }), join: async () => true },
    });
    const result = await accounts.registerUser({
      name: "Ada",
      email: "ada@example.org",
      password: PASSWORD,
      locale: "nl",
      sector: "care",
      joinCode: "NOPE",
    });
    expect(result).toEqual({ ok: false, error: "invalid_join_code" });
    expect(await prisma.user.count()).toBe(0);
  });

  it("treats a blank join code as none", async () => {
    const user = await register("ada@example.org", { joinCode: "   " });
    expect(user.organisationId).toBeNull();
  });

  it("refuses a password below the policy", async () => {
    await expect(
      accounts.registerUser({ name: "A", email: "a@example.org", password: "short", locale: "nl", sector: "care" }),
    ).rejects.toThrow(TypeError);
  });
});

describe("authenticate", () => {
  it("accepts the right password, whatever the email's case", async () => {
    const user = await register();
    const result = await accounts.authenticate({ email: " ADA@example.org", password: PASSWORD, ip: "local" });
    expect(result).toEqual({ ok: true, user });
  });

  it("gives the same error for a wrong password and an unknown email", async () => {
    await register();
    const wrong = await accounts.authenticate({ email: "ada@example.org", password: "wrong password", ip: "local" });
    const unknown = await accounts.authenticate({ email: "nobody@example.org", password: PASSWORD, ip: "local" });
    expect(wrong).toEqual({ ok: false, error: "invalid_credentials" });
    expect(unknown).toEqual(wrong);
  });

  it("stops before verifying the password when the client has already gone", async () => {
    await register();
    const gone = new AbortController();
    gone.abort();
    const attempt = accounts.authenticate({
      email: "ada@example.org",
      password: "wrong password",
      ip: "10.0.0.9",
      signal: gone.signal,
    });
    await expect(attempt).rejects.toMatchObject({ name: "AbortError" });
    // Nothing was decided, so nothing counts against the account or the client.
    expect(await prisma.throttleEvent.count()).toBe(0);
  });

  it("throttles an account after 5 failures in 15 minutes, even with the right password", async () => {
    await register();
    for (let i = 0; i < 5; i++) {
      await accounts.authenticate({ email: "ada@example.org", password: "wrong password", ip: "local" });
      advance(60_000);
    }
    const blocked = await accounts.authenticate({ email: "ada@example.org", password: PASSWORD, ip: "local" });
    expect(blocked).toEqual({ ok: false, error: "throttled", retryAfterSeconds: 10 * 60 });
    advance(10 * 60_000);
    expect((await accounts.authenticate({ email: "ada@example.org", password: PASSWORD, ip: "local" })).ok).toBe(true);
  });

  it("throttles unknown emails exactly like known ones", async () => {
    for (let i = 0; i < 5; i++) {
      await accounts.authenticate({ email: "nobody@example.org", password: "wrong password", ip: "local" });
    }
    const blocked = await accounts.authenticate({ email: "nobody@example.org", password: PASSWORD, ip: "local" });
    expect(blocked).toMatchObject({ ok: false, error: "throttled" });
  });

  it("clears the account's failures after a successful login", async () => {
    await register();
    for (let i = 0; i < 4; i++) {
      await accounts.authenticate({ email: "ada@example.org", password: "wrong password", ip: "local" });
    }
    expect((await accounts.authenticate({ email: "ada@example.org", password: PASSWORD, ip: "local" })).ok).toBe(true);
    expect(await prisma.throttleEvent.count({ where: { key: throttleKeys.loginEmail("ada@example.org") } })).toBe(0);
  });

  it("throttles a client address after 30 failures over many accounts", async () => {
    await register();
    const ip = "203.0.113.5";
    for (let i = 0; i < 30; i++) {
      await accounts.authenticate({ email: `user${i}@example.org`, password: "wrong password", ip });
    }
    const fromThatIp = await accounts.authenticate({ email: "ada@example.org", password: PASSWORD, ip });
    expect(fromThatIp).toMatchObject({ ok: false, error: "throttled" });
    const elsewhere = await accounts.authenticate({ email: "ada@example.org", password: PASSWORD, ip: "198.51.100.1" });
    expect(elsewhere.ok).toBe(true);
  }, 30_000);
});

describe("changePassword", () => {
  it("rejects a wrong current password and keeps sessions", async () => {
    const user = await register();
    const lucia = createLucia(prisma);
    await lucia.createSession(user.id, {});
    expect(await accounts.changePassword(user.id, "wrong password", NEW_PASSWORD)).toEqual({
      ok: false,
      error: "wrong_password",
    });
    expect(await prisma.session.count()).toBe(1);
  });

  it("changes the password, revokes every session and writes an audit entry", async () => {
    const user = await register();
    const lucia = createLucia(prisma);
    const first = await lucia.createSession(user.id, {});
    await lucia.createSession(user.id, {});
    expect(await accounts.changePassword(user.id, PASSWORD, NEW_PASSWORD)).toEqual({ ok: true });
    expect(await prisma.session.count()).toBe(0);
    expect((await lucia.validateSession(first.id)).session).toBeNull();
    expect((await accounts.authenticate({ email: user.email, password: NEW_PASSWORD, ip: "local" })).ok).toBe(true);
    expect((await accounts.authenticate({ email: user.email, password: PASSWORD, ip: "local" })).ok).toBe(false);
    const audit = await prisma.auditLog.findMany({ where: { userId: user.id, action: "password.changed" } });
    expect(audit).toHaveLength(1);
  });

  it("counts wrong current passwords against the login budget", async () => {
    const user = await register();
    for (let i = 0; i < 5; i++) await accounts.changePassword(user.id, "wrong password", NEW_PASSWORD);
    expect(await accounts.changePassword(user.id, PASSWORD, NEW_PASSWORD)).toMatchObject({ error: "throttled" });
  });
});

describe("sign-up by mail", () => {
  const signup = (
    email: string,
    extra: Partial<{ name: string; locale: "nl" | "en"; joinCode: string; ip: string }> = {},
  ) =>
    accounts.requestSignup({
      name: "Nieuw",
      email,
      password: PASSWORD,
      locale: "nl",
      sector: "bank",
      ip: "203.0.113.9",
      ...extra,
    });

  function linkFrom(mail: MailMessage | undefined): string {
    const match = mail?.text.match(/\/registreren\/bevestigen\?token=([A-Za-z0-9_-]+)/);
    if (!match?.[1]) throw new Error("no confirmation link in mail");
    return match[1];
  }

  it("creates nothing until the link in the mail is used, then creates the account once", async () => {
    expect(await signup("  Nieuw@Example.org ", { locale: "en" })).toEqual({ ok: true });
    expect(await prisma.user.count()).toBe(0);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ to: "nieuw@example.org", subject: "Confirm your Stigmavrij account" });
    expect(outbox[0]?.text).toContain(`${ORIGIN}/registreren/bevestigen?token=`);
    const token = linkFrom(outbox[0]);
    // Only the hash is stored, like reset tokens.
    expect((await prisma.pendingSignup.findFirstOrThrow()).tokenHash).toBe(sha256Hex(token));

    const confirmed = await accounts.confirmSignup(token);
    expect(confirmed).toMatchObject({
      ok: true,
      user: { email: "nieuw@example.org", name: "Nieuw", locale: "en" },
      cohortId: null,
    });
    expect((await accounts.authenticate({ email: "nieuw@example.org", password: PASSWORD, ip: "local" })).ok).toBe(
      true,
    );
    expect(await accounts.confirmSignup(token)).toEqual({ ok: false, error: "invalid_or_expired_token" });
    expect(await prisma.user.count()).toBe(1);
  });

  it("answers a taken address exactly like a new one and mails its owner in the owner's language instead", async () => {
    const owner = await accounts.registerUser({
      name: "Eigenaar",
      email: "bezet@example.org",
      password: PASSWORD,
      locale: "en",
      sector: "care",
    });
    if (!owner.ok) throw new Error("setup");
    const before = await prisma.user.findUniqueOrThrow({ where: { email: "bezet@example.org" } });

    const taken = await signup("BEZET@example.org", { name: "Aanvaller", locale: "nl" });
    const fresh = await signup("vrij@example.org");
    expect(taken).toEqual(fresh);

    const toOwner = outbox.find((mail) => mail.to === "bezet@example.org");
    expect(toOwner?.subject).toBe("Someone tried to create an account with your email address");
    expect(toOwner?.text).toContain("Hello Eigenaar,");
    expect(toOwner?.text).toContain(`${ORIGIN}/inloggen`);
    expect(toOwner?.text).toContain(`${ORIGIN}/wachtwoord-vergeten`);
    expect(toOwner?.text).not.toContain("token=");
    // Nothing about the account changed, and no pending sign-up can take it over.
    expect(await prisma.user.findUniqueOrThrow({ where: { email: "bezet@example.org" } })).toEqual(before);
    expect(await prisma.pendingSignup.count({ where: { email: "bezet@example.org" } })).toBe(0);
    expect((await accounts.authenticate({ email: "bezet@example.org", password: PASSWORD, ip: "local" })).ok).toBe(
      true,
    );
  });

  it("refuses a link whose address got an account in the meantime", async () => {
    await signup("twee@example.org");
    const token = linkFrom(outbox[0]);
    await register("twee@example.org");
    expect(await accounts.confirmSignup(token)).toEqual({ ok: false, error: "email_taken" });
  });

  it("refuses an expired link and unknown tokens", async () => {
    await signup("laat@example.org");
    const token = linkFrom(outbox[0]);
    advance(24 * 60 * 60 * 1000);
    expect(await accounts.confirmSignup(token)).toEqual({ ok: false, error: "invalid_or_expired_token" });
    expect(await accounts.confirmSignup("made-up")).toEqual({ ok: false, error: "invalid_or_expired_token" });
    expect(await accounts.confirmSignup("")).toEqual({ ok: false, error: "invalid_or_expired_token" });
    expect(await prisma.user.count()).toBe(0);
  });

  it("throttles sign-up mails per address (3 an hour), taken or not alike", async () => {
    await register("vol@example.org");
    for (const email of ["vol@example.org", "leeg@example.org"]) {
      for (let i = 0; i < 3; i++) expect(await signup(email)).toEqual({ ok: true });
      expect(await signup(email)).toMatchObject({ ok: false, error: "throttled" });
    }
  });

  it("refuses an unknown join code on the form, before anything is mailed", async () => {
    const asked: (string | null)[] = [];
    accounts = testAccounts({
      joinCodes: {
        async check(_db, { ip }) {
          asked.push(ip);
          return { ok: false, error: "invalid_join_code" };
        },
        join: async () => true,
      },
    });
    expect(await signup("code@example.org", { joinCode: "BESTAAT-NIET" })).toEqual({
      ok: false,
      error: "invalid_join_code",
    });
    // Asked with the client's address, so the port can count the miss against it.
    expect(asked).toEqual(["203.0.113.9"]);
    expect(outbox).toHaveLength(0);
    expect(await prisma.pendingSignup.count()).toBe(0);
  });
});

describe("password reset", () => {
  it("mails a single-use link in the requested language and stores only the token's hash", async () => {
    const user = await register();
    expect(await accounts.requestPasswordReset({ email: "ADA@example.org", ip: "local", locale: "en" })).toEqual({
      ok: true,
    });
    expect(outbox).toHaveLength(1);
    const mail = outbox[0];
    expect(mail?.to).toBe("ada@example.org");
    expect(mail?.subject).toBe("Reset your Stigmavrij password");
    expect(mail?.text).toContain(`${ORIGIN}/wachtwoord-herstellen?token=`);
    const token = tokenFrom(mail);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const stored = await prisma.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(sha256Hex(token));
    expect(stored.expiresAt.getTime() - now.getTime()).toBe(RESET_TOKEN_TTL_MS);
  });

  it("uses the user's saved language when none is given", async () => {
    await register();
    await accounts.requestPasswordReset({ email: "ada@example.org", ip: "local" });
    expect(outbox[0]?.subject).toBe("Je wachtwoord herstellen bij Stigmavrij");
  });

  it("answers the same for an unknown email and sends nothing", async () => {
    const result = await accounts.requestPasswordReset({ email: "nobody@example.org", ip: "local" });
    expect(result).toEqual({ ok: true });
    expect(outbox).toHaveLength(0);
    expect(await prisma.passwordResetToken.count()).toBe(0);
  });

  it("resets the password once, revokes sessions and writes an audit entry", async () => {
    const user = await register();
    const lucia = createLucia(prisma);
    await lucia.createSession(user.id, {});
    await accounts.requestPasswordReset({ email: user.email, ip: "local" });
    const token = tokenFrom(outbox[0]);

    expect(await accounts.resetPassword(token, NEW_PASSWORD)).toEqual({ ok: true });
    expect(await prisma.session.count()).toBe(0);
    expect((await accounts.authenticate({ email: user.email, password: NEW_PASSWORD, ip: "local" })).ok).toBe(true);
    expect(await prisma.auditLog.count({ where: { userId: user.id, action: "password.reset" } })).toBe(1);

    expect(await accounts.resetPassword(token, "yet another password")).toEqual({
      ok: false,
      error: "invalid_or_expired_token",
    });
    expect((await accounts.authenticate({ email: user.email, password: NEW_PASSWORD, ip: "local" })).ok).toBe(true);
  });

  it("refuses an expired token", async () => {
    const user = await register();
    await accounts.requestPasswordReset({ email: user.email, ip: "local" });
    const token = tokenFrom(outbox[0]);
    advance(RESET_TOKEN_TTL_MS);
    expect(await accounts.resetPassword(token, NEW_PASSWORD)).toEqual({ ok: false, error: "invalid_or_expired_token" });
  });

  it("refuses unknown tokens", async () => {
    expect(await accounts.resetPassword("made-up-token", NEW_PASSWORD)).toEqual({
      ok: false,
      error: "invalid_or_expired_token",
    });
    expect(await accounts.resetPassword("", NEW_PASSWORD)).toMatchObject({ ok: false });
  });

  it("invalidates an earlier link when a new one is requested", async () => {
    const user = await register();
    await accounts.requestPasswordReset({ email: user.email, ip: "local" });
    advance(60_000);
    await accounts.requestPasswordReset({ email: user.email, ip: "local" });
    const [first, second] = [tokenFrom(outbox[0]), tokenFrom(outbox[1])];
    expect(await accounts.resetPassword(first, NEW_PASSWORD)).toMatchObject({ ok: false });
    expect(await accounts.resetPassword(second, NEW_PASSWORD)).toEqual({ ok: true });
  });

  it("lifts a login lockout after a successful reset", async () => {
    const user = await register();
    for (let i = 0; i < 5; i++) {
      await accounts.authenticate({ email: user.email, password: "wrong password", ip: "local" });
    }
    await accounts.requestPasswordReset({ email: user.email, ip: "local" });
    await accounts.resetPassword(tokenFrom(outbox[0]), NEW_PASSWORD);
    expect((await accounts.authenticate({ email: user.email, password: NEW_PASSWORD, ip: "local" })).ok).toBe(true);
  });

  it("throttles requests per account (3 an hour), known or unknown alike", async () => {
    await register();
    for (const email of ["ada@example.org", "nobody@example.org"]) {
      for (let i = 0; i < 3; i++) {
        expect(await accounts.requestPasswordReset({ email, ip: "local" })).toEqual({ ok: true });
      }
      expect(await accounts.requestPasswordReset({ email, ip: "local" })).toEqual({
        ok: false,
        error: "throttled",
        retryAfterSeconds: 3600,
      });
    }
    expect(outbox).toHaveLength(3);
  });

  it("throttles requests per client address (10 an hour)", async () => {
    const ip = "203.0.113.5";
    for (let i = 0; i < 10; i++) {
      await accounts.requestPasswordReset({ email: `user${i}@example.org`, ip });
    }
    expect(await accounts.requestPasswordReset({ email: "new@example.org", ip })).toMatchObject({
      error: "throttled",
    });
  });

  it("builds the link from APP_ORIGIN by default", async () => {
    await register();
    const appAccounts = createAccounts({
      db: prisma,
      now: () => now,
      mailInBackground: false,
      sendMail: async (message) => void outbox.push(message),
    });
    process.env.APP_ORIGIN = "https://app.stigmavrij.nl";
    try {
      await appAccounts.requestPasswordReset({ email: "ada@example.org", ip: "local" });
    } finally {
      delete process.env.APP_ORIGIN;
    }
    expect(outbox[0]?.text).toContain("https://app.stigmavrij.nl/wachtwoord-herstellen?token=");
    expect(outbox[0]?.text).not.toContain("localhost");
  });
});

describe("setUserLocale", () => {
  it("stores a supported locale", async () => {
    const user = await register();
    await accounts.setUserLocale(user.id, "en");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
  });

  it("refuses an unsupported one", async () => {
    const user = await register();
    // @ts-expect-error: runtime guard for values that bypassed validation
    await expect(accounts.setUserLocale(user.id, "de")).rejects.toThrow(TypeError);
  });
});
