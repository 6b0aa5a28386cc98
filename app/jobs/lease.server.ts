import { setTimeout as delay } from "node:timers/promises";

import type { Db } from "~/db/types";
import { isUniqueViolation } from "~/db/errors";

/**
 * A named lock in the `Lease` table, for work that must not run twice at once across processes
 * and instances (the course sync of a release). The holder renews it while working; a holder that
 * died leaves a lease that simply runs out.
 */

export async function acquireLease(
  db: Db,
  { name, holder, now, ttlMs }: { name: string; holder: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  try {
    await db.lease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const { count } = await db.lease.updateMany({
    where: { name, OR: [{ expiresAt: { lt: now } }, { holder }] },
    data: { holder, expiresAt },
  });
  return count === 1;
}

export async function releaseLease(db: Db, { name, holder }: { name: string; holder: string }): Promise<void> {
  await db.lease.deleteMany({ where: { name, holder } });
}

export class LeaseTimeoutError extends Error {
  constructor(name: string, waitedMs: number) {
    super(`${name} is held by another process; gave up after ${Math.round(waitedMs / 1000)} s`);
  }
}

/**
 * Runs `work` while holding the lease `name`, waiting (polling) up to `waitMs` for another holder
 * to finish first. The lease is renewed every third of its time to live and released afterwards.
 */
export async function withLease<T>(
  db: Db,
  {
    name,
    holder,
    ttlMs = 60_000,
    waitMs = 10 * 60_000,
    pollMs = 250,
    onWait,
  }: { name: string; holder: string; ttlMs?: number; waitMs?: number; pollMs?: number; onWait?: () => void },
  work: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  let told = false;
  while (!(await acquireLease(db, { name, holder, now: new Date(), ttlMs }))) {
    if (Date.now() - started > waitMs) throw new LeaseTimeoutError(name, Date.now() - started);
    if (!told) onWait?.();
    told = true;
    await delay(pollMs);
  }
  const renewal = setInterval(() => {
    acquireLease(db, { name, holder, now: new Date(), ttlMs }).catch(() => undefined);
  }, ttlMs / 3);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await releaseLease(db, { name, holder });
  }
}
