import type { AddressInfo } from "node:net";

import express from "express";
import { afterEach, describe, expect, it } from "vitest";

import { createLoadMonitor, shedLoad } from "./overload.js";

/** Keeps the event loop busy, as a queue of CPU-bound requests would. */
function blockLoop(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy on purpose
  }
}

const yieldFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createLoadMonitor", () => {
  const monitors: { stop(): void }[] = [];
  afterEach(() => monitors.splice(0).forEach((monitor) => monitor.stop()));

  it("calls a loop overloaded once it stays busy for two intervals, and calm again after", async () => {
    const monitor = createLoadMonitor({ maxDelayMs: 100, intervalMs: 100 });
    monitors.push(monitor);
    expect(monitor.isOverloaded()).toBe(false);
    // Long blocks with a tick in between: every timer fires far too late, interval after interval.
    for (let i = 0; i < 12 && !monitor.isOverloaded(); i += 1) {
      blockLoop(300);
      await yieldFor(0);
    }
    expect(monitor.isOverloaded()).toBe(true);
    for (let i = 0; i < 50 && monitor.isOverloaded(); i += 1) await yieldFor(50);
    expect(monitor.isOverloaded()).toBe(false);
  });

  it("does not call one long task saturation", async () => {
    const monitor = createLoadMonitor({ maxDelayMs: 100, intervalMs: 100 });
    monitors.push(monitor);
    blockLoop(400);
    for (let i = 0; i < 6; i += 1) {
      await yieldFor(50);
      expect(monitor.isOverloaded()).toBe(false);
    }
  });

  it("is off with a limit of 0", async () => {
    const monitor = createLoadMonitor({ maxDelayMs: 0, intervalMs: 50 });
    blockLoop(200);
    await yieldFor(120);
    expect(monitor.isOverloaded()).toBe(false);
  });
});

describe("shedLoad", () => {
  async function serve(overloaded: boolean, maxInFlight = 0) {
    const app = express();
    app.use(
      shedLoad(
        { isOverloaded: () => overloaded },
        {
          exempt: new Set(["/healthz"]),
          maxInFlight,
          retryAfterSeconds: 5,
          refuse: (_req, res, headers) => res.status(503).set(headers).send("druk / busy"),
        },
      ),
    );
    let releaseSlow: () => void = () => {};
    app.get("/traag", (_req, res) => {
      releaseSlow = () => res.send("eindelijk");
    });
    app.get("*", (_req, res) => res.send("ok"));
    const server = app.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { origin, releaseSlow: () => releaseSlow(), close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it("answers 503 with Retry-After while overloaded, but never for the health check", async () => {
    const { origin, close } = await serve(true);
    try {
      const page = await fetch(`${origin}/inloggen`);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBe("5");
      expect(await page.text()).toBe("druk / busy");
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    } finally {
      await close();
    }
  });

  it("lets everything through otherwise", async () => {
    const { origin, close } = await serve(false);
    try {
      expect((await fetch(`${origin}/inloggen`)).status).toBe(200);
    } finally {
      await close();
    }
  });

  it("refuses new requests while the in-flight limit is reached, and takes them again after", async () => {
    const { origin, releaseSlow, close } = await serve(false, 1);
    try {
      const slow = fetch(`${origin}/traag`);
      await expect.poll(async () => (await fetch(`${origin}/inloggen`)).status).toBe(503);
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      releaseSlow();
      expect(await (await slow).text()).toBe("eindelijk");
      expect((await fetch(`${origin}/inloggen`)).status).toBe(200);
    } finally {
      await close();
    }
  });
});
