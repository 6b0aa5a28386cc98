/**
 * SCORM 2004 4th edition shared data (RTE 4.3, adl.data; CAM adlcp:data/adlcp:map): stores that
 * outlive one SCO's attempt. Every SCO that maps a target id sees the store as last written by any
 * SCO of the same learner; a SCO may write it only when its map allows (writeSharedData).
 */
import type { Prisma, PrismaClient } from "@prisma/client";

import type { ScormRuntimeSettings, ScormSharedDataMap } from "./package/manifest.server";
import type { CmiState } from "./runtime/types";

type Db = PrismaClient | Prisma.TransactionClient;

/** What the player configures scorm-again's adl.data with (adl.configureSharedDataMaps). */
export interface SharedDataView extends ScormSharedDataMap {
  /** null: no SCO has written this store yet (GetValue answers 403 "not initialized"). */
  store: string | null;
}

/** The maps of a SCO's runtime settings, read defensively (they come from stored JSON). */
export function sharedDataMaps(runtime: Partial<ScormRuntimeSettings>): ScormSharedDataMap[] {
  if (!Array.isArray(runtime.sharedData)) return [];
  return runtime.sharedData.filter(
    (map): map is ScormSharedDataMap =>
      typeof map === "object" &&
      map !== null &&
      typeof map.targetId === "string" &&
      map.targetId !== "" &&
      typeof map.readSharedData === "boolean" &&
      typeof map.writeSharedData === "boolean",
  );
}

/**
 * Stores are global to the learner unless the organization says adlcp:sharedDataGlobalToSystem="false",
 * in which case they belong to this package only.
 */
export function sharedDataScope(runtime: Partial<ScormRuntimeSettings>, packageId: string): string {
  return runtime.sharedDataGlobal === false ? `package:${packageId}` : "global";
}

export async function readSharedData(
  db: Db,
  { userId, packageId, runtime }: { userId: string; packageId: string; runtime: Partial<ScormRuntimeSettings> },
): Promise<SharedDataView[]> {
  const maps = sharedDataMaps(runtime);
  if (maps.length === 0) return [];
  const rows = await db.scormSharedData.findMany({
    where: { userId, scope: sharedDataScope(runtime, packageId), targetId: { in: maps.map((map) => map.targetId) } },
    select: { targetId: true, store: true },
  });
  const stores = new Map(rows.map((row) => [row.targetId, row.store]));
  return maps.map((map) => ({ ...map, store: stores.get(map.targetId) ?? null }));
}

/**
 * The stores a validated commit wrote, for the target ids the SCO may write. The commit's changes
 * name stores by position (adl.data.n.store); the id at that position comes from the merged state.
 */
export function sharedDataWrites(
  runtime: Partial<ScormRuntimeSettings>,
  changes: Readonly<Record<string, string>>,
  merged: CmiState,
): { targetId: string; store: string }[] {
  const writable = new Set(
    sharedDataMaps(runtime)
      .filter((map) => map.writeSharedData)
      .map((map) => map.targetId),
  );
  const writes: { targetId: string; store: string }[] = [];
  for (const [name, store] of Object.entries(changes)) {
    const match = /^adl\.data\.(\d+)\.store$/.exec(name);
    if (!match) continue;
    const targetId = merged[`adl.data.${match[1]}.id`];
    if (targetId !== undefined && writable.has(targetId)) writes.push({ targetId, store });
  }
  return writes;
}

export async function writeSharedData(
  db: Db,
  {
    userId,
    packageId,
    runtime,
    writes,
    now,
  }: {
    userId: string;
    packageId: string;
    runtime: Partial<ScormRuntimeSettings>;
    writes: readonly { targetId: string; store: string }[];
    now: Date;
  },
): Promise<void> {
  const scope = sharedDataScope(runtime, packageId);
  for (const { targetId, store } of writes) {
    await db.scormSharedData.upsert({
      where: { userId_scope_targetId: { userId, scope, targetId } },
      create: { userId, scope, targetId, store, updatedAt: now },
      update: { store, updatedAt: now },
    });
  }
}
