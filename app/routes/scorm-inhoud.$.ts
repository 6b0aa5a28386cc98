import { createReadStream } from "node:fs";
import fs from "node:fs/promises";

import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";

import { userHasPermission } from "~/auth/permissions";
import { getAuth } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { contentTypeFor, isStorageKey, PACKAGE_FILES_PREFIX, packageDirectory, resolvePackageFile } from "~/scorm/storage.server";

/**
 * The files of an imported SCORM package, for the player's same-origin iframe:
 * /scorm-inhoud/<storageKey>/<path inside the package>. Only for signed-in users who may open the
 * module (a learner: a module in the catalogue; an admin also an archived one). server.js gives
 * this prefix its own Content-Security-Policy and sends X-Content-Type-Options: nosniff with it
 * (docs/scorm.md).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const pathname = new URL(request.url).pathname;
  if (!pathname.startsWith(`${PACKAGE_FILES_PREFIX}/`)) return notFound();
  const rest = pathname.slice(PACKAGE_FILES_PREFIX.length + 1);
  const slash = rest.indexOf("/");
  if (slash === -1) return notFound();
  const storageKey = rest.slice(0, slash);
  if (!isStorageKey(storageKey)) return notFound();

  const { user } = await getAuth(request);
  if (!user) return notFound();
  const pkg = await prisma.scormPackage.findUnique({ where: { storageKey }, select: { module: { select: { archived: true } } } });
  if (!pkg || (pkg.module.archived && !userHasPermission(user, "manage:content:any"))) return notFound();

  const file = resolvePackageFile(packageDirectory(storageKey), rest.slice(slash + 1));
  if (!file) return notFound();
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return notFound();
  }
  if (!stat.isFile()) return notFound();

  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const contentType = contentTypeFor(file);
  const headers = new Headers({
    "Content-Type": contentType === "text/html" ? `text/html; charset=${await declaredCharset(file)}` : contentType,
    "Cache-Control": "private, no-cache",
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Last-Modified": stat.mtime.toUTCString(),
  });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  const range = parseRange(request.headers.get("range"), stat.size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${stat.size}`);
    return new Response(null, { status: 416, headers });
  }
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  headers.set("Content-Length", String(stat.size === 0 ? 0 : end - start + 1));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${stat.size}`);
  if (request.method === "HEAD" || stat.size === 0) return new Response(null, { status: range ? 206 : 200, headers });
  const body = createReadableStreamFromReadable(createReadStream(file, { start, end }));
  return new Response(body, { status: range ? 206 : 200, headers });
}

/**
 * The node server adds "charset=utf-8" to every text type it sends, and a header charset wins over
 * the page's own <meta charset>: older packages in windows-1252 would show garbled letters. So an
 * HTML file is sent with the charset it declares in its first kilobyte (UTF-8 when it declares none).
 */
async function declaredCharset(file: string): Promise<string> {
  const handle = await fs.open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
    if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
    const declared = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head.toString("latin1"))?.[1]?.toLowerCase();
    return declared && isKnownLabel(declared) ? declared : "utf-8";
  } finally {
    await handle.close();
  }
}

function isKnownLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** A single "bytes=a-b", "bytes=a-" or "bytes=-n" range; several ranges are answered with the whole file. */
function parseRange(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}
