// Entry of the worker thread that writes one bundle's ZIP (see bundle-zip.server.ts); `npm run
// build` bundles it into build/workers/bundle-worker.js.
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { parentPort } from "node:worker_threads";

import { stringify } from "csv-stringify/sync";
import { ZipFile } from "yazl";

import type { Locale } from "~/domain/constants";
import { createTranslator, type Translate } from "~/i18n";
import { amsterdamIsoDate } from "~/utils/amsterdam";

import type { BundleCertificateRow } from "./list.server";
import { certificatePdf, type CertificatePdfResult } from "./pdf-cache.server";
import { createPdfRenderPool } from "./pdf-pool.server";
import { certificateStatus } from "./validity";
import { moduleTitleFor } from "./verify.server";

/**
 * Everything a bundle does with files runs on this thread: reading PDFs from the cache, writing
 * new ones into it, the ZIP stream and the overview CSV. The thread that serves requests only
 * reads the certificates from the database and passes them on, batch by batch, so no file call of
 * a 4,000-certificate bundle runs on its event loop. Missing PDFs are rendered by a pool of render
 * workers (pdf-pool.server.ts) started from here.
 */

export type ZipWorkerRequest =
  | { type: "start"; file: string; locale: Locale; origin: string; cacheDir?: string }
  | { type: "batch"; rows: BundleCertificateRow[]; now: Date }
  | { type: "end"; now: Date };

export type ZipWorkerReply =
  | { type: "progress"; done: number }
  | { type: "batch-done" }
  | { type: "done"; count: number }
  | { type: "error"; message: string };

interface ZipState {
  zip: ZipFile;
  written: Promise<void>;
  t: Translate;
  locale: Locale;
  origin: string;
  cacheDir?: string;
  manifest: string[];
  names: Set<string>;
  done: number;
  pool: ReturnType<typeof createPdfRenderPool>;
}

let state: ZipState | undefined;
// Messages are handled one after another: a batch never starts before the previous one is written.
let queue: Promise<void> = Promise.resolve();

function reply(message: ZipWorkerReply) {
  parentPort?.postMessage(message);
}

parentPort?.on("message", (request: ZipWorkerRequest) => {
  queue = queue
    .then(() => handle(request))
    .catch((error: unknown) =>
      reply({ type: "error", message: error instanceof Error ? error.message : String(error) }),
    );
});

async function handle(request: ZipWorkerRequest) {
  if (request.type === "start") {
    const zip = new ZipFile();
    const output = createWriteStream(request.file);
    zip.outputStream.pipe(output);
    const written = finished(output);
    // Awaited at the end (or raced per entry); this keeps an early write error from counting as unhandled.
    written.catch(() => undefined);
    state = {
      zip,
      written,
      t: createTranslator(request.locale),
      locale: request.locale,
      origin: request.origin,
      cacheDir: request.cacheDir,
      manifest: [],
      names: new Set(),
      done: 0,
      pool: createPdfRenderPool(),
    };
    return;
  }
  if (!state) throw new Error("the bundle worker got a batch before its start");
  if (request.type === "batch") {
    await writeBatch(state, request.rows, request.now);
    reply({ type: "batch-done" });
    return;
  }
  const { zip, t, manifest, written, pool } = state;
  try {
    zip.addBuffer(Buffer.from(manifestCsv(t, manifest), "utf8"), t("certificates.bundle.manifestName"), {
      mtime: request.now,
    });
    zip.end();
    await written;
  } finally {
    await pool.close();
  }
  reply({ type: "done", count: state.done });
}

async function writeBatch(s: ZipState, batch: BundleCertificateRow[], now: Date) {
  // Up to one PDF per render worker is being made ahead of the one being written to the ZIP.
  const ahead = new Map<number, Promise<CertificatePdfResult>>();
  let next = 0;
  for (const [index, certificate] of batch.entries()) {
    for (; next < batch.length && next <= index + s.pool.size; next++) {
      const upcoming = batch[next]!;
      const making = certificatePdf(upcoming, {
        locale: upcoming.locale,
        origin: s.origin,
        now,
        dir: s.cacheDir,
        render: s.pool.render,
      });
      // Awaited in turn below; this keeps a failure that comes early from counting as unhandled.
      making.catch(() => undefined);
      ahead.set(next, making);
    }
    const pdf = await ahead.get(index)!;
    ahead.delete(index);
    // Revoked since the bundle was requested: it has no PDF any more, so it is left out.
    if (pdf.ok) {
      const entry = uniqueEntryName(s.names, certificate);
      const source = readOnce(pdf.bytes);
      // PDFs are compressed already; storing them costs nothing and saves the CPU.
      s.zip.addReadStream(source, entry, { compress: false, size: pdf.bytes.length, mtime: certificate.issuedAt });
      s.manifest.push(csvLine(manifestRow(s.t, certificate, entry, s.locale, now)));
      // Wait until the entry is through to the file (back-pressure included), so at most
      // one PDF at a time is held in memory.
      await Promise.race([finished(source), s.written]);
    }
    s.done++;
    reply({ type: "progress", done: s.done });
  }
}

/**
 * A stream of one buffer that lets go of it once read. (yazl's addBuffer keeps every buffer
 * until the whole ZIP is written: 4,000 certificates would all stay in memory.)
 */
function readOnce(bytes: Buffer): Readable {
  let pending: Buffer | null = bytes;
  return new Readable({
    read() {
      if (pending) this.push(pending);
      pending = null;
      this.push(null);
    },
  });
}

/** "<module>/<name> - <code>.pdf", the name made safe for every file system. */
function uniqueEntryName(taken: Set<string>, certificate: BundleCertificateRow): string {
  const name =
    certificate.learnerName
      .normalize("NFC")
      .replace(/[^\p{L}\p{N} .'_-]+/gu, "_")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 60) || "certificaat";
  let entry = `${certificate.moduleId}/${name} - ${certificate.code}.pdf`;
  for (let n = 2; taken.has(entry); n++) entry = `${certificate.moduleId}/${name} - ${certificate.code} (${n}).pdf`;
  taken.add(entry);
  return entry;
}

function manifestRow(
  t: Translate,
  certificate: BundleCertificateRow,
  entry: string,
  locale: Locale,
  now: Date,
): string[] {
  return [
    certificate.code,
    certificate.learnerName,
    moduleTitleFor(certificate.moduleTitles, locale)?.title ?? certificate.moduleId,
    amsterdamIsoDate(certificate.completedAt),
    certificate.expiresAt ? amsterdamIsoDate(certificate.expiresAt) : "",
    t(`certificates.status.${certificateStatus(certificate, now)}`),
    entry,
  ];
}

// escape_formulas: learner names and titles starting like a formula stay text in a spreadsheet.
function csvLine(row: string[]): string {
  return stringify([row], { delimiter: ";", escape_formulas: true });
}

/** The ZIP's index of what it holds, in the requester's language (UTF-8 with BOM for Excel). */
function manifestCsv(t: Translate, lines: string[]): string {
  const header = [
    t("certificates.code"),
    t("certificates.learner"),
    t("certificates.module"),
    t("certificates.completedOn"),
    t("certificates.validUntil"),
    t("certificates.status"),
    t("certificates.bundle.file"),
  ];
  return `\uFEFF${csvLine(header)}${lines.join("")}`;
}
