import type { Prisma, PrismaClient } from "@prisma/client";

/**
 * The vocabulary of learning events, shared by the capabilities that cause them (learning,
 * assessment, scorm, organisations, account) and the event service that applies their
 * consequences (app/events). It lives here, below all of them, so a capability can name the
 * event it causes without importing the layer that handles it.
 */
export type LearningEvent =
  /** The first lesson of a module was opened: the learner started the module. */
  | { type: "lessonOpened"; userId: string; moduleId: string }
  | { type: "lessonCompleted"; userId: string; moduleId: string }
  | { type: "assessmentSubmitted"; userId: string; moduleId: string; attemptId: string; passed: boolean }
  | { type: "surveyAnswered"; userId: string; moduleId: string }
  /** The first launch of a SCO of a SCORM module that changed no status: the learner started the module. */
  | { type: "scormLaunched"; userId: string; moduleId: string }
  /** A commit (or the opening of an asset) changed a SCO's completion or success status. */
  | { type: "scormStatusChanged"; userId: string; moduleId: string; scoId: string }
  | { type: "cohortJoined"; userId: string; cohortId: string }
  | { type: "cohortLeft"; userId: string; cohortId: string }
  /** The learner is gone; only the cohorts whose reports counted them remain to be named. */
  | { type: "accountDeleted"; cohortIds: string[] };

/** What applying an event's consequences came to, for the page or answer that caused it. */
export interface LearningEventOutcome {
  /** For events about one module: whether it is (now or already) complete. */
  moduleCompleted: boolean;
  /** The certificate this event issued (a completion or a re-certification), if any. */
  certificate: { id: string; code: string } | null;
}

export type Tx = Prisma.TransactionClient;

/** An event-causing change: its own writes in the given transaction, and the event it caused (or none). */
export type EventWrite<T> = (tx: Tx) => Promise<{ value: T; event: LearningEvent | null }>;

/**
 * The port through which a capability records the event its change causes. `record` runs the
 * write and stores the event (with the time it happened) in one transaction, then applies the
 * event's consequences once; `outcome` is null when the write caused no event.
 */
export interface LearningEvents {
  record<T>(
    db: PrismaClient,
    occurredAt: Date,
    write: EventWrite<T>,
  ): Promise<{ value: T; outcome: LearningEventOutcome | null }>;
}
