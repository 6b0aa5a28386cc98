/**
 * The learner side of SCORM: launching a SCO (the state scorm-again is loaded with) and storing
 * its commits. A learner's attempt is always found by the signed-in user and the SCO in the URL;
 * nothing the browser sends can point at another learner's data.
 */
import { Prisma, type PrismaClient } from "@prisma/client";

import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import type { LearningEvents } from "~/domain/learning-events";
import { pickLocale } from "~/domain/module-title";

import { fractionDone, resumeScoId, scormScoStates, type ScoState } from "./completion.server";
import {
  launchContextFor,
  parseRuntimeSettings,
  passRuleFor,
  runtimeVersion,
  scoProgress,
  type PassRule,
  type ScoProgress,
} from "./rules";
import { attemptStatus, splitCommitEnvelope, validateCommit, type CommitError } from "./runtime/commit";
import { launchState, mergeCommit } from "./runtime/state";
import type { CmiState, ScormVersion } from "./runtime/types";
import { rollupAfterCommit } from "./sequencing/learner.server";
import { parseStoredCmi as parseCmi } from "./records.server";
import { readSharedData, sharedDataWrites, writeSharedData, type SharedDataView } from "./shared-data.server";
import { PACKAGE_FILES_PREFIX } from "./storage.server";

export interface PlayerLaunch {
  moduleId: string;
  moduleTitle: string;
  contentLocale: string;
  version: ScormVersion;
  sco: { id: string; title: string; kind: string };
  /** Same-origin URL of the SCO's launch file, or the external address of an external asset. */
  launchUrl: string;
  external: boolean;
  /** The session number commits must carry (ScormAttempt.sessions after this launch). */
  session: number;
  /** The cmi data to load into scorm-again before the SCO starts (empty for an asset). */
  state: CmiState;
  /** SCORM 2004 4th edition shared data the SCO maps (adl.data), with the current stores. */
  sharedData: SharedDataView[];
  scos: ScoState[];
  moduleCompleted: boolean;
}

/**
 * Opens a SCO for a learner: enrols them in the module the first time, and starts a session on
 * their attempt. The launch state (runtime/state.ts) is stored, so the session's commits are
 * validated against exactly what the SCO was given. An asset has no run-time: opening it completes it.
 * Returns null when the SCO does not exist in a current module.
 */
export async function launchSco(
  db: PrismaClient,
  {
    moduleId,
    scoId,
    user,
    locale,
    events,
    now,
  }: {
    moduleId: string;
    scoId: string;
    user: { id: string; name: string };
    locale: Locale;
    events: LearningEvents;
    now: Date;
  },
): Promise<PlayerLaunch | null> {
  const sco = await db.scormSco.findFirst({
    where: { id: scoId, package: { moduleId, module: { archived: false } } },
    select: {
      id: true,
      title: true,
      launch: true,
      scormType: true,
      runtime: true,
      package: {
        select: {
          id: true,
          version: true,
          storageKey: true,
          module: { select: { contentHash: true, passMark: true, locales: { select: { locale: true, title: true } } } },
        },
      },
    },
  });
  if (!sco) return null;
  const version = runtimeVersion(sco.package.version);
  const module = sco.package.module;
  const userId = user.id;

  const { value: launched, outcome } = await events.record(db, now, async (tx) => {
    const enrollment = await tx.enrollment.upsert({
      where: { userId_moduleId: { userId, moduleId } },
      create: { userId, moduleId, contentHash: module.contentHash, startedAt: now, lastActivityAt: now },
      update: { lastActivityAt: now },
      select: { startedAt: true },
    });
    const firstLaunch = enrollment.startedAt.getTime() === now.getTime();
    const existing = await tx.scormAttempt.findUnique({
      where: { userId_scoId: { userId, scoId } },
      select: { cmi: true, sessions: true, attemptEnded: true },
    });
    let statusChanged = false;
    let state: CmiState = {};
    let sharedData: SharedDataView[] = [];
    let attempt: { sessions: number };
    if (sco.scormType === "asset") {
      attempt = await tx.scormAttempt.upsert({
        where: { userId_scoId: { userId, scoId } },
        create: {
          userId,
          scoId,
          completion: "completed",
          sessions: 1,
          startedAt: now,
          updatedAt: now,
          completedAt: now,
        },
        update: { sessions: { increment: 1 }, updatedAt: now },
        select: { sessions: true },
      });
      statusChanged = existing === null;
    } else {
      const runtime = parseRuntimeSettings(sco.runtime);
      const rule = passRuleFor(version, runtime, module.passMark);
      sharedData = await readSharedData(tx, { userId, packageId: sco.package.id, runtime });
      const context = {
        ...launchContextFor(version, runtime, rule, { id: userId, name: user.name, language: locale }),
        sharedData,
      };
      // RTE 4.2.8: a 2004 attempt ends when the SCO terminates without suspending; the next launch
      // is a new attempt with fresh data.
      const newAttempt = existing !== null && existing.attemptEnded;
      const previous = existing && existing.sessions > 0 && !newAttempt ? parseCmi(existing.cmi) : null;
      state = launchState(version, context, previous);
      const derived = attemptStatus(version, state);
      const fields = {
        cmi: JSON.stringify(state),
        commitSeq: 0,
        totalSeconds: derived.totalTimeSeconds,
        updatedAt: now,
      };
      attempt = await tx.scormAttempt.upsert({
        where: { userId_scoId: { userId, scoId } },
        create: { userId, scoId, ...fields, sessions: 1, startedAt: now },
        update: {
          ...fields,
          sessions: { increment: 1 },
          ...(newAttempt ? { attemptNumber: { increment: 1 }, attemptEnded: false, suspended: false } : {}),
        },
        select: { sessions: true },
      });
    }
    const event = statusChanged
      ? ({ type: "scormStatusChanged", userId, moduleId, scoId } as const)
      : firstLaunch
        ? ({ type: "scormLaunched", userId, moduleId } as const)
        : null;
    return { value: { session: attempt.sessions, state, sharedData }, event };
  });

  const [scos, completed] = await Promise.all([
    scormScoStates(db, { userId, moduleIds: [moduleId] }),
    outcome?.moduleCompleted ??
      db.moduleCompletion.findUnique({ where: { userId_moduleId: { userId, moduleId } }, select: { userId: true } }),
  ]);
  const title = pickLocale(module.locales, locale);
  const external = /^[a-z][a-z0-9+.-]*:/i.test(sco.launch);
  return {
    moduleId,
    moduleTitle: title?.title ?? moduleId,
    contentLocale: title?.locale ?? DEFAULT_LOCALE,
    version,
    sco: { id: sco.id, title: sco.title, kind: sco.scormType },
    launchUrl: external ? sco.launch : `${PACKAGE_FILES_PREFIX}/${sco.package.storageKey}/${sco.launch}`,
    external,
    session: launched.session,
    state: launched.state,
    sharedData: launched.sharedData,
    scos: scos.get(moduleId) ?? [],
    moduleCompleted: Boolean(completed),
  };
}

export interface ScormOverview {
  scos: ScoState[];
  /** The SCO "start"/"continue" opens. */
  resumeScoId: string | null;
  fractionDone: number;
}

/** The SCO list of a SCORM module page (or "Mijn leren"); null for a module without a package. */
export async function scormOverview(
  db: PrismaClient,
  { moduleId, userId }: { moduleId: string; userId: string | null },
): Promise<ScormOverview | null> {
  const scos = (await scormScoStates(db, { userId, moduleIds: [moduleId] })).get(moduleId);
  if (!scos) return null;
  return { scos, resumeScoId: resumeScoId(scos), fractionDone: fractionDone(scos) };
}

/**
 * The parts a SCORM 1.2 SCO's prerequisites still wait for (titles), or null when the learner may
 * open it (or the SCO is not in a 1.2 package of this module: the launch itself decides then).
 */
export async function scoWaitsFor(
  db: PrismaClient,
  { moduleId, scoId, userId }: { moduleId: string; scoId: string; userId: string },
): Promise<string[] | null> {
  const scos = (await scormScoStates(db, { userId, moduleIds: [moduleId] })).get(moduleId);
  return scos?.find((sco) => sco.id === scoId)?.waitsFor ?? null;
}

// ---------------------------------------------------------------------------------------------------

/** The body scorm-again reads: result + errorCode (runtime/README.md "Response"), plus our status. */
export interface CommitAnswer {
  result: boolean;
  errorCode: number;
  errors?: readonly CommitError[];
  status?: CommitStatus;
}

/**
 * What the player shows after a commit. `progress` is the table-of-contents status under the SCO's
 * pass rule, so the player never derives it itself.
 */
export interface CommitStatus {
  completion: string;
  success: string;
  progress: ScoProgress;
  moduleCompleted: boolean;
}

export interface CommitOutcome {
  httpStatus: 200 | 400 | 404 | 409;
  body: CommitAnswer;
}

/**
 * The body field the player adds to the commit of a Terminate the SCO itself called (not to the
 * player's own flushes), so the server knows the session ended and how.
 */
export const TERMINATE_FIELD = "terminate";

/** SCORM's "general" failure codes: 1.2 101 General Exception, 2004 391 General Commit Failure. */
const GENERAL_FAILURE: Record<ScormVersion, number> = { "1.2": 101, "2004": 391 };

const MAX_OPTIMISTIC_RETRIES = 3;

/**
 * Stores a commit from the player. Atomic (validateCommit refuses the whole commit for one bad
 * element), idempotent (a commit whose sequence was already applied, or that changes nothing, writes
 * nothing), bound to the launch session (a commit from an older session of the same attempt is
 * refused: its times and read-only values belong to a state that no longer exists).
 */
export async function commitSco(
  db: PrismaClient,
  {
    moduleId,
    scoId,
    userId,
    session,
    body,
    events,
    now,
  }: {
    moduleId: string;
    scoId: string;
    userId: string;
    session: number | null;
    body: unknown;
    events: LearningEvents;
    now: Date;
  },
): Promise<CommitOutcome> {
  const context = await readCommitContext(db, { moduleId, scoId, userId });
  if (!context) return { httpStatus: 404, body: { result: false, errorCode: GENERAL_FAILURE["1.2"] } };
  const { sco } = context;
  const version = runtimeVersion(sco.package.version);
  const runtime = parseRuntimeSettings(sco.runtime);
  const rule = passRuleFor(version, runtime, sco.package.module.passMark);
  const failure = (httpStatus: CommitOutcome["httpStatus"], errors?: readonly CommitError[]): CommitOutcome => ({
    httpStatus,
    body: { result: false, errorCode: GENERAL_FAILURE[version], ...(errors ? { errors } : {}) },
  });

  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return failure(400, [{ element: "", code: GENERAL_FAILURE[version], message: "the commit is not a JSON object" }]);
  }
  const envelope = splitCommitEnvelope(body as Record<string, unknown>, TERMINATE_FIELD);

  for (let attemptNumber = 0; attemptNumber < MAX_OPTIMISTIC_RETRIES; attemptNumber++) {
    // The first try uses the attempt read with the SCO; a retry (another commit won) reads it again.
    const attempt =
      attemptNumber === 0
        ? context.attempt
        : await db.scormAttempt.findUnique({ where: { userId_scoId: { userId, scoId } }, select: ATTEMPT_SELECT });
    // No launch, no attempt: a commit cannot create one.
    if (!attempt || attempt.sessions === 0) return failure(404);
    if (session !== null && session !== attempt.sessions) return failure(409);
    if (envelope.sequence !== null && envelope.sequence <= attempt.commitSeq) {
      return {
        httpStatus: 200,
        body: answer({
          rule,
          completion: attempt.completion,
          success: attempt.success,
          moduleCompleted: context.moduleCompleted,
        }),
      };
    }

    const stored = parseCmi(attempt.cmi);
    const checked = validateCommit(version, envelope.elements, stored, { tolerance: "lenient" });
    if (!checked.ok) return failure(400, checked.errors);

    const changed = Object.keys(checked.changes).length > 0;
    if (!changed && envelope.sequence === null) {
      return {
        httpStatus: 200,
        body: answer({
          rule,
          completion: attempt.completion,
          success: attempt.success,
          moduleCompleted: context.moduleCompleted,
        }),
      };
    }
    const derived = checked.derived;
    const merged = mergeCommit(stored, checked.changes);
    const nowCompleted = derived.completion === "completed";
    const endsAttempt = envelope.terminate && version === "2004" && derived.exit !== "suspend";
    const sharedWrites = sharedDataWrites(runtime, checked.changes, merged);
    const statusChanged = derived.completion !== attempt.completion || derived.success !== attempt.success;
    const { value: written, outcome } = await events.record(db, now, async (tx) => {
      const update = await tx.scormAttempt.updateMany({
        // Optimistic: applied only to the state it was validated against.
        where: { id: attempt.id, cmi: attempt.cmi, sessions: attempt.sessions, commitSeq: attempt.commitSeq },
        data: {
          cmi: JSON.stringify(merged),
          commitSeq: envelope.sequence ?? attempt.commitSeq,
          ...(endsAttempt ? { attemptEnded: true } : {}),
          ...(changed
            ? {
                completion: derived.completion,
                success: derived.success,
                scoreScaled: derived.scoreScaled,
                scoreRaw: derived.scoreRaw,
                totalSeconds: derived.totalTimeSeconds,
                suspended: derived.exit === "suspend",
                updatedAt: now,
                completedAt: attempt.completedAt ?? (nowCompleted ? now : null),
              }
            : {}),
        },
      });
      if (update.count === 0) return { value: false, event: null };
      await writeSharedData(tx, { userId, packageId: sco.package.id, runtime, writes: sharedWrites, now });
      if (changed) await tx.enrollment.updateMany({ where: { userId, moduleId }, data: { lastActivityAt: now } });
      const rootChanged =
        version === "2004" && changed ? await rollupAfterCommit(tx, { scoId, userId, cmi: merged, now }) : false;
      return {
        value: true,
        event: statusChanged || rootChanged ? ({ type: "scormStatusChanged", userId, moduleId, scoId } as const) : null,
      };
    });
    if (!written) continue;

    return {
      httpStatus: 200,
      body: answer({
        rule,
        completion: derived.completion,
        success: derived.success,
        // Without a status change no event ran, so completion is as read at the start.
        moduleCompleted: outcome ? outcome.moduleCompleted : context.moduleCompleted,
      }),
    };
  }
  return failure(409);
}

function answer({
  rule,
  completion,
  success,
  moduleCompleted,
}: {
  rule: PassRule;
  completion: string;
  success: string;
  moduleCompleted: boolean;
}): CommitAnswer {
  // Only a launched attempt (sessions > 0) commits, and only a runtime SCO (not an asset).
  const progress = scoProgress({ completion, success, sessions: 1 }, rule, "sco");
  return { result: true, errorCode: 0, status: { completion, success, progress, moduleCompleted } };
}

const ATTEMPT_SELECT = {
  id: true,
  cmi: true,
  sessions: true,
  commitSeq: true,
  completion: true,
  success: true,
  completedAt: true,
} as const;

interface CommitContextRow {
  runtime: string;
  packageId: string;
  version: string;
  passMark: number;
  attemptId: string | null;
  cmi: string | null;
  sessions: number | null;
  commitSeq: number | null;
  completion: string | null;
  success: string | null;
  completedAt: Date | string | null;
  completed: number | bigint;
}

/**
 * What a commit needs before it writes, in one statement (a SCO commits every few seconds): the
 * runtime SCO of this module, its package and pass mark, the learner's attempt and whether the
 * module is already completed for them.
 */
async function readCommitContext(
  db: PrismaClient,
  { moduleId, scoId, userId }: { moduleId: string; scoId: string; userId: string },
) {
  const [row] = await db.$queryRaw<CommitContextRow[]>(Prisma.sql`
    SELECT s."runtime", p."id" AS "packageId", p."version", m."passMark",
           a."id" AS "attemptId", a."cmi", a."sessions", a."commitSeq", a."completion", a."success", a."completedAt",
           (SELECT COUNT(*) FROM "ModuleCompletion" c WHERE c."userId" = ${userId} AND c."moduleId" = ${moduleId}) AS "completed"
    FROM "ScormSco" s
    JOIN "ScormPackage" p ON p."id" = s."packageId"
    JOIN "Module" m ON m."id" = p."moduleId"
    LEFT JOIN "ScormAttempt" a ON a."scoId" = s."id" AND a."userId" = ${userId}
    WHERE s."id" = ${scoId} AND s."scormType" = 'sco' AND p."moduleId" = ${moduleId}`);
  if (!row) return null;
  const attempt =
    row.attemptId === null
      ? null
      : {
          id: row.attemptId,
          cmi: row.cmi ?? "{}",
          sessions: Number(row.sessions),
          commitSeq: Number(row.commitSeq),
          completion: row.completion ?? "",
          success: row.success ?? "",
          completedAt: row.completedAt === null ? null : new Date(row.completedAt),
        };
  return {
    sco: {
      runtime: row.runtime,
      package: { id: row.packageId, version: row.version, module: { passMark: row.passMark } },
    },
    attempt,
    moduleCompleted: Number(row.completed) > 0,
  };
}
