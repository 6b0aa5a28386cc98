import fs from "node:fs/promises";

import type { PrismaClient } from "@prisma/client";

import { userHasPermission } from "~/auth/permissions";
import { writeAudit } from "~/db/audit.server";

import {
  buildCertificateBundle,
  bundleFilterColumn,
  certificateBundleDir,
  zipPath,
  type BundleOptions,
} from "./bundle-build.server";
import {
  certificateScope,
  countBundleCertificates,
  type CertificateFilter,
  type CertificateViewer,
} from "./list.server";

/**
 * Bulk download: the PDFs of a filtered set of certificates in one ZIP, built in the background
 * of the web process. A `CertificateBundle` row records the request and its progress
 * (bundle-build.server runs it, bundle-zip.server writes the ZIP). Bundles are built one after
 * another, shown to their requester and administrators only, and removed a day after they were
 * requested.
 */

export const BUNDLE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const BUNDLE_AUDIT_ACTIONS = {
  requested: "certificates.bundle_requested",
  downloaded: "certificates.bundle_downloaded",
} as const;
/** The bundle row's error when the process stopped while building it. */
export const BUNDLE_INTERRUPTED = "interrupted";

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
