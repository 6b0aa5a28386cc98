import { existsSync } from "node:fs";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";

import { withLease } from "~/jobs/lease.server";
import { processOwnerId } from "~/jobs/queue.server";

import { formatProblem, loadCourses } from "./load.server";
import { syncCourses } from "./sync.server";
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
 * Reads courses/ and syncs it; modules whose content hash is unchanged are not rewritten. Used at
 * start-up, by the dev server's watcher on every course file change and by scripts.
 */
export async function syncCourseFiles(prisma: PrismaClient, rootDir: string): Promise<SyncSummary | null> {
  if (!existsSync(rootDir)) {
    console.warn(`courses: ${rootDir} not found; content not synced`);
    return null;
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

function summaryLine(summary: SyncSummary, skipped: number, problems: number): string {
  const counts = `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.archived} archived`;
  const skippedText = skipped === 0 ? "" : `; ${plural(skipped, "module")} skipped (${plural(problems, "problem")})`;
  return `courses: synced (${counts})${skippedText}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
