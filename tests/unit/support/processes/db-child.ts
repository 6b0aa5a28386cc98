// A second (third, …) process on the test's SQLite file, for tests/unit/several-processes.test.ts.
// `node --import tsx db-child.ts <role> <database url> [args]`; prints "ready", waits for "go" on
// stdin where the role needs a common start, and reports with one JSON line on stdout.
import readline from "node:readline";

import { deleteAccount } from "../../../../app/account/privacy.server";
import { reserveThrottle } from "../../../../app/auth/throttle.server";
import { applyPragmas, createPrismaClient } from "../../../../app/db/client.server";
import { createLearningEvents } from "../../../../app/events/learning-events.server";
import { startJobWorker } from "../../../../app/jobs/worker.server";
import { learningEvents } from "../../../../app/learning-events.server";
import { joinThrottleKeys, lookUpJoinCode } from "../../../../app/organisations/join-throttle.server";

const [role, url, ...args] = process.argv.slice(2);
const prisma = createPrismaClient(url);
await applyPragmas(prisma);

const lines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise<string>((resolve) => lines.once("line", resolve));
const report = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

/** Marks in ThrottleEvent rows: a table both processes can write without any set-up. */
const mark = (key: string) => prisma.throttleEvent.create({ data: { key } });

if (role === "throttle") {
  // Attempts at once, as parallel requests to one server process would make them.
  const [key, attempts] = [args[0]!, Number(args[1])];
  report("ready");
  await nextLine();
  const results = await Promise.all(
    Array.from({ length: attempts }, () => reserveThrottle([key], { max: 5, windowMs: 60_000 }, { db: prisma })),
  );
  report({ allowed: results.filter((result) => result.allowed).length });
} else if (role === "join-miss" || role === "delete-wrong-password") {
  // Parallel wrong join codes from one client, or wrong passwords confirming an account deletion.
  const [subject, attempts] = [args[0]!, Number(args[1])];
  report("ready");
  await nextLine();
  const outcomes = await Promise.all(
    Array.from({ length: attempts }, async () => {
      if (role === "join-miss") {
        const keys = joinThrottleKeys({ ip: subject });
        const lookup = await lookUpJoinCode(prisma, { keys, now: new Date() }, async () => null);
        return lookup.throttled ? "throttled" : "tried";
      }
      const result = await deleteAccount(prisma, {
        userId: subject,
        password: "not the password",
        events: learningEvents,
      });
      return result.ok ? "deleted" : result.error === "throttled" ? "throttled" : "tried";
    }),
  );
  report({ tried: outcomes.filter((outcome) => outcome === "tried").length, deleted: outcomes.includes("deleted") });
} else if (role === "worker" || role === "stuck-worker") {
  // "stuck-worker" starts its job and never finishes it (the test kills it with SIGKILL).
  const leaseMs = Number(args[0] ?? 60_000);
  const worker = startJobWorker({
    db: prisma,
    pollMs: 50,
    leaseMs,
    log: { info: () => undefined, error: (...parts: unknown[]) => console.error(...parts) },
    handlers: {
      count: async (job) => {
        await mark(`ran:${job.id}:${process.pid}`);
      },
      slow: async (job) => {
        await mark(`started:${job.id}:${process.pid}:${job.attempt}`);
        if (role === "stuck-worker") await new Promise(() => undefined);
        await mark(`finished:${job.id}:${process.pid}:${job.attempt}`);
      },
    },
  });
  // Keeps the process alive (the worker's timers do not) until the test says stop.
  const keepAlive = setInterval(() => undefined, 60_000);
  report("ready");
  await nextLine();
  await worker.stop();
  clearInterval(keepAlive);
  report("stopped");
} else if (role === "read-then-write") {
  // Transactions that read, wait for another turn of the event loop, then write: what most of the
  // product's write transactions do. Reports how many committed and how many failed.
  const [prefix, count] = [args[0]!, Number(args[1])];
  report("ready");
  await nextLine();
  let committed = 0;
  let failed = 0;
  for (let i = 0; i < count; i++) {
    try {
      await prisma.$transaction(async (tx) => {
        await tx.throttleEvent.count();
        await new Promise((resolve) => setTimeout(resolve, 2));
        await tx.throttleEvent.create({ data: { key: `${prefix}:${i}` } });
      });
      committed++;
    } catch (error) {
      failed++;
      console.error(String(error).slice(0, 200));
    }
  }
  report({ committed, failed });
} else if (role === "record-events" || role === "drain-events") {
  // Learning events whose report refresh is a mark: "record-events" records one lessonCompleted
  // per learner and hands the stored rows to an applier that never runs (the test kills the
  // process, as kill -9 would between an answer and its deferred work); "drain-events" drains.
  const events = createLearningEvents({
    issueCertificate: async () => null,
    refreshLearnerReports: async (_tx, input) => {
      await mark(`refresh:${input.userId}:${process.pid}`);
    },
    rebuildCohortReports: async () => undefined,
  });
  if (role === "record-events") {
    events.deferTo(() => undefined);
    for (let i = 0; i < Number(args[0]); i++)
      await events.record(prisma, new Date(), async () => ({
        value: null,
        event: { type: "lessonCompleted", userId: `learner-${i}`, moduleId: "geen-module" },
      }));
    report("recorded");
    await new Promise(() => undefined);
  }
  report("ready");
  await nextLine();
  report(await events.drain(prisma));
}
lines.close();
await prisma.$disconnect();
