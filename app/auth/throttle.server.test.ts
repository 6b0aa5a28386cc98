import type { PrismaClient } from "@prisma/client";
import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";

import {
  THROTTLE_RULES,
  UNKNOWN_IP,
  checkThrottle,
  clearThrottle,
  clientIp,
  ipThrottleKeys,
  pruneThrottleEvents,
  recordThrottleEvent,
  throttleKeys,
} from "./throttle.server";

const MINUTE = 60_000;
const T0 = new Date("2026-03-01T12:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

const database = useTestDatabase();
let prisma: PrismaClient;

beforeEach(async () => {
  prisma = database.prisma;
});

async function fail(key: string, minutes: number) {
  await recordThrottleEvent([key], { db: prisma, now: at(minutes) });
}

describe("sliding window throttling", () => {
  const rule = THROTTLE_RULES.loginAccount; // 5 per 15 minutes
  const key = throttleKeys.loginEmail("  Ada@Example.org ");

  it("normalises account keys", () => {
    expect(key).toBe("login:email:ada@example.org");
  });

  it("allows up to the limit and blocks beyond it", async () => {
    for (let i = 0; i < 4; i++) await fail(key, i);
    expect(await checkThrottle([key], rule, { db: prisma, now: at(4) })).toEqual({ allowed: true });
    await fail(key, 4);
    expect(await checkThrottle([key], rule, { db: prisma, now: at(5) })).toEqual({
      allowed: false,
      // The first event (minute 0) leaves the window at minute 15.
      retryAfterSeconds: 10 * 60,
    });
  });

  it("slides: allowed again once the oldest event leaves the window", async () => {
    for (let i = 0; i < 5; i++) await fail(key, i);
    expect((await checkThrottle([key], rule, { db: prisma, now: at(14.99) })).allowed).toBe(false);
    expect((await checkThrottle([key], rule, { db: prisma, now: at(15) })).allowed).toBe(true);
    await fail(key, 15);
    // Events at 1,2,3,4,15: blocked until minute 16.
    expect(await checkThrottle([key], rule, { db: prisma, now: at(15.5) })).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
    });
  });

  it("waits for enough events to expire when far over the limit", async () => {
    for (let i = 0; i < 8; i++) await fail(key, i);
    // 8 events, max 5: the 4th (minute 3) must leave the window, at minute 18.
    expect(await checkThrottle([key], rule, { db: prisma, now: at(8) })).toEqual({
      allowed: false,
      retryAfterSeconds: 10 * 60,
    });
  });

  it("ignores events in the future of the given clock", async () => {
    for (let i = 0; i < 5; i++) await fail(key, 10);
    expect((await checkThrottle([key], rule, { db: prisma, now: at(5) })).allowed).toBe(true);
  });

  it("checks each key separately and reports the longest wait", async () => {
    const other = throttleKeys.loginEmail("bob@example.org");
    for (let i = 0; i < 5; i++) await fail(key, i);
    for (let i = 0; i < 5; i++) await fail(other, 5 + i);
    expect(
      await checkThrottle([throttleKeys.loginEmail("carol@example.org")], rule, { db: prisma, now: at(10) }),
    ).toEqual({ allowed: true });
    expect(await checkThrottle([key, other], rule, { db: prisma, now: at(10) })).toEqual({
      allowed: false,
      retryAfterSeconds: 10 * 60,
    });
  });

  it("applies the per-IP rule of 30 per 15 minutes", async () => {
    const ipKey = throttleKeys.loginIp("203.0.113.9");
    for (let i = 0; i < 29; i++) await fail(ipKey, i * 0.1);
    const now = { db: prisma, now: at(3) };
    expect((await checkThrottle([ipKey], THROTTLE_RULES.loginIp, now)).allowed).toBe(true);
    await fail(ipKey, 2.9);
    expect((await checkThrottle([ipKey], THROTTLE_RULES.loginIp, now)).allowed).toBe(false);
  });

  it("uses hour windows for reset requests", async () => {
    const resetKey = throttleKeys.resetEmail("ada@example.org");
    for (let i = 0; i < 3; i++) await fail(resetKey, i);
    const blocked = await checkThrottle([resetKey], THROTTLE_RULES.resetAccount, { db: prisma, now: at(30) });
    expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 30 * 60 });
    expect((await checkThrottle([resetKey], THROTTLE_RULES.resetAccount, { db: prisma, now: at(60) })).allowed).toBe(
      true,
    );
  });

  it("clears a key", async () => {
    for (let i = 0; i < 5; i++) await fail(key, i);
    await clearThrottle([key], { db: prisma });
    expect((await checkThrottle([key], rule, { db: prisma, now: at(5) })).allowed).toBe(true);
  });
});

describe("pruning", () => {
  it("deletes events older than a day", async () => {
    await fail("old", -25 * 60);
    await fail("recent", -23 * 60);
    expect(await pruneThrottleEvents(prisma, T0)).toBe(1);
    expect((await prisma.throttleEvent.findMany()).map((e) => e.key)).toEqual(["recent"]);
  });

  it("happens on its own when events are recorded", async () => {
    await prisma.throttleEvent.create({ data: { key: "ancient", createdAt: at(-48 * 60) } });
    // Far enough from any earlier prune in this process to trigger one.
    await recordThrottleEvent(["fresh"], { db: prisma, now: at(10 * 24 * 60) });
    expect((await prisma.throttleEvent.findMany()).map((e) => e.key)).toEqual(["fresh"]);
  });
});

describe("clientIp", () => {
  const request = (xff?: string) =>
    new Request("http://localhost/inloggen", xff ? { headers: { "X-Forwarded-For": xff } } : {});

  it("takes the address server.js resolved, never a client-supplied header", () => {
    expect(clientIp(request("198.51.100.7"), { clientIp: "203.0.113.9" })).toBe("203.0.113.9");
    expect(clientIp(request("198.51.100.7"))).toBe(UNKNOWN_IP);
    expect(clientIp(request(), {})).toBe(UNKNOWN_IP);
  });

  it("bounds the length of the key", () => {
    expect(clientIp(request(), { clientIp: "x".repeat(200) })).toHaveLength(64);
  });

  it("builds no per-IP key for an unknown address", () => {
    expect(ipThrottleKeys(UNKNOWN_IP, throttleKeys.loginIp)).toEqual([]);
    expect(ipThrottleKeys("198.51.100.7", throttleKeys.loginIp)).toEqual(["login:ip:198.51.100.7"]);
  });
});
