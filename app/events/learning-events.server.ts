import { Prisma, type PrismaClient } from "@prisma/client";
import { z } from "zod";

import type { EventWrite, LearningEvent, LearningEventOutcome, LearningEvents, Tx } from "~/domain/learning-events";

import { completeModuleIfDone } from "./completion.server";

/**
 * The one place a learning event is handled (docs/decisions/008-learning-event-path.md).
 *
 * `record` runs the change that causes the event and writes the event to LearningEventOutbox in
 * one transaction. Right after the commit it applies the event's consequences in a second
 * transaction that first deletes the outbox row: the row is the claim, so the consequences are
 * applied exactly once even when a drain and the request race, and a crash between the two
 * transactions leaves the row for `drain` (run at start-up and periodically) to apply.
 *
 * Consequences recompute from the current state (the completion rule reads progress, reports
 * rebuild from the learning tables, a certificate is idempotent per attempt), so an event applied
 * late or after a later one still converges on the same result.
 *
 * The certificate and report functions are injected: they live in capabilities above this one.
 */
export interface LearningEventConsequences {
  issueCertificate(
    tx: Tx,
    input: { userId: string; moduleId: string; attemptId: string | null; completedAt: Date; now: Date },
  ): Promise<{ id: string; code: string } | null>;
  /** The learner's report rows: of one module, or of all their cohort modules. */
  refreshLearnerReports(tx: Tx, input: { userId: string; moduleId?: string; now: Date }): Promise<void>;
  /** Whole cohorts' report rows, after a membership ended. */
  rebuildCohortReports(tx: Tx, input: { cohortIds: string[]; now: Date }): Promise<void>;
}

export interface DrainResult {
  applied: number;
  failed: number;
}

export interface LearningEventService extends LearningEvents {
  /** Applies stored events whose consequences were not applied (oldest first, at most `limit`). */
  drain(db: PrismaClient, options?: { limit?: number }): Promise<DrainResult>;
}

const TRANSACTION = { timeout: 15_000, maxWait: 15_000 } as const;
const DRAIN_LIMIT = 500;
const LAST_ERROR_MAX = 2_000;

const id = z.string().min(1);
const storedEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("lessonOpened"), userId: id, moduleId: id }),
  z.object({ type: z.literal("lessonCompleted"), userId: id, moduleId: id }),
  z.object({ type: z.literal("assessmentSubmitted"), userId: id, moduleId: id, attemptId: id, passed: z.boolean() }),
  z.object({ type: z.literal("surveyAnswered"), userId: id, moduleId: id }),
  z.object({ type: z.literal("scormLaunched"), userId: id, moduleId: id }),
  z.object({ type: z.literal("scormStatusChanged"), userId: id, moduleId: id, scoId: id }),
  z.object({ type: z.literal("cohortJoined"), userId: id, cohortId: id }),
  z.object({ type: z.literal("cohortLeft"), userId: id, cohortId: id }),
  z.object({ type: z.literal("accountDeleted"), cohortIds: z.array(id) }),
]) satisfies z.ZodType<LearningEvent>;

export function createLearningEvents(consequences: LearningEventConsequences): LearningEventService {
  async function moduleCompleted(db: PrismaClient | Tx, userId: string, moduleId: string): Promise<boolean> {
    const row = await db.moduleCompletion.findUnique({
      where: { userId_moduleId: { userId, moduleId } },
      select: { id: true },
    });
    return row !== null;
  }

  /** The completion rule, and a certificate for what it newly completed (or for a re-certification). */
  async function completeAndCertify(
    tx: Tx,
    {
      userId,
      moduleId,
      now,
      recertifyWith,
    }: { userId: string; moduleId: string; now: Date; recertifyWith: string | null },
  ): Promise<LearningEventOutcome> {
    const { fact, isNew } = await completeModuleIfDone(tx, { userId, moduleId, now });
    if (!fact) return { moduleCompleted: false, certificate: null };
    // A pass after the first completion is a re-certification: it earns a certificate of its own.
    const attemptId = isNew ? fact.attemptId : recertifyWith;
    if (!isNew && attemptId === null) return { moduleCompleted: true, certificate: null };
    const completedAt = isNew ? fact.completedAt : now;
    const certificate = await consequences.issueCertificate(tx, { userId, moduleId, attemptId, completedAt, now });
    return { moduleCompleted: true, certificate };
  }

  async function applyConsequences(tx: Tx, event: LearningEvent, now: Date): Promise<LearningEventOutcome> {
    const none: LearningEventOutcome = { moduleCompleted: false, certificate: null };
    switch (event.type) {
      case "lessonOpened":
      case "surveyAnswered":
      case "scormLaunched": {
        await consequences.refreshLearnerReports(tx, { userId: event.userId, moduleId: event.moduleId, now });
        return { moduleCompleted: await moduleCompleted(tx, event.userId, event.moduleId), certificate: null };
      }
      case "lessonCompleted":
      case "scormStatusChanged":
      case "assessmentSubmitted": {
        const { userId, moduleId } = event;
        const recertifyWith = event.type === "assessmentSubmitted" ? event.attemptId : null;
        const outcome =
          event.type === "assessmentSubmitted" && !event.passed
            ? { moduleCompleted: await moduleCompleted(tx, userId, moduleId), certificate: null }
            : await completeAndCertify(tx, { userId, moduleId, now, recertifyWith });
        await consequences.refreshLearnerReports(tx, { userId, moduleId, now });
        return outcome;
      }
      case "cohortJoined":
        await consequences.refreshLearnerReports(tx, { userId: event.userId, now });
        return none;
      case "cohortLeft":
        await consequences.rebuildCohortReports(tx, { cohortIds: [event.cohortId], now });
        return none;
      case "accountDeleted":
        if (event.cohortIds.length > 0)
          await consequences.rebuildCohortReports(tx, { cohortIds: event.cohortIds, now });
        return none;
    }
  }

  /**
   * Applies one stored event. Returns null when the row is gone: another caller (a drain, or the
   * request that recorded it) applied it first.
   */
  async function apply(db: PrismaClient, eventId: string): Promise<LearningEventOutcome | null> {
    try {
      return await db.$transaction(async (tx) => {
        // The claim and the read in one statement (RETURNING: SQLite 3.35+, PostgreSQL).
        const [row] = await tx.$queryRaw<{ event: string; occurredAt: Date | string }[]>(
          Prisma.sql`DELETE FROM "LearningEventOutbox" WHERE "id" = ${eventId} RETURNING "event", "occurredAt"`,
        );
        if (!row) return null;
        const event = storedEvent.parse(JSON.parse(row.event));
        return applyConsequences(tx, event, new Date(row.occurredAt));
      }, TRANSACTION);
    } catch (error) {
      // Left in the outbox for the next drain; the count and message are for whoever looks. The
      // original error is the one to report, even if noting it fails as well.
      await db.learningEventOutbox
        .updateMany({
          where: { id: eventId },
          data: {
            attempts: { increment: 1 },
            lastError: String(error instanceof Error ? error.message : error).slice(0, LAST_ERROR_MAX),
          },
        })
        .catch(() => undefined);
      throw error;
    }
  }

  return {
    async record<T>(db: PrismaClient, occurredAt: Date, write: EventWrite<T>) {
      const { value, event, eventId } = await db.$transaction(async (tx) => {
        const done = await write(tx);
        if (!done.event) return { ...done, eventId: null };
        const row = await tx.learningEventOutbox.create({
          data: { type: done.event.type, event: JSON.stringify(done.event), occurredAt },
          select: { id: true },
        });
        return { ...done, eventId: row.id };
      }, TRANSACTION);
      if (!event || !eventId) return { value, outcome: null };
      const outcome = await apply(db, eventId);
      if (outcome) return { value, outcome };
      // Applied by a drain in the meantime: report the state it left.
      const completed = "moduleId" in event ? await moduleCompleted(db, event.userId, event.moduleId) : false;
      return { value, outcome: { moduleCompleted: completed, certificate: null } };
    },

    async drain(db, { limit = DRAIN_LIMIT } = {}) {
      const rows = await db.learningEventOutbox.findMany({
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
        take: limit,
        select: { id: true },
      });
      const result: DrainResult = { applied: 0, failed: 0 };
      for (const row of rows) {
        try {
          if (await apply(db, row.id)) result.applied++;
        } catch {
          result.failed++;
        }
      }
      return result;
    },
  };
}
