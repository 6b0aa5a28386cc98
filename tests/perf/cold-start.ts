// Cold start: from `node server.js` to /readyz answering 200, on a database whose courses are
// already synced (what every start after the first is), against a bare Express server started
// the same way (a one-file Express app), interleaved, median of the repetitions. Also the server's CPU time
// until ready (from /proc). A load script, not a test: it asserts nothing. Target: 2 s.
//
//   npx tsx tests/perf/cold-start.ts [--repetitions 7] [--port 3206] [--cpu-prof dir]
// `npm run build` first. --cpu-prof writes a V8 CPU profile of one more product boot into dir.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

import { applyMigrationFiles } from "../../prisma/apply-migrations";
import { CLOCK_TICKS_PER_SECOND, cpuTicksFromProcStat } from "./http/stats";

const { values: args } = parseArgs({
  options: {
    repetitions: { type: "string", default: "7" },
    port: { type: "string", default: "3206" },
    "cpu-prof": { type: "string" },
  },
});
const REPETITIONS = Number(args.repetitions);
const PORT = Number(args.port);

const BARE_SERVER = `
import express from "express";
const app = express();
app.get("/readyz", (req, res) => res.type("text/plain").send("Ready\\n"));
app.listen(Number(process.env.PORT));
`;

interface Boot {
  ms: number;
  cpuMs: number;
}

function cpuMs(pid: number): number {
  try {
    return (cpuTicksFromProcStat(fs.readFileSync(`/proc/${pid}/stat`, "utf8")) / CLOCK_TICKS_PER_SECOND) * 1000;
  } catch {
    return Number.NaN;
  }
}

/** Starts a process and waits until GET /readyz answers 200; the time from spawn to that answer. */
async function boot(command: string[], env: Record<string, string>): Promise<Boot> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, command, {
    env: { ...process.env, ...env, PORT: String(PORT) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited with code ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error("no answer within two minutes");
      const ok = await fetch(`http://localhost:${PORT}/readyz`).then(
        async (response) => {
          await response.arrayBuffer();
          return response.ok;
        },
        () => false,
      );
      if (ok) return { ms: performance.now() - started, cpuMs: cpuMs(child.pid!) };
      // Polling fast enough to see a 2 s target to within a few ms, slow enough not to load the server.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main() {
  if (!fs.existsSync("build/artefacts.json")) throw new Error("no production build: run `npm run build` first");
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-cold-start-"));
  const file = path.join(directory, "cold.db");
  applyMigrationFiles(file);
  const env = {
    NODE_ENV: "production",
    APP_ORIGIN: `http://localhost:${PORT}`,
    DATABASE_URL: `file:${file}`,
    STORAGE_DIR: directory,
    CERTIFICATE_REMINDERS: "off",
  };
  // Beside the project's node_modules, so it loads the same express.
  const bareEntry = path.resolve("tests/perf/.cold-start-bare.mjs");
  fs.writeFileSync(bareEntry, BARE_SERVER);
  try {
    // The first start syncs the courses into the empty database; every later one finds them.
    const first = await boot(["server.js"], env);
    console.log(`first start (syncs the courses into an empty database): ${first.ms.toFixed(0)} ms`);
    const product: Boot[] = [];
    const bare: Boot[] = [];
    for (let rep = 0; rep < REPETITIONS; rep++) {
      bare.push(await boot([bareEntry], env));
      product.push(await boot(["server.js"], env));
      console.log(
        `  ${rep + 1}: product ${product.at(-1)!.ms.toFixed(0)} ms (CPU ${product.at(-1)!.cpuMs.toFixed(0)} ms), bare ${bare.at(-1)!.ms.toFixed(0)} ms`,
      );
    }
    if (args["cpu-prof"]) {
      const profileDir = path.resolve(args["cpu-prof"]);
      await boot(["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "server.js"], env);
      console.log(`CPU profile of one more boot in ${profileDir}`);
    }
    const p = median(product.map((b) => b.ms));
    const b = median(bare.map((b) => b.ms));
    console.log(
      `\n| | median to /readyz | median CPU until ready |\n|---|---:|---:|\n` +
        `| server.js, courses unchanged | ${p.toFixed(0)} ms | ${median(product.map((b) => b.cpuMs)).toFixed(0)} ms |\n` +
        `| bare Express app | ${b.toFixed(0)} ms | ${median(bare.map((b) => b.cpuMs)).toFixed(0)} ms |\n`,
    );
    console.log(
      `${REPETITIONS} interleaved repetitions; ${new Date().toISOString()}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    fs.rmSync(bareEntry, { force: true });
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
