// Graceful shutdown of a serving process on SIGTERM/SIGINT (close-with-grace): readiness turns to
// "not ready" first, then the listener closes (in-flight requests finish, idle keep-alive
// connections are closed), then the caller's clean-up runs (the job in hand finishes, the
// database closes). Anything still running after the timeout is cut off by the process exit.
import cluster from "node:cluster";

import closeWithGrace from "close-with-grace";

/**
 * @param {import("node:http").Server} server
 * @param {{
 *   timeoutMs: number,
 *   drainMs?: number,
 *   onShutdownStart?: () => void,
 *   onClosed?: () => Promise<void>,
 *   log?: Pick<Console, "info" | "error">,
 * }} options drainMs keeps serving (with /readyz answering 503) that long before closing, so a
 * load balancer that polls readiness stops sending new requests first.
 */
export function shutDownGracefully(server, { timeoutMs, drainMs = 0, onShutdownStart, onClosed, log = console }) {
  // A Ctrl-C reaches the whole process group; a worker leaves it to the primary, which sends it
  // SIGTERM (a second signal would make close-with-grace exit at once).
  if (cluster.isWorker) process.on("SIGINT", () => undefined);
  const skip = cluster.isWorker ? ["SIGINT"] : [];
  closeWithGrace({ delay: timeoutMs, logger: log, skip }, async ({ signal, err }) => {
    if (err) log.error("stopping after an unexpected error", err);
    else log.info(`${signal}: finishing requests in progress, then stopping`);
    onShutdownStart?.();
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    await closeServer(server);
    await onClosed?.();
  });
}

/** Resolves once every connection has ended: open requests finish, idle connections close at once. */
function closeServer(server) {
  return new Promise((resolve) => {
    // Keep-alive connections whose request ends after close() would idle until their timeout:
    // they are closed as soon as they are idle, and new requests on them are answered with
    // Connection: close.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(idle);
      resolve(undefined);
    });
    server.closeIdleConnections();
    server.on("request", (_req, res) => res.setHeader("Connection", "close"));
  });
}

/** Milliseconds from an environment variable, or the default. */
export function millisecondsFrom(value, fallback) {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`must be a whole number of milliseconds (got ${value})`);
  return number;
}
