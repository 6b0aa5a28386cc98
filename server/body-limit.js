// Request body caps that hold however a body is framed: Content-Length is only a hint, so the
// bytes are counted on the stream Remix reads (chunked bodies have no length to check up front).
import { Transform } from "node:stream";

const MIB = 1024 * 1024;

/** Thrown into the body stream once more than `limit` bytes have arrived. */
export class BodyTooLargeError extends Error {
  /** @param {number} limit */
  constructor(limit) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
    this.limit = limit;
  }
}

/**
 * A pass-through stream that fails with BodyTooLargeError as soon as more than `limit` bytes
 * have gone through it, before the excess reaches whoever reads the body.
 * @param {number} limit
 */
export function byteLimit(limit) {
  let seen = 0;
  return new Transform({
    transform(chunk, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new BodyTooLargeError(limit));
      else callback(null, chunk);
    },
  });
}

/** The SCORM player's commit endpoint (app/routes/modules.$moduleSlug.speler.$scoId_.opslaan.ts). */
const SCORM_COMMIT_PATH = /^\/modules\/[^/]+\/speler\/[^/]+\/opslaan\/?$/;
/** Where SCORM packages are uploaded (beheer.scorm._index.tsx without JS, beheer.scorm.upload.ts with). */
const SCORM_UPLOAD_PATHS = new Set(["/beheer/scorm", "/beheer/scorm/", "/beheer/scorm/upload"]);
/** Larger than any real commit: 64,000 characters of suspend_data plus interactions. */
const SCORM_COMMIT_BYTES = MIB;

/**
 * The caps per kind of path, from the environment (checked at start-up by app/config/env.server.ts).
 * @param {Record<string, string | undefined>} env
 */
export function bodyLimits(env = process.env) {
  const general = Number(env.MAX_BODY_BYTES || MIB);
  return {
    general,
    scormCommit: Math.min(general, SCORM_COMMIT_BYTES),
    // The ZIP itself plus room for the multipart framing around it.
    scormUpload: Number(env.SCORM_MAX_UPLOAD_BYTES || 500 * MIB) + MIB,
  };
}

/**
 * The largest body accepted on `path`.
 * @param {string} path
 * @param {ReturnType<typeof bodyLimits>} limits
 */
export function bodyLimitFor(path, limits) {
  if (SCORM_UPLOAD_PATHS.has(path)) return limits.scormUpload;
  if (SCORM_COMMIT_PATH.test(path)) return limits.scormCommit;
  return limits.general;
}

/**
 * After a refusal, reads and drops whatever the client still sends, so that it finishes its
 * upload and reads the answer instead of running into a reset connection; past `maxBytes` the
 * connection is cut after all. Nothing is kept, so memory stays flat either way.
 * @param {import("node:stream").Readable} body
 * @param {number} maxBytes
 */
export function discardRemainder(body, maxBytes) {
  let dropped = 0;
  body.on("data", (chunk) => {
    dropped += chunk.length;
    if (dropped > maxBytes) body.destroy();
  });
  body.resume();
}
