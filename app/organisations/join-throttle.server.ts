import type { PrismaClient } from "@prisma/client";

import { ipThrottleKeys, reserveThrottle, type ThrottleRule } from "~/auth/throttle.server";

/**
 * Codes that match nothing, per client and per signed-in account. A cohort code has 40 random
 * bits; with this budget trying codes finds nothing in any useful time, while someone who
 * mistypes a few times is never stopped.
 */
export const JOIN_MISS_RULE: ThrottleRule = { max: 20, windowMs: 15 * 60_000 };

export function joinThrottleKeys({ ip, userId }: { ip: string; userId?: string | null }): string[] {
  return [...ipThrottleKeys(ip, (address) => `join:ip:${address}`), ...(userId ? [`join:user:${userId}`] : [])];
}

export type ThrottledLookup<T> = { throttled: true; retryAfterSeconds: number } | { throttled: false; found: T | null };

/**
 * Looks a typed code up under the miss budget. The attempt is reserved (stored, then counted)
 * before the lookup and taken back when the code matched, so only misses stay counted. Reserving
 * first makes the budget one budget for every process and instance on the database: parallel
 * guesses each see the ones stored before them, where checking first and recording a miss
 * afterwards let every guess that checked before the first miss was written through.
 */
export async function lookUpJoinCode<T>(
  db: PrismaClient,
  { keys, now }: { keys: string[]; now: Date },
  lookup: () => Promise<T | null>,
): Promise<ThrottledLookup<T>> {
  const attempt = await reserveThrottle(keys, JOIN_MISS_RULE, { db, now });
  if (!attempt.allowed) return { throttled: true, retryAfterSeconds: attempt.retryAfterSeconds };
  let found: T | null;
  try {
    found = await lookup();
  } catch (error) {
    await attempt.release();
    throw error;
  }
  if (found !== null) await attempt.release();
  return { throttled: false, found };
}
