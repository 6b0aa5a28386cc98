/**
 * A learner's way through a sequenced SCORM 2004 package: which SCO the sequencer delivers when
 * they open one or issue a navigation request, what the LMS navigation may offer, and the root
 * activity's rollup that decides the module's completion. The state is kept per learner and
 * package (ScormSequencing), so sequencing continues across sessions.
 */
import type { Prisma, PrismaClient } from "@prisma/client";

import type { LearningEvents } from "~/domain/learning-events";
import type { CmiState } from "~/scorm/runtime/types";

import type { SequencingDefinition } from "./definition";
import { Sequencer, type NavigationRequest, type NavigationView, type RootOutcome } from "./sequencer.server";

type Db = PrismaClient | Prisma.TransactionClient;

interface PackageRef {
  id: string;
  moduleId: string;
  version: string;
  manifest: string;
}

// A package's manifest never changes after import: its definition is parsed once per process.
const definitions = new Map<string, SequencingDefinition | null>();

export function sequencingDefinitionOf(pkg: PackageRef): SequencingDefinition | null {
  const cached = definitions.get(pkg.id);
  if (cached !== undefined) return cached;
  let definition: SequencingDefinition | null = null;
  if (pkg.version !== "1.2") {
    try {
      const manifest = JSON.parse(pkg.manifest) as { sequencing?: SequencingDefinition | null };
      definition = manifest.sequencing ?? null;
    } catch {
      definition = null;
    }
  }
  definitions.set(pkg.id, definition);
  return definition;
}

const PACKAGE_SELECT = { id: true, moduleId: true, version: true, manifest: true } as const;

interface Loaded {
  pkg: PackageRef;
  definition: SequencingDefinition;
  sequencer: Sequencer;
  previousRoot: RootOutcome | null;
  /** Item identifier → SCO id (and back) for the package's SCOs. */
  scoByItem: Map<string, string>;
  itemBySco: Map<string, string>;
}

/** `cmiOverride`: the current SCO's run-time data as just committed, instead of the stored data. */
async function load(db: Db, pkg: PackageRef, userId: string, cmiOverride?: CmiState): Promise<Loaded | null> {
  const definition = sequencingDefinitionOf(pkg);
  if (!definition) return null;
  const [row, scos] = await Promise.all([
    db.scormSequencing.findUnique({
      where: { userId_packageId: { userId, packageId: pkg.id } },
      select: { state: true, currentItemId: true, rootCompletion: true, rootSuccess: true, rootScoreScaled: true },
    }),
    db.scormSco.findMany({ where: { packageId: pkg.id }, select: { id: true, itemId: true } }),
  ]);
  const scoByItem = new Map(scos.map((sco) => [sco.itemId, sco.id]));
  const itemBySco = new Map(scos.map((sco) => [sco.id, sco.itemId]));
  let currentCmi: CmiState | null = null;
  if (row?.currentItemId && cmiOverride) currentCmi = cmiOverride;
  else if (row?.currentItemId) {
    const scoId = scoByItem.get(row.currentItemId);
    const attempt = scoId
      ? await db.scormAttempt.findUnique({ where: { userId_scoId: { userId, scoId } }, select: { cmi: true } })
      : null;
    currentCmi = attempt ? parseCmi(attempt.cmi) : {};
  }
  let sequencer: Sequencer;
  try {
    sequencer = new Sequencer(definition, row?.state ?? null, currentCmi);
  } catch {
    // A state that no longer fits the tree (never expected: the tree of a package is fixed)
    // starts the learner's sequencing afresh rather than locking them out.
    sequencer = new Sequencer(definition, null, null);
  }
  return {
    pkg,
    definition,
    sequencer,
    previousRoot: row
      ? {
          completion: row.rootCompletion as RootOutcome["completion"],
          success: row.rootSuccess as RootOutcome["success"],
          scoreScaled: row.rootScoreScaled,
        }
      : null,
    scoByItem,
    itemBySco,
  };
}

/**
 * Stores the sequencer's state. An activity whose attempt the sequencer ended and whose content
 * reported nothing got the SN default status (completionSetByContent / objectiveSetByContent
 * false: completed and satisfied); that status is written onto the SCO's attempt too, so the
 * record says what the rollup used. Returns whether the root's rollup changed.
 */
async function save(
  tx: Prisma.TransactionClient,
  loaded: Loaded,
  { userId, endedItemId, now }: { userId: string; endedItemId: string | null; now: Date },
): Promise<boolean> {
  const { sequencer, pkg } = loaded;
  const root = sequencer.root();
  const current = sequencer.currentIsActive() ? sequencer.currentActivityId() : null;
  const data = {
    state: sequencer.serialize(),
    currentItemId: current,
    rootCompletion: root.completion,
    rootSuccess: root.success,
    rootScoreScaled: root.scoreScaled,
    updatedAt: now,
  };
  await tx.scormSequencing.upsert({
    where: { userId_packageId: { userId, packageId: pkg.id } },
    create: { userId, packageId: pkg.id, ...data },
    update: data,
  });
  let changed =
    loaded.previousRoot === null ||
    loaded.previousRoot.completion !== root.completion ||
    loaded.previousRoot.success !== root.success ||
    loaded.previousRoot.scoreScaled !== root.scoreScaled;
  if (endedItemId) {
    const scoId = loaded.scoByItem.get(endedItemId);
    const status = sequencer.activityStatus(endedItemId);
    if (scoId && status) {
      const defaulted = await tx.scormAttempt.updateMany({
        where: {
          userId,
          scoId,
          sco: { scormType: "sco" },
          completion: { in: ["not attempted", "unknown"] },
          success: "unknown",
        },
        data: {
          completion: status.completion === "completed" ? "completed" : undefined,
          success: status.success === "passed" ? "passed" : undefined,
          completedAt: status.completion === "completed" ? now : undefined,
          updatedAt: now,
        },
      });
      if (defaulted.count > 0 && (status.completion === "completed" || status.success === "passed")) changed = true;
    }
  }
  return changed;
}

export type DeliveryDecision =
  /** Open this SCO (the one asked for, or the one sequencing delivers instead). */
  | { kind: "deliver"; scoId: string }
  /** Sequencing delivers nothing now (e.g. the course is over, or everything is disabled). */
  | { kind: "refused"; exception: string | null };

/**
 * The learner opens a SCO of a module (from the contents list, the module page, or a link): the
 * sequencer decides what is delivered. A choice request for it is tried first; when sequencing
 * refuses it, the session starts, resumes or continues as sequencing allows instead. Returns
 * null for a package that is not sequenced (SCORM 1.2, or 2004 without organization).
 */
export async function deliverSco(
  db: PrismaClient,
  {
    moduleId,
    scoId,
    userId,
    events,
    now,
  }: { moduleId: string; scoId: string; userId: string; events: LearningEvents; now: Date },
): Promise<DeliveryDecision | null> {
  const pkg = await db.scormPackage.findFirst({
    where: { moduleId, module: { archived: false }, scos: { some: { id: scoId } } },
    select: PACKAGE_SELECT,
  });
  if (!pkg) return null;
  const loaded = await load(db, pkg, userId);
  if (!loaded) return null;
  const { sequencer } = loaded;
  const itemId = loaded.itemBySco.get(scoId);
  if (!itemId) return null;
  if (sequencer.currentActivityId() === itemId && sequencer.currentIsActive()) return { kind: "deliver", scoId };

  const before = sequencer.currentIsActive() ? sequencer.currentActivityId() : null;
  const attempts: [NavigationRequest, string | null][] = [["choice", itemId]];
  if (sequencer.hasSuspendedActivity()) attempts.push(["resumeAll", null]);
  if (sequencer.currentActivityId() === null) attempts.push(["start", null]);
  else attempts.push(["continue", null]);
  let delivered: string | null = null;
  let exception: string | null = null;
  for (const [request, target] of attempts) {
    const result = sequencer.navigate(request, target);
    if (result.deliver) {
      delivered = result.deliver;
      break;
    }
    exception ??= result.exception;
  }
  if (!delivered) {
    // Nothing new is delivered: the learner stays in the activity they are in, if any.
    const current = sequencer.currentIsActive() ? sequencer.currentActivityId() : null;
    const currentSco = current ? loaded.scoByItem.get(current) : undefined;
    return currentSco ? { kind: "deliver", scoId: currentSco } : { kind: "refused", exception };
  }
  await persist(db, loaded, { userId, moduleId, scoId, endedItemId: before, events, now });
  const deliveredSco = loaded.scoByItem.get(delivered);
  return deliveredSco ? { kind: "deliver", scoId: deliveredSco } : { kind: "refused", exception: null };
}

export type NavigationOutcome =
  { kind: "deliver"; scoId: string } | { kind: "ended" } | { kind: "refused"; exception: string | null };

/**
 * A navigation request from the LMS controls (continue, previous, exit, …) or from the content
 * (adl.nav.request after Terminate, including `{target=…}choice` and `{target=…}jump`).
 */
export async function navigateSequencing(
  db: PrismaClient,
  {
    moduleId,
    fromScoId,
    userId,
    request,
    target,
    events,
    now,
  }: {
    moduleId: string;
    fromScoId: string;
    userId: string;
    request: NavigationRequest;
    target: string | null;
    events: LearningEvents;
    now: Date;
  },
): Promise<NavigationOutcome | null> {
  const pkg = await db.scormPackage.findFirst({
    where: { moduleId, module: { archived: false }, scos: { some: { id: fromScoId } } },
    select: PACKAGE_SELECT,
  });
  if (!pkg) return null;
  const loaded = await load(db, pkg, userId);
  if (!loaded) return null;
  const { sequencer } = loaded;
  const before = sequencer.currentIsActive() ? sequencer.currentActivityId() : null;
  const result = sequencer.navigate(request, target);
  if (!result.deliver && !result.sessionEnded) return { kind: "refused", exception: result.exception };
  await persist(db, loaded, { userId, moduleId, scoId: fromScoId, endedItemId: before, events, now });
  const scoId = result.deliver ? loaded.scoByItem.get(result.deliver) : undefined;
  return scoId ? { kind: "deliver", scoId } : { kind: "ended" };
}

async function persist(
  db: PrismaClient,
  loaded: Loaded,
  {
    userId,
    moduleId,
    scoId,
    endedItemId,
    events,
    now,
  }: {
    userId: string;
    moduleId: string;
    scoId: string;
    endedItemId: string | null;
    events: LearningEvents;
    now: Date;
  },
) {
  await events.record(db, now, async (tx) => {
    const changed = await save(tx, loaded, { userId, endedItemId, now });
    return { value: null, event: changed ? ({ type: "scormStatusChanged", userId, moduleId, scoId } as const) : null };
  });
}

/**
 * After a commit of a SCO in a sequenced package: its activity's tracking status follows the
 * committed run-time data and is rolled up (in the commit's transaction). Returns whether the
 * root's rollup changed, i.e. whether the completion rule must look again.
 */
export async function rollupAfterCommit(
  tx: Prisma.TransactionClient,
  { scoId, userId, cmi, now }: { scoId: string; userId: string; cmi: CmiState; now: Date },
): Promise<boolean> {
  const sco = await tx.scormSco.findUnique({
    where: { id: scoId },
    select: { itemId: true, package: { select: PACKAGE_SELECT } },
  });
  if (!sco) return false;
  const loaded = await load(tx, sco.package, userId, cmi);
  if (!loaded || loaded.sequencer.currentActivityId() !== sco.itemId || !loaded.sequencer.currentIsActive())
    return false;
  loaded.sequencer.rollupCurrent();
  return save(tx, loaded, { userId, endedItemId: null, now });
}

export interface SequencedNavigation extends NavigationView {
  /** SCO ids the contents list may offer (items sequencing allows a choice of). */
  choiceScoIds: string[];
}

/** What the player's navigation may show for the learner now; null when the package is not sequenced. */
export async function sequencingNavigation(
  db: PrismaClient,
  { moduleId, userId }: { moduleId: string; userId: string },
): Promise<SequencedNavigation | null> {
  const pkg = await db.scormPackage.findFirst({ where: { moduleId }, select: PACKAGE_SELECT });
  if (!pkg) return null;
  const loaded = await load(db, pkg, userId);
  if (!loaded) return null;
  const view = loaded.sequencer.view();
  return {
    ...view,
    choiceScoIds: view.choices.flatMap((itemId) => loaded.scoByItem.get(itemId) ?? []),
  };
}

/** The module's outcome from the root activity's rollup; null when the package is not sequenced. */
export async function sequencedModuleResult(
  db: Db,
  { userId, moduleId }: { userId: string; moduleId: string },
): Promise<{ done: boolean; percent: number | null; completion: string; success: string } | null> {
  const pkg = await db.scormPackage.findFirst({ where: { moduleId }, select: PACKAGE_SELECT });
  if (!pkg || !sequencingDefinitionOf(pkg)) return null;
  const row = await db.scormSequencing.findUnique({
    where: { userId_packageId: { userId, packageId: pkg.id } },
    select: { rootCompletion: true, rootSuccess: true, rootScoreScaled: true },
  });
  if (!row) return { done: false, percent: null, completion: "unknown", success: "unknown" };
  return {
    done: row.rootCompletion === "completed" && row.rootSuccess !== "failed",
    percent: row.rootScoreScaled === null ? null : Math.round(row.rootScoreScaled * 100),
    completion: row.rootCompletion,
    success: row.rootSuccess,
  };
}

function parseCmi(json: string): CmiState {
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
