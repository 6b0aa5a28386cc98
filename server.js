// Production and development HTTP server: security headers, method and same-origin checks,
// back-pressure and body caps run before Remix sees a request. The rules live in server/*.js.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

import { broadcastDevReady, createRequestHandler } from "@remix-run/node";
import express from "express";

import { bodyLimitFor, bodyLimits, discardRemainder } from "./server/body-limit.js";
import { compressResponses, servePrecompressed } from "./server/compression.js";
import { isPrimary, runPrimary, workerCount } from "./server/cluster.js";
import { ALLOWED_METHODS, REFUSALS, hstsHeader, sendRefusal } from "./server/http-policy.js";
import { createLoadMonitor, shedLoad } from "./server/overload.js";
import { createRemixHandler } from "./server/remix-handler.js";
import { parseScormContentHosts, scormContentPolicy } from "./server/scorm-content-policy.js";
import { millisecondsFrom, shutDownGracefully } from "./server/shutdown.js";
import { parseTrustProxy } from "./server/trust-proxy.js";

const MODE = process.env.NODE_ENV === "development" ? "development" : "production";
// The dev server builds elsewhere (remix.config.js), so it never overwrites the production build.
const { BUILD_PATH, ASSETS_DIR } =
  MODE === "development"
    ? await developmentBuildPaths()
    : { BUILD_PATH: path.resolve("build/index.js"), ASSETS_DIR: "public/build" };
const BUILD_DIR = path.dirname(BUILD_PATH);
const PORT = Number(process.env.PORT ?? 3000);
const SAFE_METHODS = new Set(["GET", "HEAD"]);
const BODY_LIMITS = bodyLimits();
// Files of imported SCORM packages (app/routes/scorm-inhoud.$.ts): see securityHeaders.
const SCORM_CONTENT_PREFIX = "/scorm-inhoud/";
// Checked at start-up with the rest of the environment (app/config/env.server.ts).
const SCORM_CONTENT_POLICY = scormContentPolicy(parseScormContentHosts(process.env.SCORM_CONTENT_HOSTS));

if (MODE === "production") checkProductionBuild();
// The PDF worker, SCORM runtime and fonts are read from beside the server bundle (app/config/artefacts.server.ts).
process.env.ARTEFACTS_DIR ||= BUILD_DIR;

// Files shared by every process and instance (app/config/storage.server.ts), never the working directory's.
process.env.STORAGE_DIR ||= path.join(path.dirname(url.fileURLToPath(import.meta.url)), "data");
const build = await import(url.pathToFileURL(BUILD_PATH).href);
const WORKERS = workerCount(process.env.WEB_CONCURRENCY, MODE);
const SHUTDOWN_TIMEOUT_MS = millisecondsFrom(process.env.SHUTDOWN_TIMEOUT_MS, 30_000);
// Once per server, before any worker exists: checks the environment (app/config/env.server.ts)
// before anything below reads it, sets up the database and, where due, syncs the courses.
if (isPrimary) await build.entry.module.prepareServer({ watchCourses: MODE === "development" });
if (isPrimary && WORKERS > 1) {
  // The primary only supervises: the workers below serve (server/cluster.js).
  await build.entry.module.stopServerProcess?.();
  console.log(`Stigmavrij starting ${WORKERS} worker processes (${MODE})`);
  process.exit(await runPrimary({ workers: WORKERS, shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS + 5_000 }));
}
// Every serving process: its database connection and its background-job worker.
await build.entry.module.startServerProcess?.();

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", parseTrustProxy(process.env.TRUST_PROXY));

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set(req.path.startsWith(SCORM_CONTENT_PREFIX) ? scormContentHeaders() : securityHeaders(nonce));
  const hsts = hstsHeader(req);
  if (hsts) res.set("Strict-Transport-Security", hsts);
  next();
});

app.use((req, res, next) => {
  if (ALLOWED_METHODS.includes(req.method)) return next();
  sendRefusal(req, res, REFUSALS.methodNotAllowed, { Allow: ALLOWED_METHODS.join(", ") });
});

app.use(compressResponses());
app.use("/build", servePrecompressed(ASSETS_DIR));
app.use(express.static("public", { maxAge: "1h" }));

const loadMonitor = createLoadMonitor({ maxDelayMs: Number(process.env.OVERLOAD_MAX_DELAY_MS ?? 100) });
app.use(
  shedLoad(loadMonitor, {
    exempt: new Set(["/healthz", "/readyz"]),
    maxInFlight: Number(process.env.MAX_CONCURRENT_REQUESTS ?? 16),
    retryAfterSeconds: 5,
    refuse: (req, res, headers) => sendRefusal(req, res, REFUSALS.busy, headers),
  }),
);

app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (!isSameOrigin(req)) return sendRefusal(req, res, REFUSALS.notSameOrigin);
  // A declared length over the cap is refused before reading a byte; chunked bodies (and lying
  // lengths) are counted on the stream by createRemixHandler.
  if (Number(req.get("content-length") ?? 0) > bodyLimitFor(req.path, BODY_LIMITS)) return refuseTooLarge(req, res);
  next();
});

app.all(
  "*",
  createRemixHandler({
    handleRequest: createRequestHandler(build, MODE),
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip }),
    bodyLimit: (req) => bodyLimitFor(req.path, BODY_LIMITS),
    onBodyTooLarge: refuseTooLarge,
    onBadRequest: (req, res) => sendRefusal(req, res, REFUSALS.badRequest),
    canonicalOrigin: process.env.APP_ORIGIN,
  }),
);

const server = app.listen(PORT, () => {
  console.log(`Stigmavrij listening on http://localhost:${PORT} (${MODE}, pid ${process.pid})`);
  if (MODE === "development") broadcastDevReady(build);
});
shutDownGracefully(server, {
  timeoutMs: SHUTDOWN_TIMEOUT_MS,
  drainMs: millisecondsFrom(process.env.SHUTDOWN_DRAIN_MS, 0),
  onShutdownStart: () => build.entry.module.beginShutdown?.(),
  onClosed: () => build.entry.module.stopServerProcess?.(),
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
    console.error(
      `Cannot serve ${path.relative(process.cwd(), BUILD_DIR) || "."}/: ${reason}. Run \`npm run build\` first.`,
    );
    process.exit(1);
  };
  if (!fs.existsSync(BUILD_PATH)) refuse("there is no server build");
  if (!fs.existsSync(manifestPath)) refuse("the build is incomplete (no artefacts.json from `npm run build`)");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  const actual = crypto.createHash("sha256").update(fs.readFileSync(BUILD_PATH)).digest("hex");
  if (manifest.serverBuild !== actual)
    refuse("index.js is not the bundle `npm run build` made (was it rebuilt by another command?)");
}

function refuseTooLarge(req, res) {
  sendRefusal(req, res, REFUSALS.tooLarge);
  discardRemainder(req, 8 * 1024 * 1024);
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
 * origin (scripts, styles and fonts also from the SCORM_CONTENT_HOSTS allow-list), may only be
 * framed by this site, and can still not send requests elsewhere.
 * The trade-off (same-origin content can act as the signed-in learner) is in docs/scorm.md.
 */
function scormContentHeaders() {
  return {
    "Content-Security-Policy": SCORM_CONTENT_POLICY,
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
