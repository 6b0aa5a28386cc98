// `npx tsx tests/perf/reset-timing.ts [pairs]` (after `npm run build`): does a password-reset
// request take as long for an address with an account as for one without? Starts the production
// server on a fresh database, sends `pairs` (default 30) requests for known and unknown addresses
// interleaved over HTTP, and prints both medians and their difference. A measurement, not a test.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { hashPassword } from "../../app/auth/password.server";
import { createPrismaClient } from "../../app/db/client.server";
import { applyMigrationFiles } from "../../prisma/apply-migrations";

const PAIRS = Number(process.argv[2] ?? 30);
const WARM_UP = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function waitForServer(origin: string): Promise<void> {
  for (let attempt = 0; attempt < 1200; attempt += 1) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the server did not start within a minute");
}

async function main() {
  if (!fs.existsSync("build/index.js")) throw new Error("no build/: run npm run build first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-reset-timing-"));
  const file = path.join(dir, "timing.db");
  applyMigrationFiles(file);

  // Every request gets a fresh address, so the per-address throttle never answers early; known
  // addresses get a real account (the hash is computed once: its cost is not what is measured).
  const db = createPrismaClient(`file:${file}`);
  const passwordHash = await hashPassword("een wachtwoord voor de meting");
  const known = Array.from(
    { length: PAIRS + WARM_UP },
    (_, i) => `bekend-${i}-${randomUUID().slice(0, 8)}@timing.test`,
  );
  const unknown = Array.from(
    { length: PAIRS + WARM_UP },
    (_, i) => `onbekend-${i}-${randomUUID().slice(0, 8)}@timing.test`,
  );
  await db.user.createMany({ data: known.map((email) => ({ email, name: "Meting", passwordHash, sector: "bank" })) });
  // The per-client throttle (10 an hour) would refuse most of the run: its rows are removed
  // before each request, so every request does the full work.

  const port = 3950 + Math.floor(Math.random() * 40);
  const origin = `http://localhost:${port}`;
  const server = spawn("node", ["server.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      APP_ORIGIN: origin,
      DATABASE_URL: `file:${file}`,
      NODE_ENV: "production",
      MAIL_OUTBOX_DIR: path.join(dir, "outbox"),
      CERTIFICATE_REMINDERS: "off",
    },
    stdio: "ignore",
  });
  try {
    await waitForServer(origin);
    const request = async (email: string): Promise<number> => {
      await db.throttleEvent.deleteMany();
      const started = performance.now();
      const response = await fetch(`${origin}/wachtwoord-vergeten`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email }),
      });
      await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`HTTP ${response.status} for ${email}`);
      return elapsed;
    };
    for (let i = 0; i < WARM_UP; i += 1) {
      await request(known[i]!);
      await request(unknown[i]!);
    }
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = WARM_UP; i < WARM_UP + PAIRS; i += 1) {
      // Alternate which goes first, so neither always follows the other's background mail.
      if (i % 2) {
        times.known.push(await request(known[i]!));
        times.unknown.push(await request(unknown[i]!));
      } else {
        times.unknown.push(await request(unknown[i]!));
        times.known.push(await request(known[i]!));
      }
    }
    const knownMedian = median(times.known);
    const unknownMedian = median(times.unknown);
    const difference = (Math.abs(knownMedian - unknownMedian) / Math.min(knownMedian, unknownMedian)) * 100;
    console.log(
      `password reset, ${PAIRS} + ${PAIRS} interleaved requests over HTTP (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})`,
    );
    console.log(`  known address:   median ${knownMedian.toFixed(1)} ms`);
    console.log(`  unknown address: median ${unknownMedian.toFixed(1)} ms`);
    console.log(`  difference:      ${difference.toFixed(1)} % of the smaller median`);
  } finally {
    server.kill();
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
