import fs from "node:fs/promises";

import type { PrismaClient } from "@prisma/client";

import { userHasPermission } from "~/auth/permissions";
import type { SessionUser } from "~/auth/user";

import { isStorageKey, PACKAGE_FILES_PREFIX } from "./storage.server";

/**
 * Who may fetch an imported package's files, and how they are sent: the rules behind
 * /scorm-inhoud/<storageKey>/<path>, kept apart from the route so they can be tested without HTTP.
 */

/** The storage key and the still-encoded path inside the package of a /scorm-inhoud URL path. */
export function packageFileRequest(pathname: string): { storageKey: string; path: string } | null {
  if (!pathname.startsWith(`${PACKAGE_FILES_PREFIX}/`)) return null;
  const rest = pathname.slice(PACKAGE_FILES_PREFIX.length + 1);
  const slash = rest.indexOf("/");
  if (slash === -1) return null;
  const storageKey = rest.slice(0, slash);
  return isStorageKey(storageKey) ? { storageKey, path: rest.slice(slash + 1) } : null;
}

/**
 * A signed-in user may open the files of a package whose module is in the catalogue; an archived
 * module's package only someone who manages content (to check it before restoring it).
 */
export async function mayOpenPackageFiles(
  db: PrismaClient,
  user: SessionUser | null,
  storageKey: string,
): Promise<boolean> {
  if (!user) return false;
  const pkg = await db.scormPackage.findUnique({
    where: { storageKey },
    select: { module: { select: { archived: true } } },
  });
  if (!pkg) return false;
  return !pkg.module.archived || userHasPermission(user, "manage:content:any");
}

/**
 * The node server adds "charset=utf-8" to every text type it sends, and a header charset wins over
 * the page's own <meta charset>: older packages in windows-1252 would show garbled letters. So an
 * HTML file is sent with the charset it declares in its first kilobyte (UTF-8 when it declares none).
 */
export async function declaredCharset(file: string): Promise<string> {
  const handle = await fs.open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
    if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
    const declared = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i
      .exec(head.toString("latin1"))?.[1]
      ?.toLowerCase();
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
export function parseRange(
  header: string | null,
  size: number,
): { start: number; end: number } | "unsatisfiable" | null {
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
