/**
 * The background jobs every server process runs from the job table (app/jobs), wired to their
 * capabilities here at the app level, which may import every layer. Each process polls; the table
 * makes sure each job runs once, whichever process or instance claims it.
 */
import type { PrismaClient } from "@prisma/client";

import { BUNDLE_QUEUE, runCertificateBundleJob } from "~/certificates/bundle.server";
import {
  CERTIFICATE_REMINDER_QUEUE,
  certificateReminderRecurrence,
  runCertificateReminders,
} from "~/certificates/reminder-scheduler.server";
import { pruneJobs } from "~/jobs/queue.server";
import { startJobWorker, type JobHandler, type JobWorker, type RecurringJob } from "~/jobs/worker.server";

import { learningEvents } from "./learning-events.server";

const MINUTE_MS = 60_000;
const LEARNING_EVENT_DRAIN_QUEUE = "learning-event-drain";
const CLEANUP_QUEUE = "cleanup";
const FINISHED_JOBS_KEPT_MS = 24 * 60 * MINUTE_MS;

/** What each queue runs; `options` lets tests point the bundle job at their own directories. */
export function backgroundJobHandlers(
  options: Parameters<typeof runCertificateBundleJob>[2] = {},
): Record<string, JobHandler> {
  return {
    [BUNDLE_QUEUE]: (job, { db }) => runCertificateBundleJob(db, job.payload, options),
    [CERTIFICATE_REMINDER_QUEUE]: (_job, { db }) => runCertificateReminders(db),
    // Applies what a crash left in the outbox; failed events stay for the next run.
    [LEARNING_EVENT_DRAIN_QUEUE]: async (_job, { db }) => {
      const result = await learningEvents.drain(db);
      if (result.applied > 0) console.info(`learning events: applied ${result.applied} left from before`);
      if (result.failed > 0)
        console.error(`learning events: ${result.failed} could not be applied; see LearningEventOutbox.lastError`);
    },
    [CLEANUP_QUEUE]: async (_job, { db }) => {
      await pruneJobs(db, { now: new Date(), keepMs: FINISHED_JOBS_KEPT_MS });
    },
  };
}

export function recurringJobs(env: Record<string, string | undefined> = process.env): RecurringJob[] {
  const reminders = certificateReminderRecurrence(env);
  return [
    { queue: LEARNING_EVENT_DRAIN_QUEUE, everyMs: MINUTE_MS },
    { queue: CLEANUP_QUEUE, everyMs: 60 * MINUTE_MS },
    ...(reminders ? [reminders] : []),
  ];
}

/** How long stored learning events collect before they are applied together. */
const DEFERRED_EVENTS_DELAY_MS = 50;

/**
 * Applies the report refresh of the learning events this process records, shortly after each
 * answer and together: rows that carry the same refresh (a learner working through one module)
 * are applied once (docs/decisions/017-deferred-report-refresh.md). The rows are durable; this only
 * decides when they are applied. What a crash leaves is applied by the drain job at the next start
 * or within a minute, by whichever process gets there first. `flush` applies what is collected now.
 */
export function startDeferredLearningEvents(
  db: PrismaClient,
  { delayMs = DEFERRED_EVENTS_DELAY_MS, log = console }: { delayMs?: number; log?: Pick<Console, "error"> } = {},
) {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const ids = pending;
    pending = [];
    running = running.then(async () => {
      if (ids.length === 0) return;
      const result = await learningEvents.applyStored(db, ids).catch((error: unknown) => {
        log.error("learning events: applying the report refresh failed; the drain job retries", error);
        return null;
      });
      if (result && result.failed > 0)
        log.error(`learning events: ${result.failed} could not be applied; see LearningEventOutbox.lastError`);
    });
    return running;
  };
  learningEvents.deferTo((id) => {
    pending.push(id);
    if (timer) return;
    timer = setTimeout(() => void flush(), delayMs);
    timer.unref();
  });
  return {
    flush,
    async stop() {
      learningEvents.deferTo(null);
      await flush();
    },
  };
}

/** Started once per server process (entry.server's prepareServer); stopped on shutdown. */
export function startBackgroundJobs(db: PrismaClient): JobWorker {
  const deferred = startDeferredLearningEvents(db);
  const worker = startJobWorker({ db, handlers: backgroundJobHandlers(), recurring: recurringJobs(), pollMs: 2_000 });
  return {
    ...worker,
    async stop() {
      await deferred.stop();
      await worker.stop();
    },
  };
}
