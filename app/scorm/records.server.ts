/**
 * A learner's SCORM records — the platform's status of each attempt and everything the content
 * stored (objectives, interactions, location, suspend data, shared data) — for the data export
 * (app/account/privacy.server.ts) and per-question reports.
 */
import type { PrismaClient } from "@prisma/client";

import { runtimeVersion } from "./rules";
import { interactionRecords, objectiveRecords, type InteractionRecord, type ObjectiveRecord } from "./runtime/records";
import type { CmiState } from "./runtime/types";

export interface ScormAttemptRecord {
  moduleId: string;
  scoTitle: string;
  itemId: string;
  attemptNumber: number;
  completion: string;
  success: string;
  scoreScaled: number | null;
  scoreRaw: number | null;
  totalSeconds: number;
  sessions: number;
  startedAt: string;
  updatedAt: string;
  completedAt: string | null;
  objectives: ObjectiveRecord[];
  interactions: InteractionRecord[];
  /** Every stored data model value (flat element → value), as the content left it. */
  cmi: Record<string, string>;
}

export interface ScormSharedDataRecord {
  targetId: string;
  scope: string;
  store: string;
  updatedAt: string;
}

export async function scormRecordsOfLearner(
  db: PrismaClient,
  userId: string,
): Promise<{ attempts: ScormAttemptRecord[]; sharedData: ScormSharedDataRecord[] }> {
  const [attempts, shared] = await Promise.all([
    db.scormAttempt.findMany({
      where: { userId },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      select: {
        cmi: true,
        attemptNumber: true,
        completion: true,
        success: true,
        scoreScaled: true,
        scoreRaw: true,
        totalSeconds: true,
        sessions: true,
        startedAt: true,
        updatedAt: true,
        completedAt: true,
        sco: { select: { title: true, itemId: true, package: { select: { moduleId: true, version: true } } } },
      },
    }),
    db.scormSharedData.findMany({
      where: { userId },
      orderBy: [{ scope: "asc" }, { targetId: "asc" }],
      select: { targetId: true, scope: true, store: true, updatedAt: true },
    }),
  ]);
  return {
    attempts: attempts.map((attempt) => {
      const version = runtimeVersion(attempt.sco.package.version);
      const cmi = parseStoredCmi(attempt.cmi);
      return {
        moduleId: attempt.sco.package.moduleId,
        scoTitle: attempt.sco.title,
        itemId: attempt.sco.itemId,
        attemptNumber: attempt.attemptNumber,
        completion: attempt.completion,
        success: attempt.success,
        scoreScaled: attempt.scoreScaled,
        scoreRaw: attempt.scoreRaw,
        totalSeconds: attempt.totalSeconds,
        sessions: attempt.sessions,
        startedAt: attempt.startedAt.toISOString(),
        updatedAt: attempt.updatedAt.toISOString(),
        completedAt: attempt.completedAt?.toISOString() ?? null,
        objectives: objectiveRecords(version, cmi),
        interactions: interactionRecords(version, cmi),
        cmi,
      };
    }),
    sharedData: shared.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() })),
  };
}

export interface ModuleInteractionRow {
  userId: string;
  scoTitle: string;
  interaction: InteractionRecord;
}

/**
 * Every stored interaction of a SCORM module's learners, for per-question reports (item analysis
 * of imported content). The caller decides who may see them and suppresses small groups.
 */
export async function scormInteractionsOfModule(db: PrismaClient, moduleId: string): Promise<ModuleInteractionRow[]> {
  const attempts = await db.scormAttempt.findMany({
    where: { sco: { package: { moduleId } } },
    orderBy: [{ sco: { position: "asc" } }, { userId: "asc" }],
    select: { userId: true, cmi: true, sco: { select: { title: true, package: { select: { version: true } } } } },
  });
  return attempts.flatMap((attempt) =>
    interactionRecords(runtimeVersion(attempt.sco.package.version), parseStoredCmi(attempt.cmi)).map((interaction) => ({
      userId: attempt.userId,
      scoTitle: attempt.sco.title,
      interaction,
    })),
  );
}

export function parseStoredCmi(json: string): CmiState & Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}
