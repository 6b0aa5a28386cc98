import { PassThrough } from "node:stream";

import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

import { syncCoursesAtStartup, syncCoursesUnderLease } from "~/content/startup.server";
import type { SyncSummary } from "~/content/sync.server";
import { watchCourses } from "~/content/watch.server";
import { databaseReady, prisma } from "~/db/client.server";
import { checkEnv } from "~/config/env.server";
import { markShuttingDown } from "~/config/lifecycle.server";
import { NonceProvider } from "~/utils/nonce";
import { RecordUsedMessages } from "~/i18n/use-translation";
import { startBackgroundJobs } from "~/background-jobs.server";

const ABORT_DELAY = 5_000;

declare global {
  // Kept on globalThis so dev-server rebuilds do not start a second watcher or job worker.
  var __stigmavrijCourseWatcher: ReturnType<typeof watchCourses> | undefined;
  var __stigmavrijJobs: ReturnType<typeof startBackgroundJobs> | undefined;
}

/**
 * Called once per server by server.js before it listens or forks its worker processes: config
 * check, the database's WAL mode, and the course sync. Development syncs on every start (and the
 * watcher after each change); production syncs at start only into a database without modules (its
 * first start) — otherwise `npm run courses:sync` is the release step, so starting instances never
 * race to sync.
 */
export async function prepareServer({ watchCourses: watch = false }: { watchCourses?: boolean } = {}) {
  checkEnv();
  await databaseReady();
  if (watch || (await prisma.module.count()) === 0) await syncCoursesAtStartup(prisma);
  if (watch) globalThis.__stigmavrijCourseWatcher ??= watchCourses(prisma);
}

/** In every process that serves requests: its connection's pragmas and its background-job worker. */
export async function startServerProcess() {
  checkEnv();
  await databaseReady();
  globalThis.__stigmavrijJobs ??= startBackgroundJobs(prisma);
}

/** Graceful shutdown, step one: /readyz answers 503 from now on. */
export function beginShutdown() {
  markShuttingDown();
}

/** Graceful shutdown, after the HTTP server closed: the job in hand finishes, then the database closes. */
export async function stopServerProcess() {
  await globalThis.__stigmavrijJobs?.stop();
  globalThis.__stigmavrijJobs = undefined;
  await (await globalThis.__stigmavrijCourseWatcher)?.close();
  globalThis.__stigmavrijCourseWatcher = undefined;
  await prisma.$disconnect();
}

/** `npm run courses:sync` (scripts/courses-sync.mjs): the release step, under the course-sync lease. */
export async function syncCoursesForRelease(): Promise<SyncSummary | null> {
  checkEnv();
  await databaseReady();
  try {
    return await syncCoursesUnderLease(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RecordUsedMessages>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RecordUsedMessages>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Logged with the page, before the shell as well: a render aborted after ABORT_DELAY
          // (a saturated server) answers 500 and was otherwise invisible in the log.
          console.error(
            `render of ${new URL(request.url).pathname} failed${shellRendered ? " after the shell" : ""}:`,
            error,
          );
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    /** Express's req.ip: the socket address, or the one the proxies named by TRUST_PROXY forwarded. */
    clientIp?: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
