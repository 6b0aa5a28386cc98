// Response compression: dynamic responses (HTML, JSON, CSV, single-fetch data) are compressed
// per request with gzip or brotli as the client's Accept-Encoding allows; the browser bundle in
// public/build is compressed once at build time (scripts/precompress-assets.ts) and served as is.
import compression from "compression";
import expressStaticGzip from "express-static-gzip";

/**
 * Paths whose responses are never compressed on the fly. SCORM package files answer Range
 * requests (media seeking) with byte offsets into the file as stored; a compressed body would
 * make those offsets meaningless.
 */
const UNCOMPRESSED_PREFIXES = ["/scorm-inhoud/"];

/**
 * @param {{ excludePrefixes?: string[] }} [options]
 * @returns {import("express").RequestHandler}
 */
export function compressResponses({ excludePrefixes = UNCOMPRESSED_PREFIXES } = {}) {
  return compression({
    // compression's own filter already skips types that do not compress (images, ZIP, PDF, fonts)
    // and bodies under 1 KB; a response that sets its own Content-Encoding is left alone too.
    filter: (req, res) =>
      !excludePrefixes.some((prefix) => req.path.startsWith(prefix)) && compression.filter(req, res),
  });
}

/**
 * The browser bundle: content-hashed files with their .br and .gz siblings written at build
 * time, so a request costs a file read instead of a compression run.
 * @param {string} directory
 * @returns {import("express").RequestHandler}
 */
export function servePrecompressed(directory) {
  return expressStaticGzip(directory, {
    enableBrotli: true,
    orderPreference: ["br", "gzip"],
    serveStatic: { immutable: true, maxAge: "1y" },
  });
}
