// Certificate benchmark: PDF generation per certificate (cold and warm, rendered and from the
// disk cache) and the bulk ZIP of BENCH_CERTIFICATES (default 4,000) certificates, with total
// time, peak resident memory and the longest event-loop stall while it builds (against the
// stall an idle loop shows on the same machine: targets are a stall under 50 ms, warm PDF 20 ms). Prints a table;
// asserts nothing. Run: npx tsx tests/perf/certificates.ts (BENCH_CERTIFICATES, BENCH_PDF_SAMPLES
// change the sizes).
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

import Database from "better-sqlite3";

import { BUNDLE_QUEUE, requestCertificateBundle, runCertificateBundleJob } from "../../app/certificates/bundle.server";
import { claimJob, completeJob } from "../../app/jobs/queue.server";
import { generateCode } from "../../app/certificates/code";
import { certificatePdf } from "../../app/certificates/pdf-cache.server";
import { renderCertificatePdf, type CertificatePdfInput } from "../../app/certificates/pdf.server";
import { createTestDatabase } from "../setup/temp-db";

const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 4_000);
const PDF_SAMPLES = Number(process.env.BENCH_PDF_SAMPLES ?? 300);
const ORIGIN = "https://stigmavrij.nl";
const MODULE_ID = "sekswerk-en-stigma-de-basis";

const FIRST_NAMES = [
  "Sanne",
  "Mohammed",
  "Özlem",
  "Pieter",
  "Fatima",
  "Jan-Willem",
  "Ngozi",
  "Łucja",
  "Kevin",
  "Anouk",
];
const LAST_NAMES = [
  "de Vries",
  "El Amrani",
  "Yıldız",
  "van den Berg",
  "Bakker",
  "Okafor",
  "Kowalska",
  "Janssen",
  "Smit",
  "Meijer",
];

interface Row {
  name: string;
  value: string;
  note: string;
}

const rows: Row[] = [];

function record(name: string, value: string, note = "") {
  rows.push({ name, value, note });
  console.log(`  ${name}: ${value}${note ? ` (${note})` : ""}`);
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return `mean ${mean.toFixed(2)} ms, p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms, max ${(sorted.at(-1) ?? 0).toFixed(2)} ms`;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Prisma stores DateTime in SQLite as ISO text with +00:00. */
const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** The learners, their organisation and a certificate each, written straight through better-sqlite3. */
function fillCertificates(file: string, organisationId: string): string[] {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const insertUser = db.prepare(
    "INSERT INTO User (id, email, name, passwordHash, role, locale, sector, organisationId, createdAt, updatedAt) VALUES (?, ?, ?, 'x', 'learner', ?, 'bank', ?, ?, ?)",
  );
  const insertCertificate = db.prepare(
    `INSERT INTO Certificate (id, code, userId, moduleId, learnerName, moduleTitles, contentHash, completedAt, studyMinutes, accreditations, issuedAt, expiresAt, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const titles = JSON.stringify({ nl: "Sekswerk en stigma: de basis", en: "Sex work and stigma: the basics" });
  const accreditations = JSON.stringify([{ register: "vvn", accreditationId: "VVN-445566", points: 2 }]);
  const codes: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    for (let i = 0; i < CERTIFICATES; i++) {
      const userId = `bench-learner-${i}`;
      const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]} ${i}`;
      const now = stored(new Date());
      insertUser.run(userId, `bench-${i}@bank.example`, name, i % 5 === 0 ? "en" : "nl", organisationId, now, now);
      const completed = new Date(start + i * 3_600_000);
      const expires = new Date(completed.getTime() + 2 * 365 * 86_400_000);
      const code = generateCode(
        (size) => new Uint8Array(Buffer.from(randomUUID().replace(/-/g, ""), "hex").subarray(0, size)),
      );
      codes.push(code);
      insertCertificate.run(
        randomUUID(),
        code,
        userId,
        MODULE_ID,
        name,
        titles,
        "606fa8bf66b76e4e4d3cb765fdcae29a",
        stored(completed),
        25,
        accreditations,
        stored(completed),
        stored(expires),
      );
    }
  })();
  db.close();
  return codes;
}

async function main() {
  console.log(
    `Certificate benchmark — ${CERTIFICATES} certificates, ${os.cpus().length} cores, Node ${process.version}`,
  );
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "stigmavrij-bench-certificates-"));
  const cacheDir = path.join(work, "pdf-cache");
  const bundleDir = path.join(work, "bundles");
  const test = await createTestDatabase();
  const db = test.prisma;
  try {
    await db.module.create({
      data: {
        id: MODULE_ID,
        position: 1,
        sectors: "[]",
        minutes: 25,
        contentHash: "606fa8bf66b76e4e4d3cb765fdcae29a",
        locales: {
          create: [
            { locale: "nl", title: "Sekswerk en stigma: de basis", summary: "", objectives: "[]", introHtml: "" },
          ],
        },
      },
    });
    const bank = await db.organisation.create({ data: { name: "Benchbank", sector: "bank" } });
    const admin = await db.user.create({
      data: { email: "admin@bench.example", name: "Beheerder", role: "admin", sector: "bank", passwordHash: "x" },
    });
    const fillStart = performance.now();
    const codes = fillCertificates(test.url.replace(/^file:/, ""), bank.id);
    console.log(
      `  filled ${codes.length} learners and certificates in ${(performance.now() - fillStart).toFixed(0)} ms`,
    );

    const input = (i: number): CertificatePdfInput & { version: number; revokedAt: null } => ({
      code: codes[i % codes.length]!,
      version: 1,
      revokedAt: null,
      learnerName: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[i % LAST_NAMES.length]}`,
      moduleTitles: JSON.stringify({ nl: "Sekswerk en stigma: de basis", en: "Sex work and stigma: the basics" }),
      contentHash: "606fa8bf66b76e4e4d3cb765fdcae29a",
      completedAt: new Date(Date.UTC(2025, 0, 1 + (i % 300))),
      issuedAt: new Date(Date.UTC(2025, 0, 1 + (i % 300))),
      studyMinutes: 25,
      accreditations: JSON.stringify([{ register: "vvn", accreditationId: "VVN-445566", points: 2 }]),
      expiresAt: new Date(Date.UTC(2027, 0, 1 + (i % 300))),
    });

    // Cold: the first PDF in the process reads and parses the fonts.
    const coldStart = performance.now();
    await renderCertificatePdf(input(0), { locale: "nl", origin: ORIGIN });
    record("PDF, first in process (cold: font load + parse)", `${(performance.now() - coldStart).toFixed(1)} ms`);

    const renderTimes: number[] = [];
    let bytes = 0;
    for (let i = 1; i <= PDF_SAMPLES; i++) {
      const start = performance.now();
      const pdf = await renderCertificatePdf(input(i), { locale: i % 2 ? "nl" : "en", origin: ORIGIN });
      renderTimes.push(performance.now() - start);
      bytes += pdf.length;
    }
    record(
      "PDF render (warm process, no cache)",
      stats(renderTimes),
      `n=${PDF_SAMPLES}, ${(bytes / PDF_SAMPLES / 1024).toFixed(1)} KiB per PDF`,
    );

    // Names that wrap to two lines, and names in Greek, Cyrillic and Arabic (shaped, bidi-ordered).
    const longNames = [
      "Maria Johanna Wilhelmina van Oldenbarnevelt-Schimmelpenninck van der Oye",
      "Αλεξάνδρα Παπαδοπούλου-Κωνσταντινίδου",
      "Анастасия Александровна Ковалёва-Преображенская",
      "مريم بنت محمد الحسيني",
    ];
    const longTimes: number[] = [];
    for (let i = 1; i <= PDF_SAMPLES; i++) {
      const start = performance.now();
      await renderCertificatePdf(
        { ...input(i), learnerName: longNames[i % longNames.length]! },
        { locale: "nl", origin: ORIGIN },
      );
      longTimes.push(performance.now() - start);
    }
    record("PDF render, long or non-Latin names (warm, no cache)", stats(longTimes), `n=${PDF_SAMPLES}`);

    const missTimes: number[] = [];
    const hitTimes: number[] = [];
    const now = new Date();
    for (let i = 0; i < PDF_SAMPLES; i++) {
      let start = performance.now();
      await certificatePdf(input(i), { locale: "nl", origin: ORIGIN, now, dir: cacheDir });
      missTimes.push(performance.now() - start);
      start = performance.now();
      const hit = await certificatePdf(input(i), { locale: "nl", origin: ORIGIN, now, dir: cacheDir });
      hitTimes.push(performance.now() - start);
      if (!hit.ok || !hit.fromCache) throw new Error("expected a cache hit");
    }
    record("certificatePdf, cache miss (render + write)", stats(missTimes), `n=${PDF_SAMPLES}`);
    record("certificatePdf, cache hit (read from disk)", stats(hitTimes), `n=${PDF_SAMPLES}`);
    await fs.rm(cacheDir, { recursive: true, force: true });

    // The same monitor over an idle stretch: on a shared machine the scheduler alone delays the
    // loop, and a bundle's stall means only as much as it exceeds this floor.
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    idle.disable();
    record(
      "longest event-loop stall while idle (machine noise floor)",
      `${(idle.max / 1e6).toFixed(1)} ms`,
      `p99 ${(idle.percentile(99) / 1e6).toFixed(1)} ms over 3 s`,
    );

    const viewer = { id: admin.id, role: "admin" as const, organisationId: null };
    for (const pass of ["empty PDF cache", "warm PDF cache"] as const) {
      global.gc?.();
      const baseline = process.memoryUsage();
      let peak = baseline.rss;
      let peakHeap = baseline.heapUsed + baseline.external;
      const sample = () => {
        const usage = process.memoryUsage();
        peak = Math.max(peak, usage.rss);
        peakHeap = Math.max(peakHeap, usage.heapUsed + usage.external);
      };
      const sampler = setInterval(sample, 20);
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const start = performance.now();
      const requested = await requestCertificateBundle(db, {
        viewer,
        filter: {},
        now: new Date(),
        origin: ORIGIN,
        dir: bundleDir,
      });
      if (!requested.ok) throw new Error(`bundle refused: ${requested.error}`);
      // What a server process's job worker does with the queued job.
      const job = await claimJob(db, { queues: [BUNDLE_QUEUE], owner: "bench", now: new Date() });
      if (!job) throw new Error("the bundle's job was not queued");
      await runCertificateBundleJob(db, job.payload, { dir: bundleDir, cacheDir });
      await completeJob(db, job, new Date());
      const elapsed = performance.now() - start;
      lag.disable();
      clearInterval(sampler);
      sample();
      const bundle = await db.certificateBundle.findUniqueOrThrow({ where: { id: requested.bundleId } });
      if (bundle.status !== "done") throw new Error(`bundle ${bundle.status}: ${bundle.error}`);
      const size = (await fs.stat(path.join(bundleDir, bundle.fileName!))).size;
      record(
        `bulk ZIP of ${bundle.done} certificates (${pass})`,
        `${(elapsed / 1000).toFixed(1)} s`,
        `${(elapsed / bundle.done).toFixed(2)} ms per certificate, ZIP ${mib(size)}`,
      );
      record(`  peak RSS during that bundle`, mib(peak), `baseline ${mib(baseline.rss)}, +${mib(peak - baseline.rss)}`);
      record(
        `  peak JS heap + buffers during that bundle`,
        mib(peakHeap),
        `baseline ${mib(baseline.heapUsed + baseline.external)}; garbage is collected lazily${global.gc ? "" : " (run with node --expose-gc for a settled baseline)"}`,
      );
      record(
        `  longest event-loop stall during that bundle`,
        `${(lag.max / 1e6).toFixed(1)} ms`,
        `p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms`,
      );
    }
  } finally {
    await test.cleanup();
    await fs.rm(work, { recursive: true, force: true });
  }

  console.log("\n| measurement | value | note |\n|---|---|---|");
  for (const row of rows) console.log(`| ${row.name} | ${row.value} | ${row.note} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
