// Several server processes on one machine: the primary forks WEB_CONCURRENCY workers (node:cluster)
// that share the listening port, restarts one that dies, and on SIGTERM/SIGINT passes the signal on
// and waits for every worker's graceful shutdown. Startup work that writes (course sync, database
// mode) runs in the primary before it forks, so it runs once. Workers share the SQLite file in
// WAL mode; state that must be shared lives in the database (docs/deployment.md#several-processes).
import cluster from "node:cluster";
import os from "node:os";

/**
 * The number of server processes: WEB_CONCURRENCY as a whole number, or "auto" for one per CPU
 * core. Development always runs one (the dev server reloads a single process).
 * @param {string | undefined} value
 * @param {"development" | "production"} mode
 */
export function workerCount(value, mode) {
  if (mode === "development" || value === undefined || value === "") return 1;
  if (value === "auto") return os.availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256)
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 256, or "auto" (got ${JSON.stringify(value)})`);
  return count;
}

/** A worker that dies within this long of its start counts as a crash loop. */
const QUICK_DEATH_MS = 10_000;
const MAX_QUICK_DEATHS = 5;

/**
 * Runs the primary: forks `workers` copies of this script, replaces any that die unexpectedly (a
 * worker that keeps dying right after its start stops the server instead of looping), and on
 * SIGTERM/SIGINT forwards SIGTERM to every worker and waits for them (killing any still alive after
 * `shutdownTimeoutMs`). Resolves with the exit code for the primary.
 * @param {{ workers: number, shutdownTimeoutMs: number, log?: Pick<Console, "info" | "error"> }} options
 * @returns {Promise<number>}
 */
export function runPrimary({ workers, shutdownTimeoutMs, log = console }) {
  return new Promise((resolve) => {
    let stopping = false;
    let exitCode = 0;
    let quickDeaths = 0;
    const startedAt = new Map();

    const fork = () => {
      const worker = cluster.fork();
      startedAt.set(worker.id, Date.now());
    };

    const stop = (signal) => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal ?? "stop"}: stopping ${Object.keys(cluster.workers ?? {}).length} worker(s)`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      const timer = setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      }, shutdownTimeoutMs);
      timer.unref();
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(exitCode);
    };

    cluster.on("exit", (worker, code, signal) => {
      const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
      startedAt.delete(worker.id);
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(exitCode);
        return;
      }
      log.error(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
      quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      if (quickDeaths >= MAX_QUICK_DEATHS) {
        log.error(`workers keep dying right after they start; stopping the server`);
        exitCode = 1;
        stop();
        return;
      }
      fork();
    });

    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
    for (let i = 0; i < workers; i++) fork();
  });
}

export const isPrimary = cluster.isPrimary;
