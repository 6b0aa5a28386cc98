// Hands Express requests to Remix as @remix-run/express does, with two differences that need
// the request body stream in hand: the body Remix reads passes through a byte cap (so a chunked
// body is refused as soon as it is too large, before anything buffers it), and responses
// without their own Cache-Control get the private, no-store default.
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";

import { BodyTooLargeError, byteLimit } from "./body-limit.js";
import { DYNAMIC_CACHE_CONTROL } from "./http-policy.js";

/**
 * @param {{
 *   handleRequest: (request: Request, context: Record<string, unknown>) => Promise<Response>,
 *   getLoadContext: (req: import("express").Request, res: import("express").Response) => Record<string, unknown>,
 *   bodyLimit: (req: import("express").Request) => number,
 *   onBodyTooLarge: (req: import("express").Request, res: import("express").Response) => void,
 *   onBadRequest: (req: import("express").Request, res: import("express").Response) => void,
 *   canonicalOrigin?: string,
 * }} options
 * @returns {import("express").RequestHandler}
 */
export function createRemixHandler({
  handleRequest,
  getLoadContext,
  bodyLimit,
  onBodyTooLarge,
  onBadRequest,
  canonicalOrigin,
}) {
  return async (req, res, next) => {
    // Aborted when the client goes away before the answer is complete (loaders and actions see
    // request.signal.aborted), or when the body turns out too large.
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });

    let url;
    try {
      url = canonicalOrigin ? canonicalUrl(req, canonicalOrigin) : requestUrl(req);
    } catch {
      onBadRequest(req, res);
      return;
    }

    /** @type {RequestInit & { duplex?: "half" }} */
    const headers = fetchHeaders(req.headers);
    if (canonicalOrigin) {
      // Remix refuses an action whose Origin names another host than Host/X-Forwarded-Host (and
      // answers 500). server.js has already checked Origin against APP_ORIGIN, so the request is
      // addressed to APP_ORIGIN whatever Host a client or a misconfigured proxy sent.
      headers.set("host", url.host);
      headers.delete("x-forwarded-host");
    }
    const init = { method: req.method, headers, signal: controller.signal };
    let tooLarge = false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const counted = byteLimit(bodyLimit(req));
      // Registered before Remix's reader so the refusal wins over the action's own error.
      counted.once("error", (error) => {
        if (!(error instanceof BodyTooLargeError)) return;
        tooLarge = true;
        controller.abort();
        req.unpipe(counted);
        if (!res.headersSent) onBodyTooLarge(req, res);
      });
      // pipe() does not pass on a client's disconnect; without this the body would never end.
      req.once("error", (error) => counted.destroy(error));
      req.pipe(counted);
      init.body = createReadableStreamFromReadable(counted);
      init.duplex = "half";
    }

    try {
      const response = await handleRequest(new Request(url, init), getLoadContext(req, res));
      if (tooLarge || res.headersSent) {
        await response.body?.cancel();
        return;
      }
      await sendResponse(res, response);
    } catch (error) {
      // After a refusal Remix only reports the aborted request; there is nothing left to answer.
      if (tooLarge) return;
      next(error);
    }
  };
}

/**
 * The request's URL as Remix sees it: protocol and host name as Express resolves them (through
 * a trusted proxy's X-Forwarded-* headers only), the port from the Host header.
 * @param {import("express").Request} req
 */
function requestUrl(req) {
  if (!req.hostname) throw new TypeError("request without a host name");
  const port = /:(\d{1,5})$/.exec(req.get("host") ?? "")?.[1];
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
}

/**
 * The request's URL on the site's public origin (APP_ORIGIN): the path and query as requested,
 * never a host the client chose. Concatenated, not resolved, so "//other.example/x" stays a path.
 * @param {import("express").Request} req
 * @param {string} origin
 */
export function canonicalUrl(req, origin) {
  return new URL(`${new URL(origin).origin}${req.originalUrl}`);
}

/** @param {import("node:http").IncomingHttpHeaders} nodeHeaders */
function fetchHeaders(nodeHeaders) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(nodeHeaders)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/**
 * @param {import("express").Response} res
 * @param {Response} response
 */
async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  if (!response.headers.has("Cache-Control")) res.set("Cache-Control", DYNAMIC_CACHE_CONTROL);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
