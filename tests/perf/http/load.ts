// One measured run: autocannon against one server, with every answer's status and latency kept
// and the server process's CPU time read from /proc before and after.
import fs from "node:fs";
import { performance } from "node:perf_hooks";

import autocannon from "autocannon";

import { cpuMsPerRequest, cpuTicksFromProcStat, percentile, type RunFigures } from "./stats";

export interface RequestShape {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  /** Called for every request, so requests can cycle over learners, attempts and addresses. */
  next: () => RequestShape;
  /** Statuses that count as a right answer (a redirect is what a form POST answers). */
  expect: readonly number[];
}

export interface LoadOptions {
  connections: number;
  /** Requests to send; the run ends when every one has its answer. */
  amount: number;
}

/** utime + stime of the server process and its child processes (the workers of a cluster). */
export function cpuTicks(pid: number): number {
  const own = cpuTicksFromProcStat(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  let children: string[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  } catch {
    // No children file on this kernel: the process alone.
  }
  return children.reduce((sum, child) => {
    try {
      return sum + cpuTicksFromProcStat(fs.readFileSync(`/proc/${child}/stat`, "utf8"));
    } catch {
      return sum; // exited in between
    }
  }, own);
}

/** CPU ticks once the process has used at most one tick in half a second (or after 30 s). */
export async function settledTicks(pid: number): Promise<number> {
  let ticks = cpuTicks(pid);
  for (let waited = 0; waited < 30_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuTicks(pid);
    if (now - ticks <= 1) return now;
    ticks = now;
  }
  return ticks;
}

export async function runLoad(origin: string, pid: number, spec: LoadSpec, options: LoadOptions): Promise<RunFigures> {
  const latencies: number[] = [];
  let wrongStatus = 0;
  const unexpected = new Map<number, number>();
  const ticksBefore = cpuTicks(pid);
  const started = performance.now();
  // autocannon notices that the last answer came only at its next once-a-second sample, so its
  // own end would round every run up to whole seconds (a 40-request run "took" 1 s): the run
  // ends at the last answer instead.
  let lastAnswerAt = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: Math.min(options.connections, options.amount),
        amount: options.amount,
        timeout: 30,
        requests: [
          {
            setupRequest: (request) => {
              const shape = spec.next();
              return {
                ...request,
                method: shape.method,
                path: shape.path,
                headers: shape.headers ?? {},
                body: shape.body,
              };
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      lastAnswerAt = performance.now();
      if (spec.expect.includes(statusCode)) return;
      wrongStatus += 1;
      unexpected.set(statusCode, (unexpected.get(statusCode) ?? 0) + 1);
    });
  });
  const seconds = Math.max(lastAnswerAt - started, 1) / 1000;
  // Work the requests left behind (the learning-event drain: completions, certificates, reports)
  // is part of their cost: wait until the server is idle and count its CPU time too.
  const ticksAfter = await settledTicks(pid);
  // autocannon's errors include its timeouts.
  const errors = wrongStatus + result.errors;
  if (errors > 0) {
    const statuses = [...unexpected].map(([status, n]) => `${status} × ${n}`);
    console.log(
      `    unexpected: ${[...statuses, `errors ${result.errors}`, `timeouts ${result.timeouts}`].join(", ")}`,
    );
  }
  return {
    requests: latencies.length,
    // Only right answers count as throughput.
    requestsPerSecond: (latencies.length - wrongStatus) / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpuMsPerRequest: cpuMsPerRequest(ticksBefore, ticksAfter, latencies.length),
    errors,
  };
}
