// Entry of a certificate-rendering worker thread (see pdf-pool.server.ts); `npm run build`
// bundles it into build/workers/pdf-worker.js.
import { parentPort } from "node:worker_threads";

import { renderCertificatePdf, type CertificatePdfInput } from "./pdf.server";

export interface RenderJob {
  id: number;
  certificate: CertificatePdfInput;
  options: Parameters<typeof renderCertificatePdf>[1];
}

export type RenderReply = { id: number; bytes: Uint8Array } | { id: number; error: string };

parentPort?.on("message", (job: RenderJob) => {
  renderCertificatePdf(job.certificate, job.options).then(
    (bytes) => parentPort?.postMessage({ id: job.id, bytes } satisfies RenderReply, [bytes.buffer as ArrayBuffer]),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies RenderReply),
  );
});
