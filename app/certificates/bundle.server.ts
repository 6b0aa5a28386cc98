import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { setImmediate as nextTurn } from "node:timers/promises";

import type { PrismaClient } from "@prisma/client";
import { stringify } from "csv-stringify/sync";
import { ZipFile } from "yazl";

import { writeAudit } from "~/db/audit.server";
import { jsonColumn } from "~/db/json-column";
import { userHasPermission } from "~/auth/permissions";
import { toSessionUser } from "~/auth/user";
import type { Locale } from "~/domain/constants";
import { createTranslator, type Translate } from "~/i18n";
import { amsterdamIsoDate } from "~/utils/amsterdam";

import {
  bundleCertificateBatch,
  certificateScope,
  CertificateFilterSchema,
  countBundleCertificates,
  type BundleCertificateRow,
  type CertificateFilter,
  type CertificateViewer,
} from "./list.server";
import { certificatePdf, type CertificatePdfResult } from "./pdf-cache.server";
import { createPdfRenderPool, type PdfRenderPool } from "./pdf-pool.server";
import { certificateStatus } from "./validity";
import { moduleTitleFor } from "./verify.server";

/**
 * Bulk download: the PDFs of a filtered set of certificates in one ZIP, built in the background
 * of the web process. A `CertificateBundle` row records the request and its progress; the ZIP is
 * streamed to a file (yazl), one certificate at a time with a turn of the event loop in between,
 * so requests keep being served and memory stays flat however large the set is (one PDF in
 * memory at a time). Bundles are
 * built one after another, and removed a day after they were requested.
 */

export const BUNDLE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const BUNDLE_AUDIT_ACTIONS = {
  requested: "certificates.bundle_requested",
  downloaded: "certificates.bundle_downloaded",
} as const;
/** The bundle row's error when the process stopped while building it. */
export const BUNDLE_INTERRUPTED = "interrupted";

const BATCH_SIZE = 100;
const bundleFilterColumn = jsonColumn(CertificateFilterSchema, null);
const PROGRESS_INTERVAL_MS = 250;

export function certificateBundleDir(): string {
  return path.resolve(process.env.CERTIFICATE_BUNDLE_DIR ?? "data/bundles");
}

export interface BundleOptions {
  /** Origin for the verification URLs in the PDFs. */
  origin: string;
  /** Where ZIPs go (CERTIFICATE_BUNDLE_DIR) and where PDFs are cached (CERTIFICATE_CACHE_DIR). */
  dir?: string;
  cacheDir?: string;
  /** Clock for revocation checks and timestamps while building; defaults to the current time. */
  clock?: () => Date;
  /** Renders missing PDFs; by default a worker pool started for this bundle and closed after. */
  renderPool?: PdfRenderPool;
}

export type RequestBundleResult =
  | {
      ok: true;
      bundleId: string;
      total: number;
      /** Settles when the ZIP is built (or has failed). */ built: Promise<void>;
    }
  | { ok: false; error: "no_scope" | "bad_period" | "empty" };

declare global {
  var __stigmavrijBundles: { active: Set<string>; queue: Promise<void> } | undefined;
}

/**
 * Bundles being built or waiting in this process (any other unfinished one was interrupted), and
 * the queue that builds them one at a time. Kept on globalThis so a development rebuild of this
 * module does not forget them.
 */
globalThis.__stigmavrijBundles ??= { active: new Set(), queue: Promise.resolve() };
const bundles = globalThis.__stigmavrijBundles;
const active = bundles.active;

/**
 * Records a bundle for the filtered set the viewer may see and starts building it. Old bundles
 * (anyone's) are cleaned up first.
 */
export async function requestCertificateBundle(
  db: PrismaClient,
  {
    viewer,
    filter,
    now,
    ...options
  }: BundleOptions & { viewer: CertificateViewer; filter: CertificateFilter; now: Date },
): Promise<RequestBundleResult> {
  const scope = await certificateScope(db, viewer);
  if (scope.kind === "none") return { ok: false, error: "no_scope" };
  const total = await countBundleCertificates(db, scope, filter);
  if (total === null) return { ok: false, error: "bad_period" };
  if (total === 0) return { ok: false, error: "empty" };

  await removeOldBundles(db, { now, dir: options.dir });
  const bundle = await db.certificateBundle.create({
    data: {
      requestedById: viewer.id,
      filter: bundleFilterColumn.serialise(filter),
      status: "queued",
      total,
      createdAt: now,
    },
    select: { id: true },
  });
  await writeAudit(db, {
    actorId: viewer.id,
    action: BUNDLE_AUDIT_ACTIONS.requested,
    details: { bundleId: bundle.id, filter, total },
  });
  return { ok: true, bundleId: bundle.id, total, built: enqueueBundle(db, bundle.id, options) };
}

function enqueueBundle(db: PrismaClient, bundleId: string, options: BundleOptions): Promise<void> {
  active.add(bundleId);
  const run = bundles.queue
    .then(() => buildCertificateBundle(db, bundleId, options))
    .finally(() => active.delete(bundleId));
  bundles.queue = run;
  return run;
}

function zipPath(dir: string, bundleId: string): string {
  // Bundle ids are cuids; anything else never names a file.
  if (!/^[a-z0-9]+$/i.test(bundleId)) throw new Error(`not a bundle id: ${JSON.stringify(bundleId)}`);
  return path.join(dir, `${bundleId}.zip`);
}

/**
 * Builds the ZIP of a recorded bundle: status running → done (or failed, with the error). Never
 * rejects; the outcome is in the bundle's row.
 */
export async function buildCertificateBundle(
  db: PrismaClient,
  bundleId: string,
  options: BundleOptions,
): Promise<void> {
  const dir = options.dir ?? certificateBundleDir();
  const clock = options.clock ?? (() => new Date());
  const target = zipPath(dir, bundleId);
  const partial = `${target}.part`;
  const pool = options.renderPool ?? createPdfRenderPool();
  try {
    const bundle = await db.certificateBundle.findUnique({
      where: { id: bundleId },
      select: { filter: true, requestedById: true, status: true },
    });
    if (!bundle || bundle.status !== "queued") return;
    const requester = await db.user.findUnique({
      where: { id: bundle.requestedById },
      select: { id: true, email: true, name: true, role: true, locale: true, sector: true, organisationId: true },
    });
    if (!requester) throw new Error("the requester no longer exists");
    const viewer = toSessionUser(requester);
    const scope = await certificateScope(db, viewer);
    // Unlike the list, the build must not fall back: an empty filter would mean every certificate.
    const filter = bundleFilterColumn.parse(bundle.filter);
    if (!filter) throw new Error("the bundle's filter is not a certificate filter in JSON");
    await db.certificateBundle.update({ where: { id: bundleId }, data: { status: "running" } });

    await fs.mkdir(dir, { recursive: true });
    const zip = new ZipFile();
    const output = createWriteStream(partial);
    zip.outputStream.pipe(output);
    const written = finished(output);
    // Awaited below; this keeps a write error before then from counting as unhandled.
    written.catch(() => undefined);

    const t = createTranslator(viewer.locale);
    const manifest: string[][] = [];
    const names = new Set<string>();
    let done = 0;
    let reported = Date.now();
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
            origin: options.origin,
            now: clock(),
            dir: options.cacheDir,
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
          manifest.push(manifestRow(t, certificate, entry, viewer.locale, clock()));
          // Wait until the entry is through to the file (back-pressure included), so at most
          // one PDF at a time is held in memory.
          await Promise.race([finished(source), written]);
        }
        done++;
        if (Date.now() - reported >= PROGRESS_INTERVAL_MS) {
          reported = Date.now();
          await db.certificateBundle.update({ where: { id: bundleId }, data: { done } });
        }
        await nextTurn();
      }
    }
    zip.addBuffer(Buffer.from(manifestCsv(t, manifest), "utf8"), t("certificates.bundle.manifestName"), {
      mtime: clock(),
    });
    zip.end();
    await written;
    await fs.rename(partial, target);
    await db.certificateBundle.update({
      where: { id: bundleId },
      data: { status: "done", done, total: done, fileName: path.basename(target), finishedAt: clock() },
    });
  } catch (error) {
    await fs.rm(partial, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    await db.certificateBundle
      .update({
        where: { id: bundleId },
        data: { status: "failed", error: message.slice(0, 500), finishedAt: clock() },
      })
      .catch(() => undefined);
  } finally {
    if (!options.renderPool) await pool.close();
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

/** The ZIP's index of what it holds, in the requester's language (UTF-8 with BOM for Excel). */
function manifestCsv(t: Translate, rows: string[][]): string {
  const header = [
    t("certificates.code"),
    t("certificates.learner"),
    t("certificates.module"),
    t("certificates.completedOn"),
    t("certificates.validUntil"),
    t("certificates.status"),
    t("certificates.bundle.file"),
  ];
  // escape_formulas: learner names and titles starting like a formula stay text in a spreadsheet.
  return `\uFEFF${stringify([header, ...rows], { delimiter: ";", escape_formulas: true })}`;
}

export interface BundleView {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  total: number;
  done: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  filter: CertificateFilter;
  downloadable: boolean;
}

const STATUSES = ["queued", "running", "done", "failed"] as const;

function canSee(viewer: CertificateViewer, requestedById: string): boolean {
  return requestedById === viewer.id || userHasPermission(viewer, "export:certificates:any");
}

/**
 * A bundle as its requester (or an administrator) sees it; null for anyone else, as for an id
 * that does not exist. A bundle left unfinished by an earlier process is marked interrupted.
 */
export async function getCertificateBundle(
  db: PrismaClient,
  { viewer, bundleId, now, dir }: { viewer: CertificateViewer; bundleId: string; now: Date; dir?: string },
): Promise<BundleView | null> {
  const row = await db.certificateBundle.findUnique({ where: { id: bundleId } });
  if (!row || !canSee(viewer, row.requestedById)) return null;
  let { status, error, finishedAt } = row;
  if ((status === "queued" || status === "running") && !active.has(row.id)) {
    ({ status, error, finishedAt } = await db.certificateBundle.update({
      where: { id: row.id },
      data: { status: "failed", error: BUNDLE_INTERRUPTED, finishedAt: now },
    }));
  }
  const fileExists =
    status === "done" && row.fileName ? await exists(zipPath(dir ?? certificateBundleDir(), row.id)) : false;
  return {
    id: row.id,
    status: (STATUSES as readonly string[]).includes(status) ? (status as BundleView["status"]) : "failed",
    total: row.total,
    done: Math.min(row.done, row.total),
    error,
    createdAt: row.createdAt,
    finishedAt,
    filter: bundleFilterColumn.parse(row.filter) ?? {},
    downloadable: fileExists,
  };
}

/** The viewer's bundles of the last day, newest first. */
export async function listRecentBundles(
  db: PrismaClient,
  { viewer, now, limit = 5 }: { viewer: CertificateViewer; now: Date; limit?: number },
): Promise<{ id: string; status: string; total: number; done: number; createdAt: Date }[]> {
  return db.certificateBundle.findMany({
    where: { requestedById: viewer.id, createdAt: { gte: new Date(now.getTime() - BUNDLE_MAX_AGE_MS) } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, status: true, total: true, done: true, createdAt: true },
  });
}

/** The finished ZIP's path for its requester (or an administrator), recording the download. */
export async function bundleDownload(
  db: PrismaClient,
  { viewer, bundleId, dir }: { viewer: CertificateViewer; bundleId: string; dir?: string },
): Promise<{ file: string; size: number; createdAt: Date } | null> {
  const row = await db.certificateBundle.findUnique({
    where: { id: bundleId },
    select: { id: true, requestedById: true, status: true, fileName: true, createdAt: true },
  });
  if (!row || !canSee(viewer, row.requestedById) || row.status !== "done" || !row.fileName) return null;
  const file = zipPath(dir ?? certificateBundleDir(), row.id);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) return null;
  await writeAudit(db, { actorId: viewer.id, action: BUNDLE_AUDIT_ACTIONS.downloaded, details: { bundleId: row.id } });
  return { file, size: stat.size, createdAt: row.createdAt };
}

/** Bundles requested more than a day ago, with their files; one still being built is left alone. */
export async function removeOldBundles(db: PrismaClient, { now, dir }: { now: Date; dir?: string }): Promise<number> {
  const old = await db.certificateBundle.findMany({
    where: { createdAt: { lt: new Date(now.getTime() - BUNDLE_MAX_AGE_MS) } },
    select: { id: true },
  });
  const removable = old.filter((bundle) => !active.has(bundle.id));
  const folder = dir ?? certificateBundleDir();
  for (const bundle of removable) {
    const file = zipPath(folder, bundle.id);
    await fs.rm(file, { force: true });
    await fs.rm(`${file}.part`, { force: true });
  }
  await db.certificateBundle.deleteMany({ where: { id: { in: removable.map((bundle) => bundle.id) } } });
  return removable.length;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
