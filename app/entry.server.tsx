import { PassThrough } from "node:stream";

import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

import { syncCoursesAtStartup } from "~/content/startup.server";
import { watchCourses } from "~/content/watch.server";
import { databaseReady, prisma } from "~/db/client.server";
import { checkEnv } from "~/config/env.server";
import { NonceProvider } from "~/utils/nonce";
import { RecordUsedMessages } from "~/i18n/use-translation";
import { startReminderSchedule } from "~/certificates/reminder-scheduler.server";
import { startLearningEventDrain } from "~/learning-events.server";

const ABORT_DELAY = 5_000;

/** Called once by server.js before it listens: config check, DB pragmas, content sync (and, in development, the course watcher). */
declare global {
  // Kept on globalThis so dev-server rebuilds do not start a second schedule.
  var __stigmavrijReminderSchedule: ReturnType<typeof startReminderSchedule> | undefined;
  var __stigmavrijCourseWatcher: ReturnType<typeof watchCourses> | undefined;
  var __stigmavrijLearningEventDrain: ReturnType<typeof startLearningEventDrain> | undefined;
}

export async function prepareServer({ watchCourses: watch = false }: { watchCourses?: boolean } = {}) {
  checkEnv();
  await databaseReady();
  await syncCoursesAtStartup(prisma);
  globalThis.__stigmavrijReminderSchedule ??= startReminderSchedule();
  // Development only (server.js decides): a course edit shows on the next reload.
  if (watch) globalThis.__stigmavrijCourseWatcher ??= watchCourses(prisma);
  globalThis.__stigmavrijLearningEventDrain ??= startLearningEventDrain();
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
          // Errors after the shell are already streamed to the error boundary; log them once.
          if (shellRendered) console.error(error);
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
