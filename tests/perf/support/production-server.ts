// Starts the production build (server.js, `npm run build` first) on a scratch database for the
// HTTP load scripts in tests/perf, and reads the server process's memory and CPU from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { applyMigrationFiles } from "../../../prisma/apply-migrations";
import { CLOCK_TICKS_PER_SECOND, cpuTicksFromProcStat } from "../http/stats";

export interface ProductionServer {
  origin: string;
  pid: number;
  /** The scratch database's file: URL, for arranging rows before the load starts. */
  databaseUrl: string;
  /** Where the server writes mail (sign-up links) without SMTP. */
  outboxDir: string;
  stop(): Promise<void>;
}

export async function startProductionServer(options: {
  port: number;
  env?: Record<string, string>;
  /** Serve the Remix build of this directory (the benchmark's bare app) with the same server.js. */
  appDirectory?: string;
  /** An existing database (e.g. data/load.db) instead of a freshly migrated scratch one. */
  databaseUrl?: string;
  /** Answers 200 once the server is ready; /healthz unless the app has none. */
  readyPath?: string;
  /** Options for node itself, before server.js (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
}): Promise<ProductionServer> {
  const cwd = options.appDirectory ?? process.cwd();
  if (!fs.existsSync(path.join(cwd, "build/index.js")))
    throw new Error(`${cwd}/build/index.js is missing: run \`npm run build\` first`);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-perf-"));
  const file = path.join(directory, "perf.db");
  if (!options.databaseUrl) applyMigrationFiles(file);
  const databaseUrl = options.databaseUrl ?? `file:${file}`;
  // options.nodeArgs (the dashboard benchmark's --profile) or BENCH_SERVER_NODE_ARGS="--cpu-prof
  // --cpu-prof-dir=/tmp/prof" profile the server (Node refuses --cpu-prof in NODE_OPTIONS); the
  // profile is written when server.js exits after SIGTERM. PERF_SERVER_NODE_ARGS is an alias.
  const nodeArgs =
    options.nodeArgs ??
    (process.env.BENCH_SERVER_NODE_ARGS ?? process.env.PERF_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.resolve("server.js")], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      APP_ORIGIN: `http://localhost:${options.port}`,
      DATABASE_URL: databaseUrl,
      MAIL_OUTBOX_DIR: path.join(directory, "outbox"),
      CERTIFICATE_CACHE_DIR: path.join(directory, "certificates"),
      CERTIFICATE_BUNDLE_DIR: path.join(directory, "bundles"),
      SCORM_PACKAGE_DIR: path.join(directory, "scorm"),
      CERTIFICATE_REMINDERS: "off",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://localhost:${options.port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null) throw new Error(`server.js exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}${options.readyPath ?? "/healthz"}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 1200) throw new Error("server.js did not answer within two minutes");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin,
    pid: child.pid ?? 0,
    databaseUrl,
    outboxDir: path.join(directory, "outbox"),
    async stop() {
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Resident set size of a process in MiB (VmRSS), or NaN when it is gone. */
export function residentMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  return cpuTicksFromProcStat(fs.readFileSync(`/proc/${pid}/stat`, "utf8")) / CLOCK_TICKS_PER_SECOND;
}
