// Builds and starts the two servers of `npm run bench:http`: the product and the bare Remix app
// (tests/perf/http/bare-app), both served by the project's server.js.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { startProductionServer, type ProductionServer } from "../support/production-server";

export const BARE_APP_DIRECTORY = path.resolve("tests/perf/http/bare-app");

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status})`);
}

/**
 * `npm run build` for the product; `remix build` for the bare app, plus the record server.js
 * checks before it serves a build (the bare app has no other artefacts to make). `product: false`
 * (--no-build) reuses both builds, building the bare app only when it has none.
 */
export function buildServers({ product }: { product: boolean }) {
  if (product) run("npm", ["run", "build"]);
  else if (!fs.existsSync("build/artefacts.json")) throw new Error("no production build: leave out --no-build");
  const record = path.join(BARE_APP_DIRECTORY, "build/artefacts.json");
  if (!product && fs.existsSync(record)) return;
  run(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build", BARE_APP_DIRECTORY]);
  const bundle = path.join(BARE_APP_DIRECTORY, "build/index.js");
  const serverBuild = crypto.createHash("sha256").update(fs.readFileSync(bundle)).digest("hex");
  fs.writeFileSync(record, JSON.stringify({ serverBuild }));
}

/**
 * The environment both servers share: the same middlewares, per-client throttles keyed on
 * X-Forwarded-For, and load shedding off, so a saturated server answers slower instead of
 * answering 503 fast (which would count as throughput). The reading-pace mode keeps shedding on.
 */
export const BENCH_ENV = { TRUST_PROXY: "1", OVERLOAD_MAX_DELAY_MS: "0", MAX_CONCURRENT_REQUESTS: "0" };

export function startProduct(
  port: number,
  env: Record<string, string> = {},
  databaseUrl?: string,
  nodeArgs?: string[],
): Promise<ProductionServer> {
  return startProductionServer({
    port,
    databaseUrl,
    nodeArgs,
    env: { ...BENCH_ENV, STIGMAVRIJ_SQL_COUNT: "1", ...env },
  });
}

export function startBare(port: number): Promise<ProductionServer> {
  return startProductionServer({ port, env: BENCH_ENV, appDirectory: BARE_APP_DIRECTORY, readyPath: "/" });
}

/** Statements the product's Prisma client has sent so far (STIGMAVRIJ_SQL_COUNT=1), read before /healthz's own query. */
export async function sqlStatements(origin: string): Promise<number> {
  const response = await fetch(`${origin}/healthz`);
  await response.arrayBuffer();
  const header = response.headers.get("x-sql-statements");
  if (header === null) throw new Error("the server does not count SQL statements (STIGMAVRIJ_SQL_COUNT=1)");
  return Number(header);
}
