import type { PrismaClient } from "@prisma/client";

import { checkThrottle, ipThrottleKeys, recordThrottleEvent, type ThrottleRule } from "~/auth/throttle.server";

/**
 * Codes that match nothing, per client and per signed-in account. A cohort code has 40 random
 * bits; with this budget trying codes finds nothing in any useful time, while someone who
 * mistypes a few times is never stopped.
 */
export const JOIN_MISS_RULE: ThrottleRule = { max: 20, windowMs: 15 * 60_000 };

export function joinThrottleKeys({ ip, userId }: { ip: string; userId?: string | null }): string[] {
  return [...ipThrottleKeys(ip, (address) => `join:ip:${address}`), ...(userId ? [`join:user:${userId}`] : [])];
}

/** Seconds to wait before another code may be tried, or null when trying is allowed. */
export async function joinRetryAfter(db: PrismaClient, keys: string[], now: Date): Promise<number | null> {
  if (keys.length === 0) return null;
  const result = await checkThrottle(keys, JOIN_MISS_RULE, { db, now });
  return result.allowed ? null : result.retryAfterSeconds;
}

export async function recordJoinMiss(db: PrismaClient, keys: string[], now: Date): Promise<void> {
  if (keys.length > 0) await recordThrottleEvent(keys, { db, now });
}
