import fs from "node:fs/promises";

import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { userHasPermission } from "~/auth/permissions";
import { writeAudit } from "~/db/audit.server";
import { enqueueJob } from "~/jobs/queue.server";

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
 * Bulk download: the PDFs of a filtered set of certificates in one ZIP, built by a background job
 * (app/jobs) in whichever process claims it. A `CertificateBundle` row records the request and its
 * progress (bundle-build.server runs it, bundle-zip.server writes the ZIP into the shared bundle
 * directory), so any process can show and serve it. Bundles are shown to their requester and
 * administrators only, and removed a day after they were requested.
 */

export const BUNDLE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const BUNDLE_AUDIT_ACTIONS = {
  requested: "certificates.bundle_requested",
  downloaded: "certificates.bundle_downloaded",
} as const;
/** The bundle row's error when the process stopped while building it. */
export const BUNDLE_INTERRUPTED = "interrupted";

export const BUNDLE_QUEUE = "certificate-bundle";

export type RequestBundleResult =
  { ok: true; bundleId: string; total: number } | { ok: false; error: "no_scope" | "bad_period" | "empty" };

const BundleJobPayload = z.object({ bundleId: z.string().min(1), origin: z.string().url() });

/** The job of a bundle is keyed by it, so its state can be looked up from the bundle. */
function bundleJobKey(bundleId: string): string {
  return `${BUNDLE_QUEUE}:${bundleId}`;
}

/**
 * Records a bundle for the filtered set the viewer may see and queues the job that builds it
 * (any process may run it: the ZIP goes to the shared bundle directory, its state to the row).
 * Old bundles (anyone's) are cleaned up first.
 */
export async function requestCertificateBundle(
  db: PrismaClient,
  {
    viewer,
    filter,
    now,
    origin,
    dir,
  }: { viewer: CertificateViewer; filter: CertificateFilter; now: Date; origin: string; dir?: string },
): Promise<RequestBundleResult> {
  const scope = await certificateScope(db, viewer);
  if (scope.kind === "none") return { ok: false, error: "no_scope" };
  const total = await countBundleCertificates(db, scope, filter);
  if (total === null) return { ok: false, error: "bad_period" };
  if (total === 0) return { ok: false, error: "empty" };

  await removeOldBundles(db, { now, dir });
  const bundle = await db.$transaction(async (tx) => {
    const created = await tx.certificateBundle.create({
      data: {
        requestedById: viewer.id,
        filter: bundleFilterColumn.serialise(filter),
        status: "queued",
        total,
        createdAt: now,
      },
      select: { id: true },
    });
    // A build that failed half-way is not retried (its row says why); one whose process died is.
    await enqueueJob(tx, {
      queue: BUNDLE_QUEUE,
      key: bundleJobKey(created.id),
      payload: { bundleId: created.id, origin },
      maxAttempts: 3,
    });
    await writeAudit(tx, {
      actorId: viewer.id,
      action: BUNDLE_AUDIT_ACTIONS.requested,
      details: { bundleId: created.id, filter, total },
    });
    return created;
  });
  return { ok: true, bundleId: bundle.id, total };
}

/** The job handler: builds the bundle its payload names (buildCertificateBundle never throws). */
export async function runCertificateBundleJob(
  db: PrismaClient,
  payload: unknown,
  options: Omit<BundleOptions, "origin"> = {},
): Promise<void> {
  const { bundleId, origin } = BundleJobPayload.parse(payload);
  await buildCertificateBundle(db, bundleId, { ...options, origin });
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
 * that does not exist. A bundle whose job is gone or gave up is marked interrupted.
 */
export async function getCertificateBundle(
  db: PrismaClient,
  { viewer, bundleId, now, dir }: { viewer: CertificateViewer; bundleId: string; now: Date; dir?: string },
): Promise<BundleView | null> {
  const row = await db.certificateBundle.findUnique({ where: { id: bundleId } });
  if (!row || !canSee(viewer, row.requestedById)) return null;
  let { status, error, finishedAt } = row;
  if ((status === "queued" || status === "running") && !(await jobAlive(db, row.id))) {
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
    select: { id: true, status: true },
  });
  const removable = old.filter((bundle) => bundle.status !== "queued" && bundle.status !== "running");
  const folder = dir ?? certificateBundleDir();
  for (const bundle of removable) {
    const file = zipPath(folder, bundle.id);
    await fs.rm(file, { force: true });
    await fs.rm(`${file}.part`, { force: true });
  }
  await db.certificateBundle.deleteMany({ where: { id: { in: removable.map((bundle) => bundle.id) } } });
  return removable.length;
}

/** Whether the bundle's job may still build it: queued, running or waiting for a retry. */
async function jobAlive(db: PrismaClient, bundleId: string): Promise<boolean> {
  const job = await db.job.findUnique({ where: { key: bundleJobKey(bundleId) }, select: { status: true } });
  return job?.status === "queued" || job?.status === "running";
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
