// Back-pressure: when the server is saturated every queued request only gets slower, and
// clients give up while the server keeps working for them. A request that arrives while the
// loop's measured delay is over the limit, or while too many requests are already in progress,
// gets a fast 503 with Retry-After instead.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const RESOLUTION_MS = 10;

/**
 * Samples the event-loop delay every `intervalMs` and calls the loop overloaded while the mean
 * delay was above `maxDelayMs` in the last two intervals: one long task (a first render, a PDF)
 * is not saturation, a queue that keeps every timer late is. maxDelayMs 0 turns the guard off.
 * @param {{ maxDelayMs: number, intervalMs?: number }} options
 */
export function createLoadMonitor({ maxDelayMs, intervalMs = 500 }) {
  let overloaded = false;
  let lastDelayMs = 0;
  let previousDelayMs = 0;
  if (maxDelayMs <= 0) return { isOverloaded: () => false, delayMs: () => 0, stop() {} };
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let due = performance.now() + intervalMs;
  const timer = setInterval(() => {
    // How late this very timer fires, and the mean over the histogram's finer samples (which
    // counts its own resolution as delay, and has none when the loop was blocked throughout).
    const now = performance.now();
    const lateness = Math.max(0, now - due);
    due = now + intervalMs;
    const mean = histogram.count > 0 ? Math.max(0, histogram.mean / 1e6 - RESOLUTION_MS) : lateness;
    previousDelayMs = lastDelayMs;
    lastDelayMs = Math.max(mean, lateness);
    overloaded = lastDelayMs > maxDelayMs && previousDelayMs > maxDelayMs;
    histogram.reset();
  }, intervalMs);
  timer.unref();
  return {
    isOverloaded: () => overloaded,
    delayMs: () => lastDelayMs,
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

/**
 * Express middleware answering 503 + Retry-After while `monitor` says overloaded, or while
 * `maxInFlight` requests are already being worked on (0 = no limit): work that waits off the
 * event loop, such as password hashing in the thread pool, queues without delaying the loop.
 * The paths in `exempt` always pass (the health check must keep telling the truth about the
 * database) and are not counted.
 * @param {{ isOverloaded: () => boolean }} monitor
 * @param {{ exempt: Set<string>, maxInFlight: number, retryAfterSeconds: number, refuse: (req: import("express").Request, res: import("express").Response, headers: Record<string, string>) => void }} options
 * @returns {import("express").RequestHandler}
 */
export function shedLoad(monitor, { exempt, maxInFlight, retryAfterSeconds, refuse }) {
  let inFlight = 0;
  return (req, res, next) => {
    if (exempt.has(req.path)) return next();
    if (monitor.isOverloaded() || (maxInFlight > 0 && inFlight >= maxInFlight)) {
      refuse(req, res, { "Retry-After": String(retryAfterSeconds) });
      return;
    }
    inFlight += 1;
    let released = false;
    // "close" comes for answered and abandoned requests alike.
    res.once("close", () => {
      if (released) return;
      released = true;
      inFlight -= 1;
    });
    next();
  };
}
