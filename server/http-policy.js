// Small HTTP rules server.js applies before and after Remix: which methods exist, which
// responses may be cached, when browsers are told to insist on HTTPS, and the short bilingual
// answers for requests refused before any route sees them.

/** Every page and action is GET or POST; HEAD comes with GET. Anything else is a 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"];

/**
 * Remix responses are personal more often than not (names, progress, certificates, the signed-in
 * header), so nothing Remix answers may be stored by a browser or proxy unless the route says
 * otherwise with its own Cache-Control. Static files (public/) are served before Remix and stay
 * cacheable.
 */
export const DYNAMIC_CACHE_CONTROL = "private, no-store";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The Strict-Transport-Security value for a request, or null when none is sent: only when the
 * request arrived over HTTPS (directly, or as a trusted proxy says with X-Forwarded-Proto) or the
 * configured public origin is https. HSTS_MAX_AGE=0 turns it off.
 * @param {{ secure: boolean }} req
 * @param {Record<string, string | undefined>} env
 */
export function hstsHeader(req, env = process.env) {
  const maxAge =
    env.HSTS_MAX_AGE === undefined || env.HSTS_MAX_AGE === "" ? ONE_YEAR_SECONDS : Number(env.HSTS_MAX_AGE);
  if (!Number.isInteger(maxAge) || maxAge <= 0) return null;
  const httpsOrigin = (env.APP_ORIGIN ?? "").toLowerCase().startsWith("https:");
  return req.secure || httpsOrigin ? `max-age=${maxAge}` : null;
}

/**
 * The short answers server.js gives itself, Dutch first then English, as plain text, or as a
 * tiny HTML page when the client asked for one.
 */
export const REFUSALS = {
  tooLarge: { status: 413, nl: "Het verzoek is te groot.", en: "The request is too large." },
  notSameOrigin: {
    status: 403,
    nl: "Verzoek geweigerd: het komt niet van deze website.",
    en: "Request refused: it did not come from this website.",
  },
  methodNotAllowed: {
    status: 405,
    nl: "Deze methode wordt hier niet ondersteund.",
    en: "This method is not supported here.",
  },
  badRequest: { status: 400, nl: "Het verzoek kon niet worden gelezen.", en: "The request could not be read." },
  busy: {
    status: 503,
    nl: "Het is nu erg druk. Probeer het over een paar seconden opnieuw.",
    en: "The server is very busy right now. Please try again in a few seconds.",
  },
};

/**
 * Sends a refusal; `extraHeaders` carry Allow, Retry-After, ...
 * @param {import("express").Request} req
 * @param {import("express").Response} res
 * @param {{ status: number, nl: string, en: string }} refusal
 * @param {Record<string, string>} [extraHeaders]
 */
export function sendRefusal(req, res, refusal, extraHeaders = {}) {
  res.status(refusal.status).set({ "Cache-Control": "no-store", ...extraHeaders });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  if (req.accepts(["text/plain", "text/html"]) === "text/html") {
    res.type("text/html; charset=utf-8").send(refusalPage(refusal));
  } else {
    res.type("text/plain; charset=utf-8").send(`${refusal.nl}\n${refusal.en}\n`);
  }
}

/** @param {{ status: number, nl: string, en: string }} refusal */
function refusalPage(refusal) {
  return (
    `<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>${refusal.status}</title></head>` +
    `<body><main><h1>${refusal.nl}</h1><p lang="en">${refusal.en}</p>` +
    `<p><a href="/">Naar de startpagina</a> · <a href="/" lang="en">To the home page</a></p></main></body></html>\n`
  );
}
