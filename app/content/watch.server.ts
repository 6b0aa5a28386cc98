import path from "node:path";

import type { PrismaClient } from "@prisma/client";

import { syncCourseFiles } from "./startup.server";
import type { SyncSummary } from "./sync.server";

export interface CourseWatcher {
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Quiet time after the last change before syncing: an editor's save is several events. */
  debounceMs?: number;
  /** Called after each sync the watcher ran (tests wait on it; the dev server logs through the sync). */
  onSync?: (summary: SyncSummary | null) => void;
  onError?: (error: unknown) => void;
}

/**
 * For the dev server: syncs courses/ again whenever a file under it changes, so an author sees a
 * lesson edit on reload. The whole tree is re-read (a few dozen small files) and the content hash
 * decides which modules are rewritten. Syncs never overlap: changes during a sync cause one more.
 * chokidar is a development dependency, loaded only here.
 */
export async function watchCourses(
  prisma: PrismaClient,
  rootDir: string = path.resolve("courses"),
  {
    debounceMs = 150,
    onSync,
    onError = (error) => console.warn("courses: sync after a change failed:", error),
  }: WatchOptions = {},
): Promise<CourseWatcher> {
  const { watch } = await import("chokidar");
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const sync = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = syncCourseFiles(prisma, rootDir)
      .then((summary) => onSync?.(summary), onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          sync();
        }
      });
  };
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(sync, debounceMs);
  };

  // Polling, not inotify: on overlay filesystems and in containers a second save of the same file
  // soon after the first was seen to raise no event at all, and a missed save is a lesson edit
  // that never shows. courses/ is small, so comparing its files' stats a few times a second is cheap.
  const watcher = watch(rootDir, { ignoreInitial: true, usePolling: true, interval: 200, binaryInterval: 1000 });
  watcher.on("all", changed);
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
