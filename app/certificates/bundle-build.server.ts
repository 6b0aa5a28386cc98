import fs from "node:fs/promises";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";

import { storagePath } from "~/config/storage.server";
import { jsonColumn } from "~/db/json-column";

import { toSessionUser } from "~/auth/user";

import { writeCertificateZip } from "./bundle-zip.server";
import { certificateScope, CertificateFilterSchema } from "./list.server";

/**
 * Running one bundle job: its row goes queued → running → done (or failed, with the error) while
 * bundle-zip.server writes the ZIP, and the number of certificates done is saved as it goes.
 */

const PROGRESS_INTERVAL_MS = 250;

/** The bundle row's filter, stored as JSON text. */
export const bundleFilterColumn = jsonColumn(CertificateFilterSchema, null);

export function certificateBundleDir(): string {
  return storagePath(process.env.CERTIFICATE_BUNDLE_DIR, "bundles");
}

export interface BundleOptions {
  /** Origin for the verification URLs in the PDFs. */
  origin: string;
  /** Where ZIPs go (CERTIFICATE_BUNDLE_DIR) and where PDFs are cached (CERTIFICATE_CACHE_DIR). */
  dir?: string;
  cacheDir?: string;
  /** Clock for revocation checks and timestamps while building; defaults to the current time. */
  clock?: () => Date;
}

export function zipPath(dir: string, bundleId: string): string {
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
  try {
    const bundle = await db.certificateBundle.findUnique({
      where: { id: bundleId },
      select: { filter: true, requestedById: true, status: true },
    });
    // "running": claimed again after the process that started it died (the job's lease ran out).
    if (!bundle || (bundle.status !== "queued" && bundle.status !== "running")) return;
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
    let reported = Date.now();
    const done = await writeCertificateZip(db, {
      file: partial,
      scope,
      filter,
      locale: viewer.locale,
      origin: options.origin,
      cacheDir: options.cacheDir,
      clock,
      onProgress: async (count) => {
        if (Date.now() - reported < PROGRESS_INTERVAL_MS) return;
        reported = Date.now();
        await db.certificateBundle.update({ where: { id: bundleId }, data: { done: count } });
      },
    });
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
  }
}
