// Server memory while a client streams a large chunked body (no Content-Length) at a form action
// that needs no login: the body cap must hold on the stream, so memory stays flat. Prints the
// resident memory of server.js before, at its peak during, and after the upload, and what the
// client got back. Asserts nothing. Run after `npm run build`:
//   npx tsx tests/perf/chunked-body.ts            (BODY_MIB=256, PERF_PORT=3290, BODY_PATH=/inloggen)
import http from "node:http";
import { performance } from "node:perf_hooks";

import { residentMiB, startProductionServer } from "./support/production-server";

const BODY_MIB = Number(process.env.BODY_MIB ?? 256);
const PORT = Number(process.env.PERF_PORT ?? 3290);
const BODY_PATH = process.env.BODY_PATH ?? "/inloggen";
const CHUNK = Buffer.alloc(64 * 1024, "a");

interface Outcome {
  status: number | string;
  sentMiB: number;
  ms: number;
}

/** Writes chunks until the body is complete or the server answers or closes, whichever comes first. */
function postChunked(origin: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const finish = (status: number | string) => {
      if (settled) return;
      settled = true;
      resolve({ status, sentMiB: sent / (1024 * 1024), ms: performance.now() - started });
    };
    const request = http.request(`${origin}${BODY_PATH}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Transfer-Encoding": "chunked",
        Origin: origin,
      },
    });
    request.on("response", (response) => {
      response.resume();
      finish(response.statusCode ?? 0);
      request.destroy();
    });
    request.on("error", (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    const total = BODY_MIB * 1024 * 1024;
    const write = () => {
      while (!settled && sent < total) {
        sent += CHUNK.length;
        if (!request.write(CHUNK)) {
          request.once("drain", write);
          return;
        }
      }
      if (!settled) request.end();
    };
    write();
  });
}

async function main() {
  const server = await startProductionServer({ port: PORT });
  try {
    // Warm up the route once so the measurement is not the first render's allocations.
    await fetch(`${server.origin}${BODY_PATH}`);
    const before = residentMiB(server.pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentMiB(server.pid));
    }, 20);
    const outcome = await postChunked(server.origin);
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(sampler);
    const after = residentMiB(server.pid);
    const healthy = (await fetch(`${server.origin}/healthz`)).status;
    console.log(`chunked POST of ${BODY_MIB} MiB to ${BODY_PATH}`);
    console.log(
      `  answer: ${outcome.status} after ${outcome.ms.toFixed(0)} ms, ${outcome.sentMiB.toFixed(1)} MiB written by the client`,
    );
    console.log(
      `  server RSS: before ${before.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB, after ${after.toFixed(0)} MiB`,
    );
    console.log(`  /healthz afterwards: ${healthy}`);
  } finally {
    await server.stop();
  }
}

await main();
