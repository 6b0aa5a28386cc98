// Production and development HTTP server: security headers, a same-origin check on every
// mutation and a request-size cap run before Remix sees a request.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import express from "express";

const MODE = process.env.NODE_ENV === "development" ? "development" : "production";
// The dev server builds elsewhere (remix.config.js), so it never overwrites the production build.
const { BUILD_PATH, ASSETS_DIR } =
  MODE === "development" ? await developmentBuildPaths() : { BUILD_PATH: path.resolve("build/index.js"), ASSETS_DIR: "public/build" };
const BUILD_DIR = path.dirname(BUILD_PATH);
const PORT = Number(process.env.PORT ?? 3000);
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 1024 * 1024);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// SCORM packages are uploaded to these paths (app/routes/beheer.scorm._index.tsx and
// beheer.scorm.upload.ts), which stream the file to disk and enforce SCORM_MAX_UPLOAD_BYTES
// themselves; every other path keeps MAX_BODY_BYTES. Plus 1 MiB for the multipart framing.
const SCORM_UPLOAD_PATHS = new Set(["/beheer/scorm", "/beheer/scorm/upload"]);
const SCORM_MAX_UPLOAD_BYTES = Number(process.env.SCORM_MAX_UPLOAD_BYTES ?? 500 * 1024 * 1024) + 1024 * 1024;
// Files of imported SCORM packages (app/routes/scorm-inhoud.$.ts): see securityHeaders.
const SCORM_CONTENT_PREFIX = "/scorm-inhoud/";

if (MODE === "production") checkProductionBuild();
// The PDF worker, SCORM runtime and fonts are read from beside the server bundle (app/artefacts.server.ts).
process.env.ARTEFACTS_DIR ||= BUILD_DIR;

const build = await import(url.pathToFileURL(BUILD_PATH).href);
await build.entry.module.prepareServer({ watchCourses: MODE === "development" });

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "true") app.set("trust proxy", true);

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set(req.path.startsWith(SCORM_CONTENT_PREFIX) ? scormContentHeaders() : securityHeaders(nonce));
  next();
});

app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (!isSameOrigin(req)) {
    res.status(403).type("text/plain; charset=utf-8").send(
      "Verzoek geweigerd: het komt niet van deze website.\n" +
        "Request refused: it did not come from this website.\n",
    );
    return;
  }
  const length = Number(req.get("content-length") ?? 0);
  const limit = SCORM_UPLOAD_PATHS.has(req.path) ? SCORM_MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
  if (length > limit) {
    res.status(413).type("text/plain; charset=utf-8").send(
      "Het verzoek is te groot.\nThe request is too large.\n",
    );
    return;
  }
  next();
});

app.use("/build", express.static(ASSETS_DIR, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: MODE,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip }),
  }),
);

app.listen(PORT, () => {
  console.log(`Stigmavrij listening on http://localhost:${PORT} (${MODE})`);
  if (MODE === "development") broadcastDevReady(build);
});

async function developmentBuildPaths() {
  const { default: config } = await import("./remix.config.js");
  return { BUILD_PATH: path.resolve(config.serverBuildPath), ASSETS_DIR: path.resolve(config.assetsBuildDirectory) };
}

/**
 * Refuses to serve anything but what `npm run build` produced: its last step records the SHA-256
 * of the server bundle beside the artefacts it made (scripts/build-artefacts.ts). A missing or
 * different record means a partial build (`remix build` alone) or a bundle replaced since.
 */
function checkProductionBuild() {
  const manifestPath = path.join(BUILD_DIR, "artefacts.json");
  const refuse = (reason) => {
    console.error(`Cannot serve ${path.relative(process.cwd(), BUILD_DIR) || "."}/: ${reason}. Run \`npm run build\` first.`);
    process.exit(1);
  };
  if (!fs.existsSync(BUILD_PATH)) refuse("there is no server build");
  if (!fs.existsSync(manifestPath)) refuse("the build is incomplete (no artefacts.json from `npm run build`)");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  const actual = crypto.createHash("sha256").update(fs.readFileSync(BUILD_PATH)).digest("hex");
  if (manifest.serverBuild !== actual) refuse("index.js is not the bundle `npm run build` made (was it rebuilt by another command?)");
}

function securityHeaders(nonce) {
  const connect = MODE === "development" ? "'self' ws:" : "'self'";
  return {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connect}`,
      "frame-src 'self'",
      "frame-ancestors 'self'",
      "form-action 'self'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  };
}

/**
 * SCORM content is third-party HTML made by authoring tools (Storyline, Captivate, iSpring, ...):
 * inline scripts and event handlers, eval, data: and blob: media and fonts. It runs in the
 * player's same-origin iframe, so it gets a policy of its own that allows all of that from this
 * origin only, may only be framed by this site, and can still not be loaded from elsewhere.
 * The trade-off (same-origin content can act as the signed-in learner) is in docs/scorm.md.
 */
function scormContentHeaders() {
  return {
    "Content-Security-Policy": [
      "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:",
      "object-src 'self'",
      "frame-ancestors 'self'",
      "form-action 'self'",
      "base-uri 'self'",
    ].join("; "),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  };
}

/** The Origin (or, failing that, Referer) of a mutation must be this site's own origin. */
function isSameOrigin(req) {
  const expected = process.env.APP_ORIGIN ?? `${req.protocol}://${req.get("host")}`;
  const source = req.get("origin") ?? req.get("referer");
  if (!source) return false;
  try {
    return new URL(source).origin === new URL(expected).origin;
  } catch {
    return false;
  }
}
