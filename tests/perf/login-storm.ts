// 200 learners log in within 10 seconds against the production server (a load script, not a
// test; it asserts nothing). Arrivals are open-loop: one login every 50 ms whether or not the
// earlier ones were answered, like people clicking "Inloggen" at the start of a training
// session; a client gives up after CLIENT_TIMEOUT_MS. Prints status counts, p50/p95 latency of
// the answered logins, how many were refused with 503 + Retry-After, and the server's CPU time
// during the storm and after the last client was done (work nobody waits for any more).
// Run after `npm run build`:
//   npx tsx tests/perf/login-storm.ts    (LOGINS=200 WITHIN_MS=10000 CLIENT_TIMEOUT_MS=15000 PERF_PORT=3291)
// Extra server environment (e.g. OVERLOAD_MAX_DELAY_MS=0 to switch the guard off) is passed through.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";

import Database from "better-sqlite3";

import { hashPassword } from "../../app/auth/password.server";
import { cpuSeconds, startProductionServer } from "./support/production-server";

const LOGINS = Number(process.env.LOGINS ?? 200);
const WITHIN_MS = Number(process.env.WITHIN_MS ?? 10_000);
const CLIENT_TIMEOUT_MS = Number(process.env.CLIENT_TIMEOUT_MS ?? 15_000);
const PORT = Number(process.env.PERF_PORT ?? 3291);
const PASSWORD = "stormachtig-inloggen-2026";

interface Outcome {
  status: string;
  ms: number;
  retryAfter: string | null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Learners straight into the scratch database, all with the same (real argon2id) password hash. */
async function createLearners(databaseUrl: string): Promise<string[]> {
  const passwordHash = await hashPassword(PASSWORD);
  const db = new Database(databaseUrl.slice("file:".length));
  const insert = db.prepare(
    "INSERT INTO User (id, email, name, passwordHash, role, locale, sector, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'learner', 'nl', 'police', ?, ?)",
  );
  const emails = Array.from({ length: LOGINS }, (_, i) => `storm-${i}@load.example`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const [i, email] of emails.entries()) insert.run(randomUUID(), email, `Aspirant ${i}`, passwordHash, now, now);
  })();
  db.close();
  return emails;
}

async function logIn(origin: string, email: string): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${origin}/inloggen`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "" }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return {
      status: String(response.status),
      ms: performance.now() - started,
      retryAfter: response.headers.get("retry-after"),
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : "error";
    return { status: name === "TimeoutError" ? "gave up" : name, ms: performance.now() - started, retryAfter: null };
  }
}

async function main() {
  const server = await startProductionServer({ port: PORT });
  try {
    const emails = await createLearners(server.databaseUrl);
    await fetch(`${server.origin}/inloggen`);
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    const gap = WITHIN_MS / LOGINS;
    const outcomes = await Promise.all(
      emails.map(
        (email, i) =>
          new Promise<Outcome>((resolve) => {
            setTimeout(() => resolve(logIn(server.origin, email)), i * gap);
          }),
      ),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const cpuDuring = cpuSeconds(server.pid) - cpuBefore;
    // Work the server still does for clients that have already gone.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const cpuAfter = cpuSeconds(server.pid) - cpuBefore - cpuDuring;

    const counts = new Map<string, number>();
    for (const outcome of outcomes) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
    const answered = outcomes
      .filter((o) => /^\d+$/.test(o.status))
      .map((o) => o.ms)
      .sort((a, b) => a - b);
    const loggedIn = outcomes
      .filter((o) => o.status === "302" || o.status === "303" || o.status === "204")
      .map((o) => o.ms)
      .sort((a, b) => a - b);
    const refused = outcomes.filter((o) => o.status === "503");
    console.log(`${LOGINS} logins within ${WITHIN_MS / 1000} s (client gives up after ${CLIENT_TIMEOUT_MS / 1000} s)`);
    console.log(`  statuses: ${[...counts].map(([status, n]) => `${status} × ${n}`).join(", ")}`);
    console.log(
      `  answered: p50 ${percentile(answered, 50).toFixed(0)} ms, p95 ${percentile(answered, 95).toFixed(0)} ms, max ${(answered.at(-1) ?? Number.NaN).toFixed(0)} ms`,
    );
    console.log(
      `  logged in: ${loggedIn.length}, p50 ${percentile(loggedIn, 50).toFixed(0)} ms, p95 ${percentile(loggedIn, 95).toFixed(0)} ms`,
    );
    const refusedMs = refused.map((o) => o.ms).sort((a, b) => a - b);
    console.log(
      `  503 with Retry-After: ${refused.filter((o) => o.retryAfter).length} (p50 ${percentile(refusedMs, 50).toFixed(0)} ms, p95 ${percentile(refusedMs, 95).toFixed(0)} ms)`,
    );
    console.log(
      `  server CPU: ${cpuDuring.toFixed(1)} s in ${wallSeconds.toFixed(1)} s (${((cpuDuring / wallSeconds) * 100).toFixed(0)} % of one core), ${cpuAfter.toFixed(1)} s in the 5 s after the last client`,
    );
  } finally {
    await server.stop();
  }
}

await main();
