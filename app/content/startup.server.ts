import { existsSync } from "node:fs";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";

import { withLease } from "~/jobs/lease.server";
import { processOwnerId } from "~/jobs/queue.server";

import { formatProblem, loadCourses } from "./load.server";
import { readCourseFingerprints, readSharedSurveyOnly } from "./read.server";
import { syncCourses, syncSharedSurvey } from "./sync.server";
import type { ContentProblem } from "./types";
import type { SyncSummary } from "./sync.server";

declare global {
  // Kept on globalThis so dev-server rebuilds, which re-evaluate this module, do not sync again.
  var __stigmavrijCourseSync: Promise<SyncSummary | null> | undefined;
}

/** The lease that keeps two syncs (two releases, or two first starts) from running at once. */
export const COURSE_SYNC_LEASE = "course-sync";

/**
 * Syncs courses/ into the database once per process, under the course-sync lease. Content problems are logged, never thrown:
 * invalid modules keep their stored version and the site still starts. Resolves to null when
 * there is no courses directory (nothing is archived then, as that is a deployment mistake).
 */
export function syncCoursesAtStartup(
  prisma: PrismaClient,
  rootDir: string = path.resolve("courses"),
): Promise<SyncSummary | null> {
  globalThis.__stigmavrijCourseSync ??= syncCoursesUnderLease(prisma, rootDir).catch((error: unknown) => {
    // A failed sync (database unavailable, say) may be retried by the next call.
    globalThis.__stigmavrijCourseSync = undefined;
    throw error;
  });
  return globalThis.__stigmavrijCourseSync;
}

/**
 * The release step (`npm run courses:sync`): the sync while holding the course-sync lease, so a
 * second run at the same time waits for the first and then finds nothing changed.
 */
export function syncCoursesUnderLease(
  prisma: PrismaClient,
  rootDir: string = path.resolve("courses"),
): Promise<SyncSummary | null> {
  return withLease(
    prisma,
    {
      name: COURSE_SYNC_LEASE,
      holder: processOwnerId(),
      onWait: () => console.info("courses: another sync is running; waiting for it to finish"),
    },
    () => syncCourseFiles(prisma, rootDir),
  );
}

/**
 * Reads courses/ and syncs it; modules whose content hash is unchanged are not rewritten. When
 * every module's files hash to what the database holds, nothing is parsed or rendered at all
 * (most starts). Used at start-up, by the dev server's watcher on every course file change and by
 * scripts.
 */
export async function syncCourseFiles(prisma: PrismaClient, rootDir: string): Promise<SyncSummary | null> {
  if (!existsSync(rootDir)) {
    console.warn(`courses: ${rootDir} not found; content not synced`);
    return null;
  }
  const unchanged = await syncIfUnchanged(prisma, rootDir);
  if (unchanged) {
    console.info(`${summaryLine(unchanged, 0, 0)} without parsing: every content hash matches`);
    return unchanged;
  }
  const { modules, problems, skipped, sharedSurvey } = await loadCourses(rootDir);
  for (const problem of problems) console.warn(formatProblem(problem));

  const summary = await syncCourses(prisma, modules, (line) => console.info(`courses: ${line}`), {
    keep: skipped,
    sharedSurvey,
  });
  console.info(summaryLine(summary, skipped.length, problems.length));
  return summary;
}

/**
 * The fast path: null unless the stored Markdown modules are exactly the module directories, with
 * the same content hashes and the same survey; then only the shared survey is written, as every
 * sync does. A module that failed validation never has its hash stored, so its problems are
 * reported again by the full load.
 */
async function syncIfUnchanged(prisma: PrismaClient, rootDir: string): Promise<SyncSummary | null> {
  const fingerprints = await readCourseFingerprints(rootDir);
  if (!fingerprints) return null;
  const problems: ContentProblem[] = [];
  const sharedSurvey = await readSharedSurveyOnly(path.resolve(rootDir), (file) => file, problems);
  if (problems.length > 0) return null;
  const stored = await prisma.module.findMany({
    where: { OR: [{ archived: false, kind: { not: "scorm" } }, { id: { in: fingerprints.map((f) => f.slug) } }] },
    select: { id: true, contentHash: true, archived: true, kind: true, surveyKey: true },
  });
  const byId = new Map(stored.map((module) => [module.id, module]));
  if (stored.length !== fingerprints.length) return null;
  for (const fingerprint of fingerprints) {
    const module = byId.get(fingerprint.slug);
    const surveyKey = fingerprint.ownSurvey ? fingerprint.slug : sharedSurvey ? sharedSurvey.key : null;
    if (
      !module ||
      module.archived ||
      module.kind === "scorm" ||
      module.contentHash !== fingerprint.contentHash ||
      module.surveyKey !== surveyKey
    ) {
      return null;
    }
  }
  if (sharedSurvey) await syncSharedSurvey(prisma, sharedSurvey);
  return { created: 0, updated: 0, unchanged: fingerprints.length, archived: 0 };
}

function summaryLine(summary: SyncSummary, skipped: number, problems: number): string {
  const counts = `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.archived} archived`;
  const skippedText = skipped === 0 ? "" : `; ${plural(skipped, "module")} skipped (${plural(problems, "problem")})`;
  return `courses: synced (${counts})${skippedText}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
