/**
 * The learning-event service wired to its consequences. The service (app/events) sits below the
 * certificate and report capabilities it drives, so it cannot import them; this app-level module,
 * like the routes and entry.server, may import every layer and does the wiring once.
 */
import { issueCertificate } from "~/certificates/issue.server";
import { createLearningEvents } from "~/events/learning-events.server";
import { rebuildCohortReports, refreshLearnerReports } from "~/reports/refresh.server";

export const learningEvents = createLearningEvents({ issueCertificate, refreshLearnerReports, rebuildCohortReports });

const DRAIN_INTERVAL_MS = 60_000;

/**
 * Applies what a crash left in the outbox at start-up, then every minute (events whose
 * application failed are retried until it succeeds).
 */
export function startLearningEventDrain(): { stop: () => void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const { prisma, databaseReady } = await import("./db/client.server");
      await databaseReady();
      const result = await learningEvents.drain(prisma);
      if (result.applied > 0) console.info(`learning events: applied ${result.applied} left from before`);
      if (result.failed > 0)
        console.error(`learning events: ${result.failed} could not be applied; see LearningEventOutbox.lastError`);
    } catch (error) {
      console.error("learning events: drain failed", error);
    } finally {
      running = false;
    }
  };
  void run();
  const interval = setInterval(() => void run(), DRAIN_INTERVAL_MS);
  interval.unref();
  return { stop: () => clearInterval(interval) };
}
