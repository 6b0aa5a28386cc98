import type { PrismaClient } from "@prisma/client";

import {
  claimJob,
  completeJob,
  DEFAULT_LEASE_MS,
  enqueueJob,
  failJob,
  processOwnerId,
  renewJobLease,
  retryDelayMs,
  type ClaimedJob,
} from "./queue.server";

/** Runs one job; a throw (or rejection) is a failed attempt, retried after its backoff. */
export type JobHandler = (job: ClaimedJob, context: { db: PrismaClient }) => Promise<void>;

/** A job enqueued once per period by whichever process gets there first (its key names the period). */
export interface RecurringJob {
  queue: string;
  everyMs: number;
}

export interface JobWorkerOptions {
  db: PrismaClient;
  handlers: Record<string, JobHandler>;
  recurring?: RecurringJob[];
  owner?: string;
  /** Idle wait between polls; `wake()` cuts it short. */
  pollMs?: number;
  leaseMs?: number;
  retryDelay?: (attempt: number) => number;
  clock?: () => Date;
  log?: Pick<Console, "info" | "error">;
}

export interface JobWorker {
  owner: string;
  /** Polls now (after this process enqueued something, say) instead of at the next tick. */
  wake(): void;
  /** Stops claiming and resolves once the job in hand (if any) has finished. */
  stop(): Promise<void>;
}

/** The key of a recurring job's run in the period that contains `now`. */
export function recurringKey(job: RecurringJob, now: Date): string {
  const start = Math.floor(now.getTime() / job.everyMs) * job.everyMs;
  return `${job.queue}@${new Date(start).toISOString()}`;
}

/**
 * Polls the job table for the handlers' queues, one job at a time, in the background of the
 * process. Its timers never keep the process alive. Every process runs one; the table decides
 * who runs what.
 */
export function startJobWorker({
  db,
  handlers,
  recurring = [],
  owner = processOwnerId(),
  pollMs = 1_000,
  leaseMs = DEFAULT_LEASE_MS,
  retryDelay = retryDelayMs,
  clock = () => new Date(),
  log = console,
}: JobWorkerOptions): JobWorker {
  const queues = Object.keys(handlers);
  const scheduled = new Map<string, string>();
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let pendingWake = false;

  const idle = () =>
    new Promise<void>((resolve) => {
      if (pendingWake || stopping) {
        pendingWake = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, pollMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function enqueueRecurring() {
    for (const job of recurring) {
      const key = recurringKey(job, clock());
      if (scheduled.get(job.queue) === key) continue;
      await enqueueJob(db, { queue: job.queue, key });
      scheduled.set(job.queue, key);
    }
  }

  async function run(job: ClaimedJob) {
    const handler = handlers[job.queue];
    // The lease is renewed well before it runs out, so only a process that died loses its job.
    const renewal = setInterval(() => {
      renewJobLease(db, job, { now: clock(), leaseMs }).catch((error: unknown) =>
        log.error(`jobs: renewing the lease of ${job.id} failed`, error),
      );
    }, leaseMs / 3);
    renewal.unref();
    try {
      if (!handler) throw new Error(`no handler for queue ${job.queue}`);
      await handler(job, { db });
      await completeJob(db, job, clock());
    } catch (error) {
      const outcome = await failJob(db, job, error, { now: clock(), retryDelay });
      log.error(`jobs: ${job.queue} ${job.id} attempt ${job.attempt} failed (${outcome})`, error);
    } finally {
      clearInterval(renewal);
    }
  }

  async function loop() {
    while (!stopping) {
      try {
        await enqueueRecurring();
        const job = await claimJob(db, { queues, owner, now: clock(), leaseMs });
        if (job) {
          await run(job);
          continue;
        }
      } catch (error) {
        log.error("jobs: polling failed", error);
      }
      await idle();
    }
  }

  const running = loop();
  return {
    owner,
    wake() {
      if (wakeUp) wakeUp();
      else pendingWake = true;
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await running;
    },
  };
}
