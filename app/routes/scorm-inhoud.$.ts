import { createReadStream } from "node:fs";
import fs from "node:fs/promises";

import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";

import { getAuth } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { declaredCharset, mayOpenPackageFiles, packageFileRequest, parseRange } from "~/scorm/package-files.server";
import { contentTypeFor, packageDirectory, resolvePackageFile } from "~/scorm/storage.server";

/**
 * The files of an imported SCORM package, for the player's same-origin iframe:
 * /scorm-inhoud/<storageKey>/<path inside the package>. Only for signed-in users who may open the
 * module (a learner: a module in the catalogue; an admin also an archived one). server.js gives
 * this prefix its own Content-Security-Policy and sends X-Content-Type-Options: nosniff with it
 * (docs/scorm.md).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const notFound = () =>
    new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const requested = packageFileRequest(new URL(request.url).pathname);
  if (!requested) return notFound();
  const { user } = await getAuth(request);
  if (!(await mayOpenPackageFiles(prisma, user, requested.storageKey))) return notFound();

  const file = resolvePackageFile(packageDirectory(requested.storageKey), requested.path);
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
