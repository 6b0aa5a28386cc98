import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { setImmediate as nextTurn } from "node:timers/promises";

import type { PrismaClient } from "@prisma/client";
import { stringify } from "csv-stringify/sync";
import { ZipFile } from "yazl";

import type { Locale } from "~/domain/constants";
import { createTranslator, type Translate } from "~/i18n";
import { amsterdamIsoDate } from "~/utils/amsterdam";

import {
  bundleCertificateBatch,
  type BundleCertificateRow,
  type CertificateFilter,
  type CertificateScope,
} from "./list.server";
import { certificatePdf, type CertificatePdfResult } from "./pdf-cache.server";
import type { PdfRenderPool } from "./pdf-pool.server";
import { certificateStatus } from "./validity";
import { moduleTitleFor } from "./verify.server";

/**
 * Writing a bundle's ZIP: the PDFs of the filtered certificates, streamed to a file (yazl) one
 * certificate at a time with a turn of the event loop in between, so requests keep being served
 * and memory stays flat however large the set is (one PDF in memory at a time), and an overview
 * CSV in the requester's language.
 */

const BATCH_SIZE = 100;

export interface ZipWriteOptions {
  file: string;
  scope: CertificateScope;
  filter: CertificateFilter;
  /** The requester's language, for the overview. */
  locale: Locale;
  /** Origin for the verification URLs in the PDFs. */
  origin: string;
  cacheDir?: string;
  clock: () => Date;
  pool: PdfRenderPool;
  /** Called after each certificate with the number done so far. */
  onProgress: (done: number) => Promise<void>;
}

/** Writes the ZIP to `file` and returns how many certificates were gone through. */
export async function writeCertificateZip(
  db: PrismaClient,
  { file, scope, filter, locale, origin, cacheDir, clock, pool, onProgress }: ZipWriteOptions,
): Promise<number> {
  const zip = new ZipFile();
  const output = createWriteStream(file);
  zip.outputStream.pipe(output);
  const written = finished(output);
  // Awaited below; this keeps a write error before then from counting as unhandled.
  written.catch(() => undefined);

  const t = createTranslator(locale);
  // CSV lines, written per certificate: 4,000 rows stringified at the end held the event loop
  // for hundreds of milliseconds.
  const manifest: string[] = [];
  const names = new Set<string>();
  let done = 0;
  let afterId: string | null = null;
  for (;;) {
    const batch: BundleCertificateRow[] = await bundleCertificateBatch(db, {
      scope,
      filter,
      afterId,
      take: BATCH_SIZE,
    });
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]!.id;
    // Up to one PDF per worker is being rendered ahead of the one being written to the ZIP.
    const ahead = new Map<number, Promise<CertificatePdfResult>>();
    let next = 0;
    for (const [index, certificate] of batch.entries()) {
      for (; next < batch.length && next <= index + pool.size; next++) {
        const upcoming = batch[next]!;
        const rendering = certificatePdf(upcoming, {
          locale: upcoming.locale,
          origin,
          now: clock(),
          dir: cacheDir,
          render: pool.render,
        });
        // Awaited in turn below; this keeps a failure that comes early from counting as unhandled.
        rendering.catch(() => undefined);
        ahead.set(next, rendering);
      }
      const pdf = await ahead.get(index)!;
      ahead.delete(index);
      // Revoked since the bundle was requested: it has no PDF any more, so it is left out.
      if (pdf.ok) {
        const entry = uniqueEntryName(names, certificate);
        const source = readOnce(pdf.bytes);
        // PDFs are compressed already; storing them costs nothing and saves the CPU.
        zip.addReadStream(source, entry, { compress: false, size: pdf.bytes.length, mtime: certificate.issuedAt });
        manifest.push(csvLine(manifestRow(t, certificate, entry, locale, clock())));
        // Wait until the entry is through to the file (back-pressure included), so at most
        // one PDF at a time is held in memory.
        await Promise.race([finished(source), written]);
      }
      done++;
      await onProgress(done);
      await nextTurn();
    }
  }
  zip.addBuffer(Buffer.from(manifestCsv(t, manifest), "utf8"), t("certificates.bundle.manifestName"), {
    mtime: clock(),
  });
  zip.end();
  await written;
  return done;
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
