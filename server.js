// Production and development HTTP server: security headers, a same-origin check on every
// mutation and a request-size cap run before Remix sees a request.
import crypto from "node:crypto";
import path from "node:path";
import url from "node:url";

import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";
import express from "express";

const MODE = process.env.NODE_ENV === "development" ? "development" : "production";
const BUILD_PATH = path.resolve("build/index.js");
const PORT = Number(process.env.PORT ?? 3000);
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 1024 * 1024);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const build = await import(url.pathToFileURL(BUILD_PATH).href);
await build.entry.module.prepareServer();

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "true") app.set("trust proxy", true);

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set(securityHeaders(nonce));
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
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain; charset=utf-8").send(
      "Het verzoek is te groot.\nThe request is too large.\n",
    );
    return;
  }
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
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
