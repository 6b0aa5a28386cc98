/**
 * Which other hosts a package loads scripts, styles and fonts from: the origins of absolute
 * (or protocol-relative) URLs in <script src>, <link href> and CSS url()/@import of its HTML and
 * CSS files. The player's content policy blocks them unless SCORM_CONTENT_HOSTS allows them, so
 * the import report names them. A scan, not a browser: URLs built by script at run time are missed.
 */
import fs from "node:fs/promises";
import path from "node:path";

const SCANNED = /\.(html?|xhtml|css)$/i;
/** Larger files are bundles or media; authoring tools put their loaders in small pages. */
const MAX_SCANNED_BYTES = 2 * 1024 * 1024;
const MAX_HOSTS = 20;

const TAG_URL = /<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?\/\/[^"'\s>]+)/gi;
const CSS_URL = /(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?\/\/[^"')\s]+)/gi;

/** Origins referenced by one file's text ("https://code.jquery.com"); protocol-relative URLs count as https. */
export function referencedOrigins(text: string): string[] {
  const origins = new Set<string>();
  for (const pattern of [TAG_URL, CSS_URL]) {
    for (const match of text.matchAll(pattern)) {
      const reference = match[1]!;
      try {
        const url = new URL(reference.startsWith("//") ? `https:${reference}` : reference);
        origins.add(url.origin);
      } catch {
        // Not a URL after all (a template placeholder, say).
      }
    }
  }
  return [...origins];
}

/** The origins a package's HTML and CSS files reference, sorted, at most MAX_HOSTS. */
export async function packageExternalOrigins(root: string, files: readonly string[]): Promise<string[]> {
  const origins = new Set<string>();
  for (const file of files) {
    if (!SCANNED.test(file)) continue;
    const location = path.join(root, ...file.split("/"));
    const { size } = await fs.stat(location);
    if (size > MAX_SCANNED_BYTES) continue;
    for (const origin of referencedOrigins(await fs.readFile(location, "utf8"))) origins.add(origin);
    if (origins.size >= MAX_HOSTS) break;
  }
  return [...origins].sort().slice(0, MAX_HOSTS);
}
