import type { Db } from "~/db/types";

/**
 * A per-process cache of computed dashboard views, keyed by what the view depends on (page,
 * scope, filter, locale) and valid for one stamp: the ReportGeneration row, bumped in the same
 * transaction as every change to the report tables (refresh.server), plus when course content
 * was last synced (titles and question texts). Each request reads the stamp in one cheap query,
 * so a view is never served from before a refresh, whichever process made the refresh.
 * Entries also expire after a short time: overdue counts depend on the clock, and organisation
 * and cohort names are read live.
 */

/** Views kept per process; the least recently used goes first. */
const MAX_ENTRIES = 200;
const MAX_AGE_MS = 60_000;

interface Entry {
  stamp: string;
  storedAt: number;
  value: Promise<unknown>;
}

export interface ReportCache {
  /** The cached value for `key` under the current stamp, else what `compute` gives (computed once). */
  get<T>(db: Db, key: string, compute: () => Promise<T>, now?: number): Promise<T>;
  clear(): void;
  readonly size: number;
}

/** The current stamp, or null when the stamp row is missing (then nothing is cached). */
export async function reportStamp(db: Db): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<Array<{ generation: number | bigint; synced: unknown }>>(
    `SELECT g."generation" AS "generation", (SELECT max(m."syncedAt") FROM "Module" m) AS "synced"
     FROM "ReportGeneration" g WHERE g."id" = 1`,
  );
  const row = rows[0];
  if (!row) return null;
  const synced = row.synced instanceof Date ? row.synced.toISOString() : String(row.synced ?? "");
  return `${Number(row.generation)}|${synced}`;
}

/**
 * Marks every cached view stale (in every process): call inside the transaction that changes
 * report rows or what the dashboards show beside them (an organisation's name or sector).
 */
export async function bumpReportGeneration(db: Db): Promise<void> {
  await db.$executeRawUnsafe(BUMP_SQL);
}

/** The bump as a statement, for a caller that batches statements into one transaction. */
export const BUMP_SQL = 'UPDATE "ReportGeneration" SET "generation" = "generation" + 1 WHERE "id" = 1';

export function createReportCache(options: { maxEntries?: number; maxAgeMs?: number } = {}): ReportCache {
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
  const entries = new Map<string, Entry>();
  return {
    async get<T>(db: Db, key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
      const stamp = await reportStamp(db);
      if (stamp === null) return compute();
      const entry = entries.get(key);
      if (entry && entry.stamp === stamp && now - entry.storedAt < maxAgeMs) {
        // Re-inserting keeps the Map in least-recently-used order.
        entries.delete(key);
        entries.set(key, entry);
        return entry.value as Promise<T>;
      }
      // Concurrent requests for the same view share one computation.
      const value = compute();
      entries.delete(key);
      entries.set(key, { stamp, storedAt: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

/** The cache the dashboard pages share in this process. */
export const dashboardCache = createReportCache();
