// Real processes on one SQLite file (and one port): what must hold when WEB_CONCURRENCY starts
// several server processes, or several instances share a database. Each child is a separate Node
// process (tests/unit/support/processes/); nothing here waits a fixed time, it polls for the state.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { THROTTLE_RULES } from "~/auth/throttle.server";
import { hashPassword } from "~/auth/password.server";
import { enqueueJob } from "~/jobs/queue.server";
import { JOIN_MISS_RULE } from "~/organisations/join-throttle.server";

import { createTestDatabase, type TestDatabase } from "../setup/temp-db";

const SUPPORT = path.resolve("tests/unit/support/processes");
// Integration budget: children start tsx and open the database on a busy two-core machine.
const BUDGET_MS = 120_000;

let db: TestDatabase;
const children: ChildProcess[] = [];

beforeEach(async () => {
  db = await createTestDatabase();
});

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await db.cleanup();
});

interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout line that passes `test`. */
  line(test: (line: string) => boolean): Promise<string>;
  lines: string[];
  send(line: string): void;
  exited: Promise<number | null>;
}

function start(command: string[], options: { cwd?: string } = {}): Child {
  const child = spawn(process.execPath, command, { cwd: options.cwd, stdio: ["pipe", "pipe", "inherit"] });
  children.push(child);
  const lines: string[] = [];
  const waiting: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      lines.push(line);
      for (const waiter of waiting.filter((w) => w.test(line))) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  return {
    process: child,
    lines,
    line: (test) =>
      new Promise((resolve) => {
        const seen = lines.find(test);
        if (seen !== undefined) resolve(seen);
        else waiting.push({ test, resolve });
      }),
    send: (line) => child.stdin!.write(`${line}\n`),
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
}

function dbChild(role: string, ...args: string[]): Child {
  return start(["--import", "tsx", path.join(SUPPORT, "db-child.ts"), role, db.url, ...args]);
}

async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > BUDGET_MS) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const marks = async (prefix: string) =>
  (await db.prisma.throttleEvent.findMany({ where: { key: { startsWith: prefix } } })).map((row) => row.key);

describe("two processes on one database", () => {
  it(
    "share one throttle allowance: 5 per window in total, however the attempts are spread",
    async () => {
      const a = dbChild("throttle", "login:email:ada@example.org", "8");
      const b = dbChild("throttle", "login:email:ada@example.org", "8");
      await Promise.all([a.line((l) => l === '"ready"'), b.line((l) => l === '"ready"')]);
      a.send("go");
      b.send("go");
      const results = await Promise.all([a, b].map((child) => child.line((l) => l.startsWith("{"))));
      const allowed = results.map((line) => (JSON.parse(line) as { allowed: number }).allowed);
      expect(allowed[0]! + allowed[1]!).toBe(5);
      expect(await db.prisma.throttleEvent.count({ where: { key: "login:email:ada@example.org" } })).toBe(5);
    },
    BUDGET_MS,
  );

  it(
    "share the join-code miss budget and the account-deletion password budget",
    async () => {
      const user = await db.prisma.user.create({
        data: {
          email: "ada@example.org",
          name: "Ada",
          passwordHash: await hashPassword("juist wachtwoord 1"),
          sector: "bank",
        },
      });
      const race = async (role: string, subject: string, attempts: number) => {
        const children = [dbChild(role, subject, String(attempts)), dbChild(role, subject, String(attempts))];
        await Promise.all(children.map((child) => child.line((l) => l === '"ready"')));
        for (const child of children) child.send("go");
        const results = await Promise.all(children.map((child) => child.line((l) => l.startsWith("{"))));
        return results.map((line) => JSON.parse(line) as { tried: number; deleted: boolean });
      };

      const joins = await race("join-miss", "198.51.100.7", JOIN_MISS_RULE.max);
      expect(joins[0]!.tried + joins[1]!.tried).toBe(JOIN_MISS_RULE.max);

      const deletions = await race("delete-wrong-password", user.id, 8);
      expect(deletions[0]!.tried + deletions[1]!.tried).toBe(THROTTLE_RULES.loginAccount.max);
      expect(await db.prisma.user.count()).toBe(1);
    },
    BUDGET_MS,
  );

  it(
    "commit every transaction that reads before it writes, while the other process writes too",
    async () => {
      const children = [dbChild("read-then-write", "a", "40"), dbChild("read-then-write", "b", "40")];
      await Promise.all(children.map((child) => child.line((l) => l === '"ready"')));
      for (const child of children) child.send("go");
      const results = await Promise.all(children.map((child) => child.line((l) => l.startsWith("{"))));
      expect(results.map((line) => JSON.parse(line) as unknown)).toEqual([
        { committed: 40, failed: 0 },
        { committed: 40, failed: 0 },
      ]);
      expect(await db.prisma.throttleEvent.count()).toBe(80);
    },
    BUDGET_MS,
  );

  it(
    "run a job enqueued once exactly once when both poll",
    async () => {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await enqueueJob(db.prisma, { queue: "count" })).id);
      const workers = [dbChild("worker"), dbChild("worker")];
      await until(async () => (await db.prisma.job.count({ where: { status: "done" } })) === 20, "20 jobs done");
      for (const worker of workers) worker.send("stop");
      await Promise.all(workers.map((worker) => worker.exited));
      const ran = await marks("ran:");
      expect(ran).toHaveLength(20);
      expect(new Set(ran.map((key) => key.split(":")[1])).size).toBe(20);
      expect((await db.prisma.job.findMany()).every((job) => job.attempts === 1)).toBe(true);
    },
    BUDGET_MS,
  );

  it(
    "run a job again after its lease when the process that claimed it was killed",
    async () => {
      const { id } = await enqueueJob(db.prisma, { queue: "slow" });
      const stuck = dbChild("stuck-worker", "1500");
      await until(async () => (await marks(`started:${id}:`)).length === 1, "the first process to start the job");
      stuck.process.kill("SIGKILL");
      await stuck.exited;
      expect(await db.prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "running" });

      const rescuer = dbChild("worker", "1500");
      const job = await until(async () => {
        const row = await db.prisma.job.findUniqueOrThrow({ where: { id } });
        return row.status === "done" && row;
      }, "the job to be run again");
      rescuer.send("stop");
      await rescuer.exited;
      expect(job.attempts).toBe(2);
      const finished = await marks(`finished:${id}:`);
      expect(finished).toEqual([`finished:${id}:${rescuer.process.pid}:2`]);
    },
    BUDGET_MS,
  );
});

describe("the learning-event outbox across processes", () => {
  it(
    "keeps the deferred work of a process killed after its answers, and two draining processes apply each event once",
    async () => {
      const recorder = dbChild("record-events", "6");
      await recorder.line((l) => l === '"recorded"');
      recorder.process.kill("SIGKILL");
      await recorder.exited;
      expect(await db.prisma.learningEventOutbox.count()).toBe(6);
      expect(await marks("refresh:")).toEqual([]);

      const drains = [dbChild("drain-events"), dbChild("drain-events")];
      await Promise.all(drains.map((child) => child.line((l) => l === '"ready"')));
      for (const child of drains) child.send("go");
      const results = await Promise.all(drains.map((child) => child.line((l) => l.startsWith("{"))));
      const applied = results.map((line) => (JSON.parse(line) as { applied: number; failed: number }).applied);
      expect(applied[0]! + applied[1]!).toBe(6);
      const refreshed = (await marks("refresh:")).map((key) => key.split(":")[1]).sort();
      expect(refreshed).toEqual(Array.from({ length: 6 }, (_, i) => `learner-${i}`).sort());
      expect(await db.prisma.learningEventOutbox.count()).toBe(0);
    },
    BUDGET_MS,
  );
});

describe("graceful shutdown of a cluster (server/cluster.js, server/shutdown.js)", () => {
  it(
    "on SIGTERM reports not ready, lets the request in flight finish, then exits",
    async () => {
      const port = await freePort();
      // A file of its own: the database may be PostgreSQL, with no directory beside it.
      const directory = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-release-"));
      const release = path.join(directory, "release");
      const server = start([path.join(SUPPORT, "http-child.mjs"), String(port), "2", release, "2000"]);
      await until(async () => server.lines.filter((line) => line.startsWith("listening")).length === 2, "two workers");
      const origin = `http://localhost:${port}`;
      expect((await fetch(`${origin}/readyz`)).status).toBe(200);

      const slow = fetch(`${origin}/slow`).then(async (response) => ({
        status: response.status,
        body: await response.text(),
      }));
      await server.line((line) => line.startsWith("slow request"));
      server.process.kill("SIGTERM");
      await until(async () => (await fetch(`${origin}/readyz`)).status === 503, "/readyz to answer 503");

      await writeFile(release, "");
      expect(await slow).toEqual({ status: 200, body: "finished" });
      expect(await server.exited).toBe(0);
      expect(server.lines.filter((line) => line.startsWith("closed"))).toHaveLength(2);
      await rm(directory, { recursive: true, force: true });
    },
    BUDGET_MS,
  );
});

/** A port nobody listens on now, so parallel runs of this file do not collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
