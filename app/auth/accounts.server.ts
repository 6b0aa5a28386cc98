import { createHash, randomBytes, randomInt } from "node:crypto";

import type { PrismaClient } from "@prisma/client";

import { appOrigin } from "~/config/app-origin.server";
import { writeAudit } from "~/db/audit.server";
import { isUniqueViolation } from "~/db/errors";
import { isLocale, isSector, type Locale, type Sector } from "~/domain/constants";
import { sendMail as defaultSendMail, type MailMessage } from "~/mail/mailer.server";

import { appDb, resolveDb, type DbSource } from "./db.server";
import { hashPassword, passwordNeedsRehash, passwordSchema, verifyPassword } from "./password.server";
import { resetMail, signupConfirmMail, signupExistingMail } from "./account-mails";
import {
  THROTTLE_RULES,
  clearThrottle,
  ipThrottleKeys,
  reserveThrottle,
  reserveThrottles,
  throttleKeys,
} from "./throttle.server";
import { SESSION_USER_SELECT, toSessionUser, type SessionUser } from "./user";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
export const RESET_PATH = "/wachtwoord-herstellen";
/** How long after answering a reset request its token and mail are made (see requestPasswordReset). */
const RESET_WORK_DELAY_MS = 500;
export const SIGNUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
export const SIGNUP_CONFIRM_PATH = "/registreren/bevestigen";
const LOGIN_PATH = "/inloggen";
const FORGOT_PATH = "/wachtwoord-vergeten";

export interface RegisterInput {
  name: string;
  email: string;
  password: string;
  locale: Locale;
  sector: Sector;
  /** A cohort's code (the learner joins it) or an organisation's own join code. */
  joinCode?: string | null;
  /** From `clientIp(request)`: codes that match nothing count against the client. */
  ip?: string;
}

export type RegisterResult =
  | { ok: true; user: SessionUser; /** The cohort the code made them a member of. */ cohortId: string | null }
  | { ok: false; error: "email_taken" | "invalid_join_code" | "cohort_closed" }
  | Throttled;

export interface SignupRequest extends RegisterInput {
  /** Where to go after confirming (checked by safeRedirectPath when used). */
  redirectTo?: string | null;
  /** From `clientIp(request)`. */
  ip: string;
}

/**
 * Join-code problems are answered on the form: they say nothing about the address. Whether the
 * address has an account is never answered: both cases are `{ ok: true }` and a mail.
 */
export type SignupRequestResult =
  { ok: true } | { ok: false; error: "invalid_join_code" | "cohort_closed" } | Throttled;

export type ConfirmSignupResult =
  | { ok: true; user: SessionUser; cohortId: string | null; redirectTo: string | null }
  | { ok: false; error: "invalid_or_expired_token" | "email_taken" };

export interface AuthenticateInput {
  email: string;
  password: string;
  /** From `clientIp(request)`. */
  ip: string;
  /** `request.signal`: once the client has gone, the password hash is not worth computing. */
  signal?: AbortSignal;
}

export type Throttled = { ok: false; error: "throttled"; retryAfterSeconds: number };

export type AuthenticateResult =
  { ok: true; user: SessionUser } | { ok: false; error: "invalid_credentials" } | Throttled;

export type ChangePasswordResult = { ok: true } | { ok: false; error: "wrong_password" } | Throttled;

export interface PasswordResetRequest {
  email: string;
  ip: string;
  /** Language of the mail; defaults to the user's saved locale. */
  locale?: Locale;
}

export type PasswordResetRequestResult = { ok: true } | Throttled;

export type ResetPasswordResult = { ok: true } | { ok: false; error: "invalid_or_expired_token" };

/**
 * Join codes at sign-up. Codes, cohorts and their throttling belong to organisations, a layer
 * above auth, so the caller that wires accounts hands them in (app/organisations/sign-up.server.ts).
 */
export interface SignUpJoinCodes {
  /** What a typed code stands for, checked (and throttled per client) before the account exists. */
  check(
    db: PrismaClient,
    /** ip null: no client is asking (a confirmation re-checks a code it accepted), so no throttle. */
    input: { code: string; ip: string | null; now: Date },
  ): Promise<
    | { ok: true; organisationId: string; cohortId: string | null }
    | { ok: false; error: "invalid_join_code" | "cohort_closed" }
    | Throttled
  >;
  /** Makes the new account a member of the cohort; false when it closed in the meantime. */
  join(db: PrismaClient, input: { userId: string; cohortId: string; now: Date }): Promise<boolean>;
}

export interface AccountsDeps {
  db?: DbSource;
  /** Without it, a sign-up that carries a join code is a programming error. */
  joinCodes?: SignUpJoinCodes;
  sendMail?: (message: MailMessage) => Promise<void>;
  /** Clock for throttling and token expiry (tests). */
  now?: () => Date;
  /**
   * Make the reset token and send account mails after the use case has returned (default true),
   * so neither that work nor a slow mail server reveals through response time whether an address
   * has an account. Tests set false to find the mail as soon as the call resolves.
   */
  mailInBackground?: boolean;
  /** Origin of links in mails (tests); defaults to `appOrigin()`, never the request's Host. */
  origin?: () => string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** 32 random bytes, URL-safe; only its SHA-256 is stored. */
function newResetToken(): string {
  return randomBytes(32).toString("base64url");
}

function refused({ retryAfterSeconds }: { retryAfterSeconds: number }): Throttled {
  return { ok: false, error: "throttled", retryAfterSeconds };
}

function assertValidPassword(password: string) {
  // Routes validate with passwordSchema first; this stops a weak password from any other caller.
  if (!passwordSchema.safeParse(password).success) throw new TypeError("password does not meet the policy");
}

/** A hash to verify against when the email is unknown, so that path costs as much as a real one. */
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

/** Account use cases over an injectable database, mailer and clock. */
export function createAccounts(deps: AccountsDeps = {}) {
  const dbSource = deps.db ?? appDb;
  const send = deps.sendMail ?? defaultSendMail;
  const clock = deps.now ?? (() => new Date());
  const mailInBackground = deps.mailInBackground ?? true;
  const linkOrigin = deps.origin ?? (() => appOrigin());
  const db = () => resolveDb(dbSource);

  type JoinTarget = { organisationId: string | null; cohortId: string | null };

  /** The organisation and cohort a sign-up's join code points to (organisations answers, through deps.joinCodes). */
  async function checkJoinCode(
    client: PrismaClient,
    joinCode: string | null | undefined,
    /** null when no client is asking (a confirmation re-checks a code it accepted before). */
    ip: string | null,
  ): Promise<
    { ok: true; target: JoinTarget } | { ok: false; error: "invalid_join_code" | "cohort_closed" } | Throttled
  > {
    const code = joinCode?.trim() ?? "";
    if (!code) return { ok: true, target: { organisationId: null, cohortId: null } };
    if (!deps.joinCodes) throw new TypeError("a sign-up with a join code needs deps.joinCodes");
    const target = await deps.joinCodes.check(client, { code, ip, now: clock() });
    if (!target.ok) return target;
    return { ok: true, target: { organisationId: target.organisationId, cohortId: target.cohortId } };
  }

  /** Creates the account at once: for callers that have proven the address (confirmSignup) and tests. */
  async function registerUser(input: RegisterInput): Promise<RegisterResult> {
    assertValidPassword(input.password);
    const client = await db();
    const joined = await checkJoinCode(client, input.joinCode, input.ip ?? "");
    if (!joined.ok) return joined;
    return createAccount(client, { ...input, passwordHash: await hashPassword(input.password) }, joined.target);
  }

  async function createAccount(
    client: PrismaClient,
    input: Omit<RegisterInput, "password" | "joinCode" | "ip"> & { passwordHash: string },
    { organisationId, cohortId }: JoinTarget,
  ): Promise<RegisterResult> {
    const email = normalizeEmail(input.email);
    if (await client.user.findUnique({ where: { email }, select: { id: true } })) {
      return { ok: false, error: "email_taken" };
    }
    const passwordHash = input.passwordHash;
    try {
      const user = await client.user.create({
        data: {
          email,
          name: input.name.trim(),
          passwordHash,
          locale: input.locale,
          sector: input.sector,
          organisationId,
        },
        select: SESSION_USER_SELECT,
      });
      await writeAudit(client, {
        actorId: user.id,
        action: "account.registered",
        details: { organisationId, cohortId },
      });
      // Closed in the moment since the check: the account stands, without the membership.
      const joined =
        cohortId && deps.joinCodes
          ? await deps.joinCodes.join(client, { userId: user.id, cohortId, now: clock() })
          : false;
      return { ok: true, user: toSessionUser(user), cohortId: joined ? cohortId : null };
    } catch (error) {
      // Two sign-ups for one address at the same moment: the unique index decides.
      if (isUniqueViolation(error)) return { ok: false, error: "email_taken" };
      throw error;
    }
  }

  /**
   * A sign-up from the form. Nothing is created yet: a new address gets a link that creates the
   * account (SIGNUP_CONFIRM_PATH); an address that has an account gets a note in its owner's
   * language instead. Both cases hash the password, store nothing the other would not and mail
   * in the background, so the answer, its timing and the throttle are the same.
   */
  async function requestSignup(input: SignupRequest): Promise<SignupRequestResult> {
    assertValidPassword(input.password);
    const client = await db();
    const now = clock();
    const email = normalizeEmail(input.email);
    const accountKeys = [throttleKeys.signupEmail(email)];
    const ipKeys = ipThrottleKeys(input.ip, throttleKeys.signupIp);
    const attempt = await reserveThrottles(
      [
        { keys: accountKeys, rule: THROTTLE_RULES.signupAccount },
        { keys: ipKeys, rule: THROTTLE_RULES.signupIp },
      ],
      { db: client, now },
    );
    if (!attempt.allowed) return refused(attempt);
    const joined = await checkJoinCode(client, input.joinCode, input.ip);
    if (!joined.ok) {
      await attempt.release();
      return joined;
    }

    const passwordHash = await hashPassword(input.password);
    await client.pendingSignup.deleteMany({ where: { expiresAt: { lte: now } } });
    // Which case this is gets decided after answering (unless a test waits), so the response time
    // is the same for both.
    const work = (async () => {
      const owner = await client.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } });
      let message: MailMessage;
      if (owner) {
        const locale = isLocale(owner.locale) ? owner.locale : "nl";
        const origin = linkOrigin();
        message = {
          to: email,
          ...signupExistingMail(locale, {
            name: owner.name,
            loginLink: `${origin}${LOGIN_PATH}`,
            resetLink: `${origin}${FORGOT_PATH}`,
          }),
        };
      } else {
        const token = newResetToken();
        await client.pendingSignup.create({
          data: {
            tokenHash: sha256Hex(token),
            email,
            name: input.name.trim(),
            passwordHash,
            locale: input.locale,
            sector: input.sector,
            joinCode: input.joinCode?.trim() || null,
            redirectTo: input.redirectTo || null,
            expiresAt: new Date(now.getTime() + SIGNUP_TOKEN_TTL_MS),
            createdAt: now,
          },
        });
        const link = `${linkOrigin()}${SIGNUP_CONFIRM_PATH}?token=${encodeURIComponent(token)}`;
        message = {
          to: email,
          ...signupConfirmMail(input.locale, {
            name: input.name.trim(),
            link,
            validHours: SIGNUP_TOKEN_TTL_MS / 3_600_000,
          }),
        };
      }
      await send(message);
    })();
    if (mailInBackground) {
      work.catch((error: unknown) => {
        console.error("sign-up mail failed:", error);
      });
    } else {
      await work;
    }
    return { ok: true };
  }

  /**
   * Creates the account from a sign-up link. The token works once; every other pending sign-up
   * for the address ends with it. The join code is checked again: a cohort closed since the
   * sign-up leaves the account without the membership, as a cohort closing mid-sign-up always did.
   */
  async function confirmSignup(token: string): Promise<ConfirmSignupResult> {
    const client = await db();
    const now = clock();
    const invalid = { ok: false, error: "invalid_or_expired_token" } as const;
    if (typeof token !== "string" || token.length === 0 || token.length > 128) return invalid;
    const pending = await client.pendingSignup.findUnique({ where: { tokenHash: sha256Hex(token) } });
    if (!pending || pending.expiresAt <= now) return invalid;
    // Claiming by deleting makes the link single-use even when it is followed twice at once.
    const claim = await client.pendingSignup.deleteMany({ where: { id: pending.id } });
    if (claim.count !== 1) return invalid;
    await client.pendingSignup.deleteMany({ where: { email: pending.email } });
    const joined = await checkJoinCode(client, pending.joinCode, null);
    const target = joined.ok ? joined.target : { organisationId: null, cohortId: null };
    const created = await createAccount(
      client,
      {
        name: pending.name,
        email: pending.email,
        passwordHash: pending.passwordHash,
        locale: isLocale(pending.locale) ? pending.locale : "nl",
        sector: isSector(pending.sector) ? pending.sector : "other",
      },
      target,
    );
    if (!created.ok)
      return { ok: false, error: created.error === "email_taken" ? "email_taken" : "invalid_or_expired_token" };
    return { ok: true, user: created.user, cohortId: created.cohortId, redirectTo: pending.redirectTo };
  }

  async function authenticate(input: AuthenticateInput): Promise<AuthenticateResult> {
    const client = await db();
    const now = clock();
    const email = normalizeEmail(input.email);
    const accountKeys = [throttleKeys.loginEmail(email)];
    const ipKeys = ipThrottleKeys(input.ip, throttleKeys.loginIp);
    // The attempt counts before the password is checked, so parallel guesses (on any number of
    // server processes) share one allowance; a successful login takes it back.
    const attempt = await reserveThrottles(
      [
        { keys: accountKeys, rule: THROTTLE_RULES.loginAccount },
        { keys: ipKeys, rule: THROTTLE_RULES.loginIp },
      ],
      { db: client, now },
    );
    if (!attempt.allowed) return refused(attempt);

    const user = await client.user.findUnique({
      where: { email },
      select: { ...SESSION_USER_SELECT, passwordHash: true },
    });
    // Under load a login can wait long enough for its client to give up; argon2 is the costly part.
    if (input.signal?.aborted) {
      // Nothing was decided, so the attempt does not count.
      await attempt.release();
      input.signal.throwIfAborted();
    }
    // Unknown addresses are verified against a dummy hash and count as failures too, so neither
    // timing, the error nor the throttle tells whether an account exists.
    const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
    if (!user || !valid) return { ok: false, error: "invalid_credentials" };
    await attempt.release();
    await clearThrottle(accountKeys, { db: client });
    if (passwordNeedsRehash(user.passwordHash)) {
      const passwordHash = await hashPassword(input.password);
      await client.user.update({ where: { id: user.id }, data: { passwordHash } });
    }
    return { ok: true, user: toSessionUser(user) };
  }

  /**
   * Wrong current passwords count against the same per-account budget as failed logins, so a
   * hijacked session cannot be used to guess the password.
   */
  async function changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<ChangePasswordResult> {
    assertValidPassword(newPassword);
    const client = await db();
    const now = clock();
    const user = await client.user.findUnique({
      where: { id: userId },
      select: { email: true, passwordHash: true },
    });
    if (!user) return { ok: false, error: "wrong_password" };
    const accountKeys = [throttleKeys.loginEmail(user.email)];
    const attempt = await reserveThrottle(accountKeys, THROTTLE_RULES.loginAccount, { db: client, now });
    if (!attempt.allowed) return refused(attempt);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) return { ok: false, error: "wrong_password" };
    await attempt.release();
    const passwordHash = await hashPassword(newPassword);
    await client.$transaction([
      client.user.update({ where: { id: userId }, data: { passwordHash } }),
      // Every other device is signed out; the caller signs this one in again.
      client.session.deleteMany({ where: { userId } }),
      writeAudit(client, { actorId: userId, action: "password.changed" }),
    ]);
    return { ok: true };
  }

  async function requestPasswordReset(input: PasswordResetRequest): Promise<PasswordResetRequestResult> {
    const client = await db();
    const now = clock();
    const origin = linkOrigin();
    const email = normalizeEmail(input.email);
    const accountKeys = [throttleKeys.resetEmail(email)];
    const ipKeys = ipThrottleKeys(input.ip, throttleKeys.resetIp);
    // Every request counts, known address or not, so throttling reveals nothing either.
    const attempt = await reserveThrottles(
      [
        { keys: accountKeys, rule: THROTTLE_RULES.resetAccount },
        { keys: ipKeys, rule: THROTTLE_RULES.resetIp },
      ],
      { db: client, now },
    );
    if (!attempt.allowed) return refused(attempt);

    const user = await client.user.findUnique({
      where: { email },
      select: { id: true, name: true, email: true, locale: true },
    });
    if (!user) return { ok: true };

    const work = async () => {
      const token = newResetToken();
      await client.$transaction([
        // A new mail supersedes the previous ones: only the latest link works.
        client.passwordResetToken.updateMany({
          where: { userId: user.id, usedAt: null },
          data: { usedAt: now },
        }),
        client.passwordResetToken.create({
          data: {
            userId: user.id,
            tokenHash: sha256Hex(token),
            expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS),
            createdAt: now,
          },
        }),
      ]);
      const locale = input.locale ?? (isLocale(user.locale) ? user.locale : "nl");
      const link = `${origin}${RESET_PATH}?token=${encodeURIComponent(token)}`;
      const mail = resetMail(locale, { name: user.name, link, validMinutes: RESET_TOKEN_TTL_MS / 60_000 });
      await send({ to: user.email, ...mail });
    };
    if (!mailInBackground) {
      await work();
      return { ok: true };
    }
    // The token and the mail are made a moment after the answer has gone out, not while this
    // request is still being rendered: otherwise a known address answers measurably slower than
    // an unknown one (measured with tests/perf/reset-timing.ts), which would reveal the account.
    // The delay varies, so the work does not land at a fixed moment after each request either,
    // where a steady stream of requests would find it (and time it) again and again.
    setTimeout(
      () => {
        work().catch((error: unknown) => {
          // The token is deliberately not logged.
          console.error(`password reset mail to user ${user.id} failed:`, error);
        });
      },
      RESET_WORK_DELAY_MS + randomInt(RESET_WORK_DELAY_MS),
    );
    return { ok: true };
  }

  async function resetPassword(token: string, newPassword: string): Promise<ResetPasswordResult> {
    assertValidPassword(newPassword);
    const client = await db();
    const now = clock();
    const invalid: ResetPasswordResult = { ok: false, error: "invalid_or_expired_token" };
    // base64url of 32 bytes is 43 characters; anything far off cannot be ours.
    if (typeof token !== "string" || token.length === 0 || token.length > 128) return invalid;
    const record = await client.passwordResetToken.findUnique({
      where: { tokenHash: sha256Hex(token) },
      select: { id: true, userId: true, usedAt: true, expiresAt: true },
    });
    if (!record || record.usedAt || record.expiresAt <= now) return invalid;

    const passwordHash = await hashPassword(newPassword);
    const userId = record.userId;
    const used = await client.$transaction(async (tx) => {
      // Claiming the token with a conditional update makes it single-use even under concurrency.
      const claim = await tx.passwordResetToken.updateMany({
        where: { id: record.id, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claim.count !== 1) return false;
      await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
      await tx.user.update({ where: { id: userId }, data: { passwordHash } });
      await tx.session.deleteMany({ where: { userId } });
      await writeAudit(tx, { actorId: userId, action: "password.reset" });
      return true;
    });
    if (!used) return invalid;
    // Whoever holds the mailbox has proven it; lift a lockout from earlier failed logins.
    const user = await client.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (user) await clearThrottle([throttleKeys.loginEmail(user.email)], { db: client });
    return { ok: true };
  }

  async function setUserLocale(userId: string, locale: Locale): Promise<void> {
    if (!isLocale(locale)) throw new TypeError(`unknown locale ${String(locale)}`);
    const client = await db();
    await client.user.update({ where: { id: userId }, data: { locale } });
  }

  return {
    registerUser,
    requestSignup,
    confirmSignup,
    authenticate,
    changePassword,
    requestPasswordReset,
    resetPassword,
    setUserLocale,
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

// The app's instance: app database, real mailer, wall clock. Sign-up needs join codes, which
// organisations provides: the sign-up route wires its own instance (app/routes/registreren.tsx).
const accounts = createAccounts();

export const authenticate = accounts.authenticate;
export const changePassword = accounts.changePassword;
export const requestPasswordReset = accounts.requestPasswordReset;
export const resetPassword = accounts.resetPassword;
export const setUserLocale = accounts.setUserLocale;
