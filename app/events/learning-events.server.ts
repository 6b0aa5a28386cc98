import { Prisma, type PrismaClient } from "@prisma/client";
import { z } from "zod";

import type { EventWrite, LearningEvent, LearningEventOutcome, LearningEvents, Tx } from "~/domain/learning-events";

import { completeModuleIfDone } from "./completion.server";

/**
 * The one place a learning event is handled (docs/decisions/008-learning-event-path.md,
 * docs/decisions/017-deferred-report-refresh.md).
 *
 * `record` runs the change that causes the event and writes the event to LearningEventOutbox in
 * one transaction. For an event about one module, the consequences the learner sees in the answer
 * (the completion rule, a certificate for a new completion or a re-certification) run in that
 * same transaction, and the stored row, marked `stage: "reports"`, only carries what nobody waits
 * for: refreshing the learner's report rows. Cohort and account events store the whole event.
 *
 * A stored row is applied in a transaction that first deletes it: the row is the claim, so it is
 * applied exactly once even when two appliers race, and a crash before that leaves the row for
 * `drain` (run at start-up and every minute). Until `deferTo` hands stored rows to a background
 * applier (server processes do, at start), `record` applies the row itself right after the commit.
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

/** Takes the id of a stored row right after its commit, to apply it soon (`applyStored`). */
export type DeferredApplier = (eventId: string) => void;

export interface LearningEventService extends LearningEvents {
  /** Applies stored events whose consequences were not applied (oldest first, at most `limit`). */
  drain(db: PrismaClient, options?: { limit?: number }): Promise<DrainResult>;
  /**
   * Applies the given stored rows in one transaction: rows that carry the same refresh (the same
   * learner and module, say) are applied once. Rows already gone were applied by someone else; a
   * failure rolls the batch back and leaves its rows for the next drain.
   */
  applyStored(db: PrismaClient, eventIds: readonly string[]): Promise<DrainResult>;
  /** From now on `record` hands stored rows to `applier` instead of applying them itself; null undoes it. */
  deferTo(applier: DeferredApplier | null): void;
}

const TRANSACTION = { timeout: 15_000, maxWait: 15_000 } as const;
const DRAIN_LIMIT = 500;
const LAST_ERROR_MAX = 2_000;

const id = z.string().min(1);
/** A stored module event whose completion and certificate were applied with the change. */
const REPORTS_STAGE = "reports";
const storedStage = z.object({ stage: z.literal(REPORTS_STAGE).optional() });
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

  /**
   * What the learner's answer shows: for a module event, the completion rule and its certificate
   * (or only whether the module is complete); nothing for cohort and account events.
   */
  async function applyVisible(tx: Tx, event: LearningEvent, now: Date): Promise<LearningEventOutcome> {
    switch (event.type) {
      case "lessonOpened":
      case "surveyAnswered":
      case "scormLaunched":
        return { moduleCompleted: await moduleCompleted(tx, event.userId, event.moduleId), certificate: null };
      case "lessonCompleted":
      case "scormStatusChanged":
      case "assessmentSubmitted": {
        const { userId, moduleId } = event;
        if (event.type === "assessmentSubmitted" && !event.passed)
          return { moduleCompleted: await moduleCompleted(tx, userId, moduleId), certificate: null };
        const recertifyWith = event.type === "assessmentSubmitted" ? event.attemptId : null;
        return completeAndCertify(tx, { userId, moduleId, now, recertifyWith });
      }
      case "cohortJoined":
      case "cohortLeft":
      case "accountDeleted":
        return { moduleCompleted: false, certificate: null };
    }
  }

  /** What nobody waits for: the report rows the event changes. */
  async function applyReports(tx: Tx, event: LearningEvent, now: Date): Promise<void> {
    switch (event.type) {
      case "cohortJoined":
        return consequences.refreshLearnerReports(tx, { userId: event.userId, now });
      case "cohortLeft":
        return consequences.rebuildCohortReports(tx, { cohortIds: [event.cohortId], now });
      case "accountDeleted":
        if (event.cohortIds.length > 0)
          await consequences.rebuildCohortReports(tx, { cohortIds: event.cohortIds, now });
        return;
      default:
        return consequences.refreshLearnerReports(tx, { userId: event.userId, moduleId: event.moduleId, now });
    }
  }

  const isModuleEvent = (event: LearningEvent) =>
    event.type !== "cohortJoined" && event.type !== "cohortLeft" && event.type !== "accountDeleted";

  /** A stored row: its event, and whether its visible consequences were applied with the change. */
  function parseStored(text: string): { event: LearningEvent; reportsOnly: boolean } {
    const json: unknown = JSON.parse(text);
    return { event: storedEvent.parse(json), reportsOnly: storedStage.parse(json).stage === REPORTS_STAGE };
  }

  /** Notes a failed application on the rows, which stay for the next drain. */
  async function noteFailure(db: PrismaClient, eventIds: string[], error: unknown) {
    // The original error is the one to report, even if noting it fails as well.
    await db.learningEventOutbox
      .updateMany({
        where: { id: { in: eventIds } },
        data: {
          attempts: { increment: 1 },
          lastError: String(error instanceof Error ? error.message : error).slice(0, LAST_ERROR_MAX),
        },
      })
      .catch(() => undefined);
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
        const { event, reportsOnly } = parseStored(row.event);
        const occurredAt = new Date(row.occurredAt);
        const outcome = reportsOnly ? null : await applyVisible(tx, event, occurredAt);
        await applyReports(tx, event, occurredAt);
        return outcome ?? { moduleCompleted: false, certificate: null };
      }, TRANSACTION);
    } catch (error) {
      // Left in the outbox for the next drain; the count and message are for whoever looks.
      await noteFailure(db, [eventId], error);
      throw error;
    }
  }

  let deferred: DeferredApplier | null = null;

  return {
    async record<T>(db: PrismaClient, occurredAt: Date, write: EventWrite<T>) {
      const { value, event, eventId, outcome } = await db.$transaction(async (tx) => {
        const done = await write(tx);
        if (!done.event) return { ...done, eventId: null, outcome: null };
        // A module event's visible consequences commit with the change; its stored row keeps the rest.
        const visible = isModuleEvent(done.event) ? await applyVisible(tx, done.event, occurredAt) : null;
        const stored = visible ? { ...done.event, stage: REPORTS_STAGE } : done.event;
        const row = await tx.learningEventOutbox.create({
          data: { type: done.event.type, event: JSON.stringify(stored), occurredAt },
          select: { id: true },
        });
        return { ...done, eventId: row.id, outcome: visible };
      }, TRANSACTION);
      if (!event || !eventId) return { value, outcome: null };
      if (outcome && deferred) {
        deferred(eventId);
        return { value, outcome };
      }
      const applied = await apply(db, eventId);
      if (outcome) return { value, outcome };
      if (applied) return { value, outcome: applied };
      // Applied by a drain in the meantime: report the state it left.
      const completed = "moduleId" in event ? await moduleCompleted(db, event.userId, event.moduleId) : false;
      return { value, outcome: { moduleCompleted: completed, certificate: null } };
    },

    deferTo(applier) {
      deferred = applier;
    },

    async applyStored(db, eventIds) {
      const result: DrainResult = { applied: 0, failed: 0 };
      if (eventIds.length === 0) return result;
      const ids = [...eventIds];
      try {
        // One claim and one transaction for the batch; rows that carry the same work (a learner
        // working through one module) are applied once, at the latest occurrence's time.
        result.applied = await db.$transaction(async (tx) => {
          const claimed = await tx.$queryRaw<{ event: string; occurredAt: Date | string }[]>(
            Prisma.sql`DELETE FROM "LearningEventOutbox" WHERE "id" IN (${Prisma.join(ids)}) RETURNING "event", "occurredAt"`,
          );
          const latest = new Map<string, Date>();
          for (const row of claimed) {
            const occurredAt = new Date(row.occurredAt);
            const seen = latest.get(row.event);
            if (!seen || occurredAt > seen) latest.set(row.event, occurredAt);
          }
          for (const [text, occurredAt] of latest) {
            const { event, reportsOnly } = parseStored(text);
            if (!reportsOnly) await applyVisible(tx, event, occurredAt);
            await applyReports(tx, event, occurredAt);
          }
          return claimed.length;
        }, TRANSACTION);
      } catch (error) {
        // The batch rolled back: its rows stay for the drain, which applies them one by one.
        await noteFailure(db, ids, error);
        result.failed = ids.length;
      }
      return result;
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
