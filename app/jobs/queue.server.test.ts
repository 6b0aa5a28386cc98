import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";

import { acquireLease, releaseLease } from "./lease.server";
import { claimJob, completeJob, enqueueJob, failJob, pruneJobs, retryDelayMs } from "./queue.server";
import { recurringKey } from "./worker.server";

const database = useTestDatabase();
const T0 = new Date("2026-03-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("job queue", () => {
  it("enqueues a keyed job once", async () => {
    const first = await enqueueJob(database.prisma, { queue: "q", key: "once", runAt: T0 });
    const second = await enqueueJob(database.prisma, { queue: "q", key: "once", runAt: T0 });
    expect(second).toEqual({ id: first.id, created: false });
    expect(await database.prisma.job.count()).toBe(1);
  });

  it("claims a due job for one owner only and leaves jobs that are not due", async () => {
    const { id } = await enqueueJob(database.prisma, { queue: "q", runAt: T0, payload: { n: 1 } });
    await enqueueJob(database.prisma, { queue: "q", runAt: at(60_000) });
    const job = await claimJob(database.prisma, { queues: ["q"], owner: "a", now: T0 });
    expect(job).toMatchObject({ id, payload: { n: 1 }, attempt: 1, owner: "a" });
    expect(await claimJob(database.prisma, { queues: ["q"], owner: "b", now: T0 })).toBeNull();
  });

  it("retries a failed job with growing backoff, then marks it failed", async () => {
    const { id } = await enqueueJob(database.prisma, { queue: "q", runAt: T0, maxAttempts: 2 });
    const first = (await claimJob(database.prisma, { queues: ["q"], owner: "a", now: T0 }))!;
    expect(await failJob(database.prisma, first, new Error("boom"), { now: T0 })).toBe("retry");
    expect(await database.prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "queued",
      lastError: "boom",
      runAt: at(retryDelayMs(1)),
    });
    expect(await claimJob(database.prisma, { queues: ["q"], owner: "a", now: at(retryDelayMs(1) - 1) })).toBeNull();
    const second = (await claimJob(database.prisma, { queues: ["q"], owner: "a", now: at(retryDelayMs(1)) }))!;
    expect(second.attempt).toBe(2);
    expect(await failJob(database.prisma, second, new Error("again"), { now: at(6_000) })).toBe("failed");
    expect(await database.prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "failed" });
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
  });

  it("gives a running job to another owner once its lease has run out, and the old owner can no longer finish it", async () => {
    await enqueueJob(database.prisma, { queue: "q", runAt: T0 });
    const lost = (await claimJob(database.prisma, { queues: ["q"], owner: "dead", now: T0, leaseMs: 1_000 }))!;
    expect(await claimJob(database.prisma, { queues: ["q"], owner: "b", now: at(999), leaseMs: 1_000 })).toBeNull();
    const taken = (await claimJob(database.prisma, { queues: ["q"], owner: "b", now: at(1_001), leaseMs: 1_000 }))!;
    expect(taken.attempt).toBe(2);
    expect(await completeJob(database.prisma, lost, at(1_002))).toBe(false);
    expect(await completeJob(database.prisma, taken, at(1_002))).toBe(true);
    expect(await pruneJobs(database.prisma, { now: at(2_000), keepMs: 1 })).toBe(1);
  });

  it("names one run per period for recurring jobs", () => {
    const hourly = { queue: "reminders", everyMs: 3_600_000 };
    expect(recurringKey(hourly, at(1_000))).toBe("reminders@2026-03-01T12:00:00.000Z");
    expect(recurringKey(hourly, at(3_599_999))).toBe(recurringKey(hourly, T0));
    expect(recurringKey(hourly, at(3_600_000))).toBe("reminders@2026-03-01T13:00:00.000Z");
  });
});

describe("leases", () => {
  it("is held by one holder until released or expired", async () => {
    const lease = { name: "course-sync", ttlMs: 1_000 };
    expect(await acquireLease(database.prisma, { ...lease, holder: "a", now: T0 })).toBe(true);
    expect(await acquireLease(database.prisma, { ...lease, holder: "b", now: at(500) })).toBe(false);
    expect(await acquireLease(database.prisma, { ...lease, holder: "b", now: at(1_001) })).toBe(true);
    await releaseLease(database.prisma, { name: "course-sync", holder: "a" });
    expect(await acquireLease(database.prisma, { ...lease, holder: "a", now: at(1_100) })).toBe(false);
    await releaseLease(database.prisma, { name: "course-sync", holder: "b" });
    expect(await acquireLease(database.prisma, { ...lease, holder: "a", now: at(1_100) })).toBe(true);
  });
});
