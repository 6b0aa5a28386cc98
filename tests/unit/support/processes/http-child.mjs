// An HTTP server run the way server.js runs (server/cluster.js, server/shutdown.js), with a slow
// route the test finishes by creating a file, for tests/unit/several-processes.test.ts.
// `node http-child.mjs <port> <workers> <release file> <drain ms>`
import fs from "node:fs";
import http from "node:http";

import { isPrimary, runPrimary } from "../../../../server/cluster.js";
import { shutDownGracefully } from "../../../../server/shutdown.js";

const [port, workers, releaseFile, drainMs] = process.argv.slice(2);
const quiet = { info: () => undefined, error: (...parts) => console.error(...parts) };

if (isPrimary && Number(workers) > 1)
  process.exit(await runPrimary({ workers: Number(workers), shutdownTimeoutMs: 30_000, log: quiet }));

let shuttingDown = false;
const released = () =>
  new Promise((resolve) => {
    const check = setInterval(() => {
      if (!fs.existsSync(releaseFile)) return;
      clearInterval(check);
      resolve(undefined);
    }, 20);
  });

const server = http.createServer(async (req, res) => {
  if (req.url === "/readyz") {
    res.statusCode = shuttingDown ? 503 : 200;
    res.end(shuttingDown ? "shutting down" : "ready");
    return;
  }
  if (req.url === "/slow") {
    process.stdout.write(`slow request in ${process.pid}\n`);
    await released();
    res.end("finished");
    return;
  }
  res.statusCode = 404;
  res.end();
});
server.listen(Number(port), () => process.stdout.write(`listening ${process.pid}\n`));
shutDownGracefully(server, {
  timeoutMs: 30_000,
  drainMs: Number(drainMs),
  log: quiet,
  onShutdownStart: () => {
    shuttingDown = true;
  },
  onClosed: async () => {
    process.stdout.write(`closed ${process.pid}\n`);
  },
});
