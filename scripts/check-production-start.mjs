// Run by check-production-start.sh inside the production copy (its own node_modules, no
// development packages): starts the server on a migrated, empty database and checks that it is
// healthy and that what `npm run build` produced loads, i.e. a SCORM export (synced content,
// runtime, style sheets) and a certificate PDF from the bundled worker thread (with the fonts).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { Worker } from "node:worker_threads";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import yauzl from "yauzl";

const origin = `http://localhost:${process.env.PORT}`;
const STARTUP_BUDGET_MS = 120_000;

const server = spawn(process.execPath, ["server.js"], { stdio: ["ignore", "inherit", "inherit"] });
const exited = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: process.env.DATABASE_URL }) });

try {
  await waitForHealth();
  console.log("production start check: /healthz answers 200");
  await checkScormExport();
  await checkPdfWorker();
  console.log("production start check: passed");
} finally {
  server.kill();
  await exited;
  await prisma.$disconnect();
}

/** Polls /healthz until the server is up; fails at once if the server process ends. */
async function waitForHealth() {
  const deadline = Date.now() + STARTUP_BUDGET_MS;
  let stopped = null;
  exited.then((code) => (stopped = code));
  while (Date.now() < deadline) {
    if (stopped !== null) throw new Error(`server.js stopped (exit code ${stopped}) before it was healthy`);
    const response = await fetch(`${origin}/healthz`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server.js not healthy within ${STARTUP_BUDGET_MS / 1000} s`);
}

/** An administrator's session, written like the app's adapter does (only the token's SHA-256 is stored). */
async function adminCookie() {
  const user = await prisma.user.create({
    data: { email: "production-check@example.org", name: "Check", passwordHash: "-", role: "admin", sector: "other" },
  });
  const token = randomBytes(25).toString("hex");
  await prisma.session.create({
    data: {
      id: createHash("sha256").update(token).digest("hex"),
      userId: user.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return `stigmavrij_session=${token}`;
}

async function checkScormExport() {
  const module = await prisma.module.findFirst({
    where: { kind: "markdown", archived: false },
    orderBy: { position: "asc" },
  });
  if (!module) throw new Error("no module was synced at start");
  const response = await fetch(`${origin}/beheer/export/${module.id}?versie=2004&taal=nl`, {
    headers: { Cookie: await adminCookie() },
  });
  if (response.status !== 200) throw new Error(`SCORM export answered ${response.status}: ${await response.text()}`);
  const entries = await zipEntries(Buffer.from(await response.arrayBuffer()));
  for (const file of ["imsmanifest.xml", "index.html", "assets/runtime.js", "assets/app.css", "assets/package.css"]) {
    if (!entries.get(file)?.length) throw new Error(`SCORM export of ${module.id} lacks ${file}`);
  }
  console.log(
    `production start check: SCORM export of ${module.id} has the built runtime (${entries.get("assets/runtime.js").length} bytes)`,
  );
}

async function checkPdfWorker() {
  const worker = new Worker(path.resolve("build/workers/pdf-worker.js"));
  try {
    const reply = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.postMessage({
        id: 1,
        certificate: {
          code: "K7QM-2XPD-9HTR-WB4N",
          learnerName: "Production Check",
          moduleTitles: JSON.stringify({ nl: "Controle" }),
          contentHash: "0123456789abcdef",
          completedAt: new Date(),
          issuedAt: new Date(),
          studyMinutes: 30,
          accreditations: "[]",
          expiresAt: null,
        },
        options: { locale: "nl", origin },
      });
    });
    if ("error" in reply) throw new Error(`PDF worker failed: ${reply.error}`);
    if (Buffer.from(reply.bytes).subarray(0, 5).toString() !== "%PDF-")
      throw new Error("PDF worker did not answer with a PDF");
    console.log(`production start check: the bundled PDF worker rendered a certificate (${reply.bytes.length} bytes)`);
  } finally {
    await worker.terminate();
  }
}

function zipEntries(buffer) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map();
      zip.on("entry", (entry) =>
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks = [];
          stream.on("data", (chunk) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}
