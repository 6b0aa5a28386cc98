// The job queue on PostgreSQL with several claimers, each through its own Prisma client (its own
// connection pool, as separate processes or instances have): every job runs exactly once, a
// failure is retried, and a job whose claimer died is run again after its lease.
import type { PrismaClient } from "@prisma/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "~/db/client.server";

import { createPostgresDatabaseForTest, postgresAvailable, type TestDatabase } from "../../tests/setup/temp-db";

import { claimJob, completeJob, enqueueJob, type ClaimedJob } from "./queue.server";
import { startJobWorker, type JobHandler, type JobWorker } from "./worker.server";

// Integration budget: several connection pools on a busy two-core machine.
const BUDGET_MS = 120_000;
const CLAIMERS = 4;

describe.skipIf(!postgresAvailable)("job queue on PostgreSQL with several claimers", () => {
  let database: TestDatabase;
  const clients: PrismaClient[] = [];
  const workers: JobWorker[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabaseForTest();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await Promise.all(clients.splice(0).map((client) => client.$disconnect()));
    await database.prisma.job.deleteMany();
    await database.prisma.throttleEvent.deleteMany();
  });
  afterAll(async () => {
    await database?.cleanup();
  });

  const newClient = () => {
    const client = createPrismaClient(database.url);
    clients.push(client);
    return client;
  };
  /** Marks in ThrottleEvent rows: a table every client can write without set-up. */
  const mark = (db: PrismaClient, key: string) => db.throttleEvent.create({ data: { key } });
  const marks = async (prefix: string) =>
    (await database.prisma.throttleEvent.findMany({ where: { key: { startsWith: prefix } } })).map((row) => row.key);

  async function until(probe: () => Promise<boolean>, what: string) {
    const started = Date.now();
    while (!(await probe())) {
      if (Date.now() - started > BUDGET_MS) throw new Error(`gave up waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function startWorkers(handlers: (db: PrismaClient) => Record<string, JobHandler>) {
    for (let i = 0; i < CLAIMERS; i++) {
      const db = newClient();
      workers.push(startJobWorker({ db, handlers: handlers(db), pollMs: 20, retryDelay: () => 0, log: quietLog }));
    }
  }

  it(
    "gives each job to one claimer when they all claim at the same moment",
    async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 12; i++) ids.add((await enqueueJob(database.prisma, { queue: "race" })).id);
      const claimers = Array.from({ length: CLAIMERS * 2 }, (_, i) => ({ db: newClient(), owner: `claimer-${i}` }));
      const claimed: ClaimedJob[] = [];
      // Rounds of simultaneous claims until the queue is empty: no job may come out twice.
      for (let round = 0; round < 50 && claimed.length < ids.size; round++) {
        const results = await Promise.all(
          claimers.map(({ db, owner }) => claimJob(db, { queues: ["race"], owner, now: new Date() })),
        );
        claimed.push(...results.filter((job): job is ClaimedJob => job !== null));
      }
      expect(claimed).toHaveLength(ids.size);
      expect(new Set(claimed.map((job) => job.id))).toEqual(ids);
      const rows = await database.prisma.job.findMany();
      expect(rows.every((row) => row.status === "running" && row.attempts === 1)).toBe(true);
      expect(new Set(rows.map((row) => row.lockedBy)).size).toBeGreaterThan(1);
    },
    BUDGET_MS,
  );

  it(
    "runs every job exactly once with several workers polling",
    async () => {
      for (let i = 0; i < 40; i++) await enqueueJob(database.prisma, { queue: "count", payload: { i } });
      startWorkers((db) => ({
        count: async (job) => {
          await mark(db, `ran:${job.id}:${(job.payload as { i: number }).i}`);
        },
      }));
      await until(async () => (await database.prisma.job.count({ where: { status: "done" } })) === 40, "40 jobs done");
      const ran = await marks("ran:");
      expect(ran).toHaveLength(40);
      expect(new Set(ran.map((key) => key.split(":")[1])).size).toBe(40);
      expect((await database.prisma.job.findMany()).every((job) => job.attempts === 1)).toBe(true);
    },
    BUDGET_MS,
  );

  it(
    "retries a failed attempt, on whichever claimer, until it succeeds",
    async () => {
      const { id } = await enqueueJob(database.prisma, { queue: "flaky", maxAttempts: 3 });
      startWorkers((db) => ({
        flaky: async (job) => {
          await mark(db, `attempt:${job.id}:${job.attempt}`);
          if (job.attempt < 2) throw new Error("first attempt fails");
        },
      }));
      await until(
        async () => (await database.prisma.job.findUniqueOrThrow({ where: { id } })).status === "done",
        "the retried job",
      );
      expect(await database.prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
        attempts: 2,
        lastError: null,
      });
      expect((await marks(`attempt:${id}:`)).sort()).toEqual([`attempt:${id}:1`, `attempt:${id}:2`]);
    },
    BUDGET_MS,
  );

  it(
    "runs a job again after its lease when its claimer died mid-job, and the dead claim cannot finish it",
    async () => {
      const { id } = await enqueueJob(database.prisma, { queue: "slow" });
      // Not in `clients`: it disconnects here, once.
      const doomed = createPrismaClient(database.url);
      const lost = await claimJob(doomed, { queues: ["slow"], owner: "doomed", now: new Date(), leaseMs: 300 });
      expect(lost?.id).toBe(id);
      // The claimer's connections close without it finishing or failing the job.
      await doomed.$disconnect();

      // The rescuers hold their own claims with the default lease, so a slow machine cannot let
      // their claim run out as well.
      startWorkers((db) => ({
        slow: async (job) => {
          await mark(db, `finished:${job.id}:${job.attempt}`);
        },
      }));
      await until(
        async () => (await database.prisma.job.findUniqueOrThrow({ where: { id } })).status === "done",
        "the job to be run again",
      );
      expect(await database.prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempts: 2 });
      expect(await marks(`finished:${id}:`)).toEqual([`finished:${id}:2`]);
      expect(await completeJob(database.prisma, lost!, new Date())).toBe(false);
    },
    BUDGET_MS,
  );
});

const quietLog = { info: () => undefined, error: () => undefined };
