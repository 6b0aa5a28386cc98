import type { PrismaClient } from "@prisma/client";

import { appDb, resolveDb, type DbSource } from "./db.server";

/** At most `max` events per key in any window of `windowMs` (sliding, not fixed buckets). */
export interface ThrottleRule {
  max: number;
  windowMs: number;
}

export type ThrottleResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface ThrottleOptions {
  /** Fixed clock for tests; defaults to the current time. */
  now?: Date;
  /** Database to use; defaults to the app's. */
  db?: DbSource;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const THROTTLE_RULES = {
  /** Failed logins per account: slows password guessing against one person. */
  loginAccount: { max: 5, windowMs: 15 * MINUTE },
  /** Failed logins per client: slows spraying one password over many accounts. */
  loginIp: { max: 30, windowMs: 15 * MINUTE },
  /** Reset mails per account: keeps the form from being used to flood someone's inbox. */
  resetAccount: { max: 3, windowMs: HOUR },
  resetIp: { max: 10, windowMs: HOUR },
  /** Sign-up mails per address and per client: the form mails whatever address it is given. */
  signupAccount: { max: 3, windowMs: HOUR },
  signupIp: { max: 30, windowMs: HOUR },
  /** Public certificate lookups per client: room for a busy HR desk, too slow to try codes. */
  certificateIp: { max: 60, windowMs: 10 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

/** Events are only needed for the longest window; older ones are deleted now and then. */
const RETENTION_MS = 24 * HOUR;
const PRUNE_INTERVAL_MS = 10 * MINUTE;

export const throttleKeys = {
  loginEmail: (email: string) => `login:email:${email.trim().toLowerCase()}`,
  loginIp: (ip: string) => `login:ip:${ip}`,
  resetEmail: (email: string) => `reset:email:${email.trim().toLowerCase()}`,
  resetIp: (ip: string) => `reset:ip:${ip}`,
  signupEmail: (email: string) => `signup:email:${email.trim().toLowerCase()}`,
  signupIp: (ip: string) => `signup:ip:${ip}`,
  certificateIp: (ip: string) => `certificate:ip:${ip}`,
};

/**
 * Each key is checked against the rule on its own; the request is refused if any key is over its
 * limit, with the longest wait among them.
 */
export async function checkThrottle(
  keys: readonly string[],
  rule: ThrottleRule,
  options: ThrottleOptions = {},
): Promise<ThrottleResult> {
  const db = await resolveDb(options.db ?? appDb);
  const now = options.now ?? new Date();
  let retryAfterMs = 0;
  for (const key of new Set(keys)) {
    retryAfterMs = Math.max(retryAfterMs, await waitForKey(db, key, rule, now));
  }
  if (retryAfterMs <= 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/**
 * Milliseconds until the key is below its limit again (0 = allowed now). With n >= max events in
 * the window, a new one is allowed once the (n - max + 1) oldest of them have left the window,
 * i.e. when event number n - max (0-based, oldest first) is windowMs old.
 */
async function waitForKey(db: PrismaClient, key: string, rule: ThrottleRule, now: Date) {
  const events = await db.throttleEvent.findMany({
    where: { key, createdAt: { gt: new Date(now.getTime() - rule.windowMs), lte: now } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  const blocking = events[events.length - rule.max];
  if (events.length < rule.max || !blocking) return 0;
  return blocking.createdAt.getTime() + rule.windowMs - now.getTime();
}

export type ThrottleReservation =
  | {
      allowed: true;
      /** Takes the attempt back (it succeeded, or another check refused it). */ release(): Promise<void>;
    }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Records an attempt and decides on it in one step: the attempt is stored first, then counted
 * among the key's events up to and including it (by insertion order). Concurrent attempts, in one
 * process or in several processes or instances on the same database, each see the ones stored
 * before them, so together they get exactly `max` passes per window, where a check followed by a
 * later record would let every attempt that checked before the first record through. A refused
 * attempt is deleted again (it does not extend the wait); an allowed one stays as the record of
 * the attempt unless the caller releases it.
 */
export async function reserveThrottle(
  keys: readonly string[],
  rule: ThrottleRule,
  options: ThrottleOptions = {},
): Promise<ThrottleReservation> {
  const db = await resolveDb(options.db ?? appDb);
  const now = options.now ?? new Date();
  const reserved: { id: number; key: string }[] = [];
  for (const key of new Set(keys)) {
    const row = await db.throttleEvent.create({ data: { key, createdAt: now }, select: { id: true } });
    reserved.push({ id: row.id, key });
  }
  const release = async () => {
    if (reserved.length > 0) await db.throttleEvent.deleteMany({ where: { id: { in: reserved.map((r) => r.id) } } });
  };
  let retryAfterMs = 0;
  for (const { id, key } of reserved) {
    const earlier = await db.throttleEvent.findMany({
      // The id orders the attempts; no upper bound on the time, because another process's clock
      // may stamp an earlier attempt a millisecond after this one's `now`.
      where: { key, id: { lt: id }, createdAt: { gt: new Date(now.getTime() - rule.windowMs) } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { createdAt: true },
    });
    const blocking = earlier[earlier.length - rule.max];
    if (earlier.length >= rule.max && blocking)
      retryAfterMs = Math.max(retryAfterMs, blocking.createdAt.getTime() + rule.windowMs - now.getTime(), 1);
  }
  await pruneOccasionally(db, now);
  if (retryAfterMs <= 0) return { allowed: true, release };
  await release();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/**
 * `reserveThrottle` for several rules at once (per account and per client, say): the first refusal
 * takes back what the others reserved and reports its wait.
 */
export async function reserveThrottles(
  checks: readonly { keys: readonly string[]; rule: ThrottleRule }[],
  options: ThrottleOptions = {},
): Promise<ThrottleReservation> {
  const held: Extract<ThrottleReservation, { allowed: true }>[] = [];
  const releaseAll = async () => {
    for (const reservation of held) await reservation.release();
  };
  for (const { keys, rule } of checks) {
    const reservation = await reserveThrottle(keys, rule, options);
    if (!reservation.allowed) {
      await releaseAll();
      return reservation;
    }
    held.push(reservation);
  }
  return { allowed: true, release: releaseAll };
}

export async function recordThrottleEvent(keys: readonly string[], options: ThrottleOptions = {}): Promise<void> {
  const db = await resolveDb(options.db ?? appDb);
  const now = options.now ?? new Date();
  await db.throttleEvent.createMany({
    data: [...new Set(keys)].map((key) => ({ key, createdAt: now })),
  });
  await pruneOccasionally(db, now);
}

export async function clearThrottle(keys: readonly string[], options: Pick<ThrottleOptions, "db"> = {}): Promise<void> {
  const db = await resolveDb(options.db ?? appDb);
  await db.throttleEvent.deleteMany({ where: { key: { in: [...keys] } } });
}

export async function pruneThrottleEvents(db: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await db.throttleEvent.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - RETENTION_MS) } },
  });
  return count;
}

// Per client so tests with several temporary databases each get pruned.
const lastPruneAt = new WeakMap<PrismaClient, number>();

/** Pruning on every write would be wasted work; once per interval per process is plenty. */
async function pruneOccasionally(db: PrismaClient, now: Date) {
  const last = lastPruneAt.get(db);
  if (last !== undefined && Math.abs(now.getTime() - last) < PRUNE_INTERVAL_MS) return;
  lastPruneAt.set(db, now.getTime());
  await pruneThrottleEvents(db, now);
}

/** What `clientIp` returns when the client address is not known reliably. */
export const UNKNOWN_IP = "local";

/**
 * The client address used as a throttle key.
 *
 * server.js puts Express's `req.ip` in the load context: the socket address, or the proxy's
 * address the trusted proxies forwarded when TRUST_PROXY names them (a hop count or their
 * addresses; the client's own `X-Forwarded-For` entries are never trusted).
 * Without a context address the result is UNKNOWN_IP; per-IP keys built from it would be one key
 * shared by every visitor (anyone could lock everyone out), so `ipThrottleKeys` drops them and
 * only the per-account limits apply.
 */
export function clientIp(_request: Request, context?: { clientIp?: unknown }): string {
  const address = context?.clientIp;
  // Bounded length: the value ends up in a database key.
  return typeof address === "string" && address ? address.slice(0, 64) : UNKNOWN_IP;
}

/** The per-IP key for `ip`, or none when the address is unknown (see clientIp). */
export function ipThrottleKeys(ip: string, toKey: (ip: string) => string): string[] {
  return ip && ip !== UNKNOWN_IP ? [toKey(ip)] : [];
}

/** Whole minutes to tell a throttled user to wait (at least one). */
export function retryAfterMinutes(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}
