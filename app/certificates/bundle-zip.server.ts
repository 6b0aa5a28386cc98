import { Worker } from "node:worker_threads";

import type { PrismaClient } from "@prisma/client";

import { artefactPath } from "~/config/artefacts.server";
import type { Locale } from "~/domain/constants";

import type { ZipWorkerReply, ZipWorkerRequest } from "./bundle-zip-worker";
import {
  bundleCertificateBatch,
  type BundleCertificateRow,
  type CertificateFilter,
  type CertificateScope,
} from "./list.server";

/**
 * Writing a bundle's ZIP: the PDFs of the filtered certificates and an overview CSV in the
 * requester's language, streamed to a file. This thread reads the certificates from the database
 * a batch at a time and hands each batch to a worker thread (bundle-zip-worker.ts, run as `npm
 * run build` bundled it) that does every file operation, so the event loop serving requests only
 * waits on the database, whatever the size of the bundle. One batch is written while the next is
 * read, and memory stays flat (the worker holds one PDF per render worker at a time).
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
  /** Called after each certificate with the number done so far. */
  onProgress: (done: number) => Promise<void>;
}

/** Writes the ZIP to `file` and returns how many certificates were gone through. */
export async function writeCertificateZip(
  db: PrismaClient,
  { file, scope, filter, locale, origin, cacheDir, clock, onProgress }: ZipWriteOptions,
): Promise<number> {
  const worker = new ZipWorker(artefactPath("bundleWorker"), onProgress);
  try {
    worker.send({ type: "start", file, locale, origin, cacheDir });
    const batchAfter = (afterId: string | null): Promise<BundleCertificateRow[]> =>
      bundleCertificateBatch(db, { scope, filter, afterId, take: BATCH_SIZE });
    let batch = await batchAfter(null);
    while (batch.length > 0) {
      const written = worker.batch(batch, clock());
      // The next batch is read while the worker writes this one.
      const following = batchAfter(batch[batch.length - 1]!.id);
      following.catch(() => undefined);
      await written;
      batch = await following;
    }
    return await worker.end(clock());
  } finally {
    await worker.terminate();
  }
}

/** The main thread's side of one bundle worker: requests in order, each batch acknowledged. */
class ZipWorker {
  private readonly worker: Worker;
  private waiting: { resolve: (count: number) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;
  private progress: Promise<void> = Promise.resolve();

  constructor(entry: string, onProgress: (done: number) => Promise<void>) {
    this.worker = new Worker(entry);
    this.worker.on("message", (reply: ZipWorkerReply) => {
      if (reply.type === "progress") {
        // Progress is saved in order, one update at a time, and never fails the bundle itself.
        this.progress = this.progress.then(() => onProgress(reply.done)).catch(() => undefined);
      } else if (reply.type === "error") {
        this.fail(new Error(reply.message));
      } else {
        const waiting = this.waiting;
        this.waiting = null;
        waiting?.resolve(reply.type === "done" ? reply.count : 0);
      }
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the bundle worker stopped (exit code ${code})`)));
  }

  send(request: ZipWorkerRequest) {
    this.worker.postMessage(request);
  }

  batch(rows: BundleCertificateRow[], now: Date): Promise<void> {
    return this.request({ type: "batch", rows, now }).then(() => this.progress);
  }

  async end(now: Date): Promise<number> {
    const count = await this.request({ type: "end", now });
    await this.progress;
    return count;
  }

  terminate(): Promise<number> {
    this.worker.removeAllListeners("exit");
    return this.worker.terminate();
  }

  private request(request: ZipWorkerRequest): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<number>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.send(request);
    });
  }

  private fail(error: Error) {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}
