import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

import { certificateSignatory } from "~/config/env.server";
import { storagePath } from "~/config/storage.server";
import { isLocale, type Locale } from "~/domain/constants";

import { parseCode } from "./code";
import { PDF_LAYOUT_VERSION, renderCertificatePdf, type CertificatePdfInput, type Signatory } from "./pdf.server";
import { certificateStatus } from "./validity";

/**
 * Certificate PDFs are made on first request and kept on disk, one folder per code:
 *
 *   <CERTIFICATE_CACHE_DIR>/<code>/v<version>-<locale>-<origin and signatory hash>-l<layout>.pdf
 *
 * Everything the PDF shows is in the key: the certificate's version (a re-issue after a name
 * correction bumps it), the language, the origin in the verification URL, who signs (from the
 * environment) and the layout version.
 * Writing a new version removes the code's older files. Because rendering is deterministic, the key
 * also names the bytes: it is the PDF's strong ETag, and a request that already holds that file
 * (If-None-Match) is answered "not modified" without reading or rendering anything.
 * Revoked certificates get no PDF at all
 * (a revoked certificate should not circulate as a document; the verification page says it was
 * revoked), and their cached files are removed when one is asked for.
 */

export interface CachedPdfCertificate extends CertificatePdfInput {
  version: number;
  revokedAt: Date | null;
}

export type CertificatePdfResult =
  { ok: true; bytes: Buffer; fromCache: boolean; etag: string } | { ok: false; error: "revoked" };

export type NotModified = { ok: true; notModified: true; etag: string };

interface CertificatePdfOptions {
  locale: Locale;
  origin: string;
  now: Date;
  dir?: string;
  render?: typeof renderCertificatePdf;
  /** Defaults to CERTIFICATE_SIGNATORY_NAME / _ROLE from the environment. */
  signatory?: Signatory;
}

export function certificateCacheDir(): string {
  return storagePath(process.env.CERTIFICATE_CACHE_DIR, "certificates");
}

// The origin and signatory are the same for every request of a deployment: hashed once.
const originTags = new Map<string, string>();

function originTag(origin: string, signatory: Signatory): string {
  const key = JSON.stringify([origin, signatory.name, signatory.role]);
  let tag = originTags.get(key);
  if (!tag) {
    tag = createHash("sha256").update(key).digest("hex").slice(0, 8);
    if (originTags.size > 100) originTags.clear();
    originTags.set(key, tag);
  }
  return tag;
}

function codeFolder(dir: string, code: string): string {
  // Codes come from the database, but they name a folder: only ever the canonical form.
  const canonical = parseCode(code);
  if (!canonical || canonical !== code) throw new Error(`not a certificate code: ${JSON.stringify(code)}`);
  return path.join(dir, code);
}

function fileName(version: number, locale: Locale, origin: string, signatory: Signatory): string {
  return `v${version}-${locale}-${originTag(origin, signatory)}-l${PDF_LAYOUT_VERSION}.pdf`;
}

// Two requests for the same file while it is being made share the work.
const pending = new Map<string, Promise<Buffer>>();

/** A strong ETag for the file name: the code and the key of everything the PDF shows. */
function etagOf(code: string, name: string): string {
  return `"${code}-${name.replace(/\.pdf$/, "")}"`;
}

/** Whether an If-None-Match header names `etag` (a list, `*`, or weak forms of it). */
function matches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/**
 * The PDF of a certificate in `locale`, from the cache when it is there. `now` decides whether
 * the certificate counts as revoked. With `ifNoneMatch` (the request's If-None-Match) naming the
 * current file, it answers `notModified` and touches no file.
 */
export function certificatePdf(
  certificate: CachedPdfCertificate,
  options: CertificatePdfOptions,
): Promise<CertificatePdfResult>;
export function certificatePdf(
  certificate: CachedPdfCertificate,
  options: CertificatePdfOptions & { ifNoneMatch: string | null },
): Promise<CertificatePdfResult | NotModified>;
export async function certificatePdf(
  certificate: CachedPdfCertificate,
  options: CertificatePdfOptions & { ifNoneMatch?: string | null },
): Promise<CertificatePdfResult | NotModified> {
  const dir = options.dir ?? certificateCacheDir();
  const folder = codeFolder(dir, certificate.code);
  if (certificateStatus(certificate, options.now) === "revoked") {
    await fs.rm(folder, { recursive: true, force: true });
    return { ok: false, error: "revoked" };
  }
  const locale = isLocale(options.locale) ? options.locale : "nl";
  const signatory = options.signatory ?? certificateSignatory();
  const name = fileName(certificate.version, locale, options.origin, signatory);
  const etag = etagOf(certificate.code, name);
  if (matches(options.ifNoneMatch, etag)) return { ok: true, notModified: true, etag };
  const file = path.join(folder, name);

  const cached = await readIfExists(file);
  if (cached) return { ok: true, bytes: cached, fromCache: true, etag };

  let making = pending.get(file);
  if (!making) {
    const render = options.render ?? renderCertificatePdf;
    making = renderAndStore(certificate, { locale, origin: options.origin, signatory, folder, file, render }).finally(
      () => pending.delete(file),
    );
    pending.set(file, making);
  }
  return { ok: true, bytes: await making, fromCache: false, etag };
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function renderAndStore(
  certificate: CachedPdfCertificate,
  {
    locale,
    origin,
    signatory,
    folder,
    file,
    render,
  }: {
    locale: Locale;
    origin: string;
    signatory: Signatory;
    folder: string;
    file: string;
    render: typeof renderCertificatePdf;
  },
): Promise<Buffer> {
  const bytes = Buffer.from(await render(certificate, { locale, origin, signatory }));
  await fs.mkdir(folder, { recursive: true });
  // Write aside and rename, so a reader never sees half a file.
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, file);
  await removeOlderVersions(folder, certificate.version);
  return bytes;
}

async function removeOlderVersions(folder: string, version: number) {
  const current = `v${version}-`;
  for (const entry of await fs.readdir(folder)) {
    if (entry.endsWith(".pdf") && !entry.startsWith(current)) await fs.rm(path.join(folder, entry), { force: true });
  }
}
