import { randomBytes } from "node:crypto";
import os from "node:os";

import { Prisma } from "@prisma/client";

import { providerOf } from "~/db/dialect.server";
import type { Db } from "~/db/types";
import { isUniqueViolation } from "~/db/errors";

/**
 * A durable job queue in the `Job` table that every process (and every instance on the same
 * database) polls. On SQLite, claiming is a compare-and-set: one conditional UPDATE that only
 * succeeds while the row still has the status and attempt count the claimer read, so two
 * processes can never both claim a job (writes are serialised). On PostgreSQL one UPDATE takes
 * the oldest due row no one else has locked (`FOR UPDATE SKIP LOCKED`). A claim is a lease: the runner renews it while working,
 * and a job whose lease runs out (its process died) is claimed again. Failures are retried with
 * exponential backoff up to `maxAttempts`; nothing lives only in memory, so a restart loses nothing.
 * Docs: docs/deployment.md#background-jobs.
 */

export interface EnqueueJob {
  queue: string;
  payload?: unknown;
  /** One job per key, ever (until pruned): a second enqueue with the key is a no-op. */
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export interface ClaimedJob {
  id: string;
  queue: string;
  payload: unknown;
  /** This claim included (1 on the first run). */
  attempt: number;
  maxAttempts: number;
  owner: string;
}

export const DEFAULT_LEASE_MS = 60_000;
const CLAIM_CANDIDATES = 5;
const ERROR_LENGTH = 1000;

/** An id for this process's claims: host, pid and a random part (pids repeat across restarts). */
export function processOwnerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** Records a job; with a `key` already used, nothing is added. Returns the job's id and whether it is new. */
export async function enqueueJob(db: Db, job: EnqueueJob): Promise<{ id: string; created: boolean }> {
  const data = {
    queue: job.queue,
    payload: JSON.stringify(job.payload ?? {}),
    key: job.key ?? null,
    maxAttempts: job.maxAttempts ?? 5,
    ...(job.runAt ? { runAt: job.runAt } : {}),
  };
  try {
    const created = await db.job.create({ data, select: { id: true } });
    return { id: created.id, created: true };
  } catch (error) {
    if (!job.key || !isUniqueViolation(error)) throw error;
    const existing = await db.job.findUniqueOrThrow({ where: { key: job.key }, select: { id: true } });
    return { id: existing.id, created: false };
  }
}

/**
 * Claims the oldest due job of `queues`: a queued one whose time has come, or a running one whose
 * lease has expired. Null when there is none (or other processes took every candidate).
 */
export async function claimJob(
  db: Db,
  { queues, owner, now, leaseMs = DEFAULT_LEASE_MS }: { queues: string[]; owner: string; now: Date; leaseMs?: number },
): Promise<ClaimedJob | null> {
  if (queues.length === 0) return null;
  if (providerOf(db) === "postgresql") return claimSkippingLocked(db, { queues, owner, now, leaseMs });
  const candidates = await db.job.findMany({
    where: {
      queue: { in: queues },
      OR: [
        { status: "queued", runAt: { lte: now } },
        { status: "running", lockedUntil: { lt: now } },
      ],
    },
    orderBy: { runAt: "asc" },
    take: CLAIM_CANDIDATES,
    select: { id: true, queue: true, payload: true, status: true, attempts: true, maxAttempts: true },
  });
  for (const candidate of candidates) {
    // The status and attempt count act as the row's version: whoever updates first wins.
    const version = { id: candidate.id, status: candidate.status, attempts: candidate.attempts };
    if (candidate.status === "running" && candidate.attempts >= candidate.maxAttempts) {
      await db.job.updateMany({
        where: version,
        data: { status: "failed", lastError: "lease expired on the last attempt", finishedAt: now, lockedUntil: null },
      });
      continue;
    }
    const { count } = await db.job.updateMany({
      where: version,
      data: {
        status: "running",
        lockedBy: owner,
        lockedUntil: new Date(now.getTime() + leaseMs),
        attempts: { increment: 1 },
      },
    });
    if (count === 1)
      return {
        id: candidate.id,
        queue: candidate.queue,
        payload: parsePayload(candidate.payload),
        attempt: candidate.attempts + 1,
        maxAttempts: candidate.maxAttempts,
        owner,
      };
  }
  return null;
}

/**
 * PostgreSQL's claim: the oldest due row that no other claimer holds is locked and leased in one
 * statement (`FOR UPDATE SKIP LOCKED`), so concurrent claimers each take a different job instead
 * of queueing on the row lock of the same first candidate and re-checking it (the compare-and-set
 * above, which is exactly-once on PostgreSQL too, but serialises the claimers). Jobs whose lease
 * ran out on their last attempt are marked failed first, as the SQLite path does.
 */
async function claimSkippingLocked(
  db: Db,
  { queues, owner, now, leaseMs }: { queues: string[]; owner: string; now: Date; leaseMs: number },
): Promise<ClaimedJob | null> {
  const inQueues = Prisma.join(queues);
  await db.$executeRaw`
    UPDATE "Job" SET "status" = 'failed', "lastError" = 'lease expired on the last attempt', "finishedAt" = ${now},
      "lockedUntil" = NULL
    WHERE "queue" IN (${inQueues}) AND "status" = 'running' AND "lockedUntil" < ${now}
      AND "attempts" >= "maxAttempts"`;
  const claimed = await db.$queryRaw<
    { id: string; queue: string; payload: unknown; attempts: number; maxAttempts: number }[]
  >`
    UPDATE "Job" AS job
    SET "status" = 'running', "lockedBy" = ${owner}, "lockedUntil" = ${new Date(now.getTime() + leaseMs)},
      "attempts" = job."attempts" + 1
    FROM (
      SELECT "id" FROM "Job"
      WHERE "queue" IN (${inQueues})
        AND (("status" = 'queued' AND "runAt" <= ${now})
          OR ("status" = 'running' AND "lockedUntil" < ${now} AND "attempts" < "maxAttempts"))
      ORDER BY "runAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE job."id" = due."id"
    RETURNING job."id", job."queue", job."payload", job."attempts", job."maxAttempts"`;
  const [row] = claimed;
  if (!row) return null;
  return {
    id: row.id,
    queue: row.queue,
    payload: typeof row.payload === "string" ? parsePayload(row.payload) : row.payload,
    attempt: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    owner,
  };
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Extends the lease while the job runs; false when this process no longer holds it. */
export async function renewJobLease(
  db: Db,
  job: ClaimedJob,
  { now, leaseMs = DEFAULT_LEASE_MS }: { now: Date; leaseMs?: number },
): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: job.id, status: "running", lockedBy: job.owner },
    data: { lockedUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

export async function completeJob(db: Db, job: ClaimedJob, now: Date): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: job.id, status: "running", lockedBy: job.owner },
    data: { status: "done", finishedAt: now, lockedUntil: null, lastError: null },
  });
  return count === 1;
}

/** Exponential backoff: 5 s, 10 s, 20 s, … at most 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 10 * 60_000);
}

/** Queues the job again after its backoff, or marks it failed after its last attempt. */
export async function failJob(
  db: Db,
  job: ClaimedJob,
  error: unknown,
  { now, retryDelay = retryDelayMs }: { now: Date; retryDelay?: (attempt: number) => number },
): Promise<"retry" | "failed" | "lost"> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_LENGTH);
  const last = job.attempt >= job.maxAttempts;
  const { count } = await db.job.updateMany({
    where: { id: job.id, status: "running", lockedBy: job.owner },
    data: last
      ? { status: "failed", lastError: message, finishedAt: now, lockedUntil: null }
      : {
          status: "queued",
          lastError: message,
          runAt: new Date(now.getTime() + retryDelay(job.attempt)),
          lockedBy: null,
          lockedUntil: null,
        },
  });
  if (count !== 1) return "lost";
  return last ? "failed" : "retry";
}

/** Finished jobs are kept a while for whoever looks, then deleted. */
export async function pruneJobs(db: Db, { now, keepMs }: { now: Date; keepMs: number }): Promise<number> {
  const { count } = await db.job.deleteMany({
    where: { status: { in: ["done", "failed"] }, finishedAt: { lt: new Date(now.getTime() - keepMs) } },
  });
  return count;
}
