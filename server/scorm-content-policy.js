// The Content-Security-Policy of SCORM package files (/scorm-inhoud/...). Package content may load
// scripts, styles and fonts from this origin and from the hosts in SCORM_CONTENT_HOSTS only; the
// platform's own pages keep their strict policy (server.js securityHeaders).

export const SCORM_CONTENT_HOSTS_HELP =
  "give https origins separated by spaces or commas, e.g. `https://code.jquery.com https://*.jsdelivr.net` " +
  "(a leading `*.` allows every subdomain); leave it empty to allow this site only";

// https://host[:port] or https://*.domain[:port], nothing after the origin.
const HOST_SOURCE =
  /^https:\/\/(\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/**
 * SCORM_CONTENT_HOSTS as a list of CSP host sources. Throws with an explanation for anything that
 * is not an https origin (a path, a wildcard for everything, http: or a keyword would open the
 * policy further than intended).
 * @param {string | undefined} value
 * @returns {string[]}
 */
export function parseScormContentHosts(value) {
  const entries = (value ?? "")
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/\/$/, ""))
    .filter(Boolean);
  for (const entry of entries) {
    if (!HOST_SOURCE.test(entry)) {
      throw new Error(`SCORM_CONTENT_HOSTS: "${entry}" is not an https origin; ${SCORM_CONTENT_HOSTS_HELP}`);
    }
  }
  return [...new Set(entries)];
}

/**
 * Whether an origin ("https://cdn.example.com") is one of the allowed host sources, as the browser
 * would match it: exact origin, or a subdomain for a `*.` source (same port).
 * @param {string} origin
 * @param {readonly string[]} sources
 */
export function isAllowedContentHost(origin, sources) {
  const wanted = origin.toLowerCase();
  return sources.some((source) => {
    if (!source.includes("*.")) return source === wanted;
    const suffix = source.replace("https://*.", ".");
    return wanted.startsWith("https://") && wanted.slice("https://".length).includes(".") && wanted.endsWith(suffix);
  });
}

/**
 * The policy for package files: everything authoring tools rely on from this origin (inline scripts
 * and handlers, eval, data: and blob:), plus scripts, styles and fonts from the allowed hosts.
 * Requests by script (connect-src) stay on this origin, so content cannot send data elsewhere.
 * @param {readonly string[]} hosts
 */
export function scormContentPolicy(hosts) {
  const base = "'self' 'unsafe-inline' 'unsafe-eval' data: blob:";
  const extra = hosts.length > 0 ? ` ${hosts.join(" ")}` : "";
  return [
    `default-src ${base}`,
    `script-src ${base}${extra}`,
    `style-src ${base}${extra}`,
    `font-src ${base}${extra}`,
    "object-src 'self'",
    "frame-ancestors 'self'",
    "form-action 'self'",
    "base-uri 'self'",
  ].join("; ");
}
