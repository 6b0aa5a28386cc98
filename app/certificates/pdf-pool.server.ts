import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

import { artefactPath } from "~/config/artefacts.server";

import type { CertificatePdfInput, renderCertificatePdf } from "./pdf.server";
import type { RenderJob, RenderReply } from "./pdf-render-worker";

/**
 * Worker threads that render certificate PDFs, so a bulk download uses every core and renders
 * nothing on the event loop that serves requests. The workers run pdf-render-worker.ts as
 * `npm run build` bundled it (build/workers/pdf-worker.js): plain JavaScript, no loader needed.
 */

export interface PdfRenderPool {
  size: number;
  render: typeof renderCertificatePdf;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>;
}

export function createPdfRenderPool(size = Math.max(1, Math.min(2, availableParallelism()))): PdfRenderPool {
  // Resolved now, so a missing build fails the request that wanted PDFs rather than a worker later.
  const entry = artefactPath("pdfWorker");
  let nextId = 0;
  const slots: Slot[] = [];

  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(entry), inFlight: new Map() };
    slot.worker.on("message", (reply: RenderReply) => {
      const job = slot.inFlight.get(reply.id);
      if (!job) return;
      slot.inFlight.delete(reply.id);
      if ("error" in reply) job.reject(new Error(`PDF rendering failed: ${reply.error}`));
      else job.resolve(reply.bytes);
    });
    const failAll = (error: Error) => {
      for (const job of slot.inFlight.values()) job.reject(error);
      slot.inFlight.clear();
      slots.splice(slots.indexOf(slot), 1);
    };
    slot.worker.on("error", failAll);
    slot.worker.on("exit", (code) => failAll(new Error(`PDF worker stopped (exit code ${code})`)));
    slots.push(slot);
    return slot;
  };

  /** The least busy worker; workers start on first use. */
  const pick = (): Slot => {
    if (slots.length < size) return start();
    return slots.reduce((best, slot) => (slot.inFlight.size < best.inFlight.size ? slot : best));
  };

  return {
    size,
    render(certificate: CertificatePdfInput, options) {
      const slot = pick();
      const id = nextId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        slot.inFlight.set(id, { resolve, reject });
        slot.worker.postMessage({ id, certificate, options } satisfies RenderJob);
      });
    },
    async close() {
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
