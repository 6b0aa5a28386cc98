// Benchmark: requests per second with WEB_CONCURRENCY=1 against WEB_CONCURRENCY=2 (server/cluster.js)
// on one SQLite database, for a learner page (the catalogue) and /healthz. The two settings are
// interleaved and repeated, and the median of each is reported with the ratio, plus the server's
// CPU milliseconds per request (all its processes, from /proc). Needs `npm run build` first.
//   tsx tests/perf/workers.ts [--port 3255] [--seconds 8] [--rounds 3] [--connections 16]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import autocannon from "autocannon";

import { applyMigrationFiles } from "../../prisma/apply-migrations";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3255" },
    seconds: { type: "string", default: "8" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
  },
});
const PORT = Number(values.port);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = Number(values.connections);
const PATHS = ["/modules", "/healthz"];
const TICKS_PER_SECOND = 100;

if (!fs.existsSync("build/index.js")) throw new Error("build/index.js is missing: run `npm run build` first");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-workers-"));
const dbFile = path.join(work, "bench.db");
applyMigrationFiles(dbFile);

/** utime + stime of a process and its direct children (the cluster's workers), in clock ticks. */
function cpuTicks(pid: number): number {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  return [pid, ...children.map(Number)].reduce((sum, id) => {
    const stat = fs.readFileSync(`/proc/${id}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return sum + Number(fields[11]) + Number(fields[12]);
  }, 0);
}

async function startServer(workers: number) {
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      APP_ORIGIN: `http://localhost:${PORT}`,
      DATABASE_URL: `file:${dbFile}`,
      STORAGE_DIR: path.join(work, "storage"),
      MAIL_OUTBOX_DIR: path.join(work, "outbox"),
      CERTIFICATE_REMINDERS: "off",
      WEB_CONCURRENCY: String(workers),
      // Measured: throughput, not the load shedding in front of it.
      OVERLOAD_MAX_DELAY_MS: "0",
      MAX_CONCURRENT_REQUESTS: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.js exited with ${child.exitCode}`);
    const ready = await fetch(`http://localhost:${PORT}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    // Every worker must be listening, not just the first one.
    const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim();
    if (ready && (workers === 1 || children.split(/\s+/).length === workers)) break;
    if (Date.now() - started > 180_000) throw new Error("server did not get ready");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    pid: child.pid!,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function load(pathname: string, pid: number) {
  // Warm-up: first renders, JIT, connections.
  await autocannon({ url: `http://localhost:${PORT}${pathname}`, connections: CONNECTIONS, duration: 2 });
  const before = cpuTicks(pid);
  const result = await autocannon({
    url: `http://localhost:${PORT}${pathname}`,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  const cpuMs = ((cpuTicks(pid) - before) * 1000) / TICKS_PER_SECOND;
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p95: result.latency.p97_5,
    errors: result.non2xx + result.errors,
    cpuPerRequest: cpuMs / requests,
  };
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const results: Record<string, { rps: number[]; cpu: number[]; errors: number }> = {};

for (let round = 1; round <= ROUNDS; round++) {
  for (const workers of [1, 2]) {
    const server = await startServer(workers);
    for (const pathname of PATHS) {
      const run = await load(pathname, server.pid);
      const key = `${pathname} ${workers}`;
      results[key] ??= { rps: [], cpu: [], errors: 0 };
      results[key].rps.push(run.rps);
      results[key].cpu.push(run.cpuPerRequest);
      results[key].errors += run.errors;
      console.log(
        `round ${round} workers ${workers} ${pathname}: ${run.rps.toFixed(0)} req/s, p97.5 ${run.p95} ms, ` +
          `${run.cpuPerRequest.toFixed(2)} CPU ms/req, ${run.errors} errors`,
      );
    }
    await server.stop();
  }
}

console.log(
  `\n${os.availableParallelism()} cores, ${CONNECTIONS} connections, ${SECONDS} s per run, median of ${ROUNDS}`,
);
console.log("| path | 1 process req/s | 2 processes req/s | ratio | CPU ms/req 1 / 2 | errors |");
console.log("|---|---:|---:|---:|---|---:|");
for (const pathname of PATHS) {
  const one = results[`${pathname} 1`]!;
  const two = results[`${pathname} 2`]!;
  console.log(
    `| \`${pathname}\` | ${median(one.rps).toFixed(0)} | ${median(two.rps).toFixed(0)} | ` +
      `${(median(two.rps) / median(one.rps)).toFixed(2)}× | ${median(one.cpu).toFixed(2)} / ${median(two.cpu).toFixed(2)} | ${one.errors + two.errors} |`,
  );
}
fs.rmSync(work, { recursive: true, force: true });
