import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32 } from "node:zlib";

import yauzl, { type Entry, type ZipFile } from "yauzl";

import { ScormPackageError } from "./errors";

export interface UnzipLimits {
  /** Total size of all files once unpacked, counted on the bytes actually written. */
  maxTotalBytes: number;
  /** Number of files (folders are not counted). */
  maxFiles: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = {
  maxTotalBytes: 500 * 1024 * 1024,
  maxFiles: 10_000,
};

export interface UnzipProgress {
  entriesProcessed: number;
  /** Entries in the ZIP's central directory, folders included. */
  entryCount: number;
  bytesWritten: number;
}

export interface UnzipOptions {
  limits?: Partial<UnzipLimits>;
  onProgress?: (progress: UnzipProgress) => void;
  /**
   * Refuse names that differ only in case. By default this follows the file system of the
   * destination: only where such names would land on the same file are they refused.
   */
  rejectCaseVariants?: boolean;
}

export interface UnzipResult {
  directory: string;
  /** Relative paths of the extracted files, with "/" separators, in ZIP order. */
  files: string[];
  totalBytes: number;
}

/** macOS Archive Utility adds resource forks here; no package ever refers to them. */
const MAC_RESOURCE_FORK_FOLDER = "__MACOSX";
const PROGRESS_STEP_BYTES = 1024 * 1024;
const MAX_PATH_LENGTH = 1024;
const MAX_SEGMENT_BYTES = 255;

const UNIX_FILE_TYPE_MASK = 0o170000;
const UNIX_REGULAR_FILE = 0o100000;
const UNIX_DIRECTORY = 0o040000;
const HOST_UNIX = 3;
const HOST_OSX = 19;
/** Set by 7-Zip (and others) in the DOS attributes when the high word carries a unix mode. */
const DOS_UNIX_EXTENSION = 0x8000;
const DOS_DIRECTORY = 0x10;

/**
 * Unpacks an uploaded ZIP into `destination` (which must not exist yet). Everything is written to
 * a fresh folder next to the destination and renamed into place only when the whole archive was
 * accepted, so a refused package leaves nothing behind. Throws {@link ScormPackageError} for any
 * problem with the archive itself; file-system failures of the server are rethrown unchanged.
 */
export async function unzipPackage(
  zip: string | Buffer,
  destination: string,
  options: UnzipOptions = {},
): Promise<UnzipResult> {
  const limits = { ...DEFAULT_UNZIP_LIMITS, ...options.limits };
  const target = path.resolve(destination);
  if (await pathExists(target)) throw new Error(`Unzip destination already exists: ${target}`);
  const parent = path.dirname(target);
  await fs.mkdir(parent, { recursive: true });
  const staging = await fs.mkdtemp(path.join(parent, `.${path.basename(target)}.unzip-`));

  let zipfile: ZipFile | undefined;
  try {
    const rejectCaseVariants = options.rejectCaseVariants ?? (await isCaseInsensitive(staging));
    zipfile = await openZip(zip);
    const result = await extractEntries(zipfile, staging, limits, rejectCaseVariants, options.onProgress);
    await fs.rename(staging, target);
    return { directory: target, ...result };
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    if (zipfile?.isOpen) zipfile.close();
  }
}

async function extractEntries(
  zipfile: ZipFile,
  staging: string,
  limits: UnzipLimits,
  rejectCaseVariants: boolean,
  onProgress: UnzipOptions["onProgress"],
) {
  // Folders are not limited by maxFiles, but a directory with millions of entries is no package.
  if (zipfile.entryCount > limits.maxFiles * 2) {
    throw new ScormPackageError("tooManyFiles", { limit: limits.maxFiles });
  }
  const nextEntry = entryReader(zipfile);
  const layout = new PackageLayout(rejectCaseVariants);
  const files: string[] = [];
  let bytesWritten = 0;
  let entriesProcessed = 0;
  let lastReported = 0;
  const report = () => {
    lastReported = bytesWritten;
    onProgress?.({ entriesProcessed, entryCount: zipfile.entryCount, bytesWritten });
  };

  for (let entry = await nextEntry(); entry; entry = await nextEntry()) {
    const rawName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    const name = normaliseEntryName(rawName);
    entriesProcessed += 1;
    if (name.segments.length === 0 || name.segments[0] === MAC_RESOURCE_FORK_FOLDER) continue;
    const relativePath = name.segments.join("/");
    const kind = entryKind(entry, name.endsWithSlash);
    if (kind === "special") throw new ScormPackageError("unsupportedEntry", { file: rawName });

    if (kind === "directory") {
      layout.addDirectory(relativePath);
      await fs.mkdir(path.join(staging, ...name.segments), { recursive: true });
      continue;
    }

    if (entry.isEncrypted()) throw new ScormPackageError("encrypted", { file: relativePath });
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new ScormPackageError("unsupportedCompression", { file: relativePath });
    }
    if (files.length + 1 > limits.maxFiles) {
      throw new ScormPackageError("tooManyFiles", { limit: limits.maxFiles });
    }
    // Fail fast on the declared size; the streamed bytes are what is actually enforced below.
    if (bytesWritten + entry.uncompressedSize > limits.maxTotalBytes) {
      throw tooLarge(limits);
    }
    layout.addFile(relativePath);

    const filePath = path.join(staging, ...name.segments);
    await fs.mkdir(path.dirname(filePath), { recursive: true }).catch((error: unknown) => {
      throw layoutConflict(error, relativePath);
    });
    let checksum = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback: TransformCallback) {
        bytesWritten += chunk.length;
        if (bytesWritten > limits.maxTotalBytes) return callback(tooLarge(limits));
        checksum = crc32(chunk, checksum);
        if (bytesWritten - lastReported >= PROGRESS_STEP_BYTES) report();
        callback(null, chunk);
      },
    });
    const readStream = await openReadStream(zipfile, entry);
    // "wx" never follows or replaces anything already there: a second entry for the same file
    // (for instance one differing only in case on a case-insensitive disk) fails here.
    const output = createWriteStream(filePath, { flags: "wx", mode: 0o644 });
    await pipeline(readStream, meter, output).catch((error: unknown) => {
      throw classifyZipError(layoutConflict(error, relativePath));
    });
    if (checksum >>> 0 !== entry.crc32 >>> 0) {
      throw new ScormPackageError("corruptZip", { file: relativePath });
    }
    files.push(relativePath);
    report();
  }
  report();
  return { files, totalBytes: bytesWritten };
}

function tooLarge(limits: UnzipLimits) {
  return new ScormPackageError("tooLarge", { limit: Math.floor(limits.maxTotalBytes / (1024 * 1024)) });
}

interface EntryName {
  segments: string[];
  endsWithSlash: boolean;
}

/**
 * Turns a raw ZIP entry name into safe path segments or refuses it. Backslashes count as
 * separators (old Windows tools write them), so `..\..\x` is caught like `../../x`.
 */
export function normaliseEntryName(rawName: string): EntryName {
  const unsafe = () => new ScormPackageError("unsafePath", { file: rawName });
  if (rawName.length === 0 || rawName.length > MAX_PATH_LENGTH || /\p{Cc}/u.test(rawName)) {
    throw unsafe();
  }
  const name = rawName.replace(/\\/g, "/");
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) throw unsafe();
  const segments: string[] = [];
  for (const segment of name.split("/")) {
    if (segment === "" || segment === ".") continue;
    // "..", and names Windows would trim to ".." such as ".. " or "...".
    if (/^[. ]+$/.test(segment)) throw unsafe();
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) throw unsafe();
    segments.push(segment);
  }
  return { segments, endsWithSlash: name.endsWith("/") };
}

function entryKind(entry: Entry, endsWithSlash: boolean): "file" | "directory" | "special" {
  const attributes = entry.externalFileAttributes >>> 0;
  const host = entry.versionMadeBy >>> 8;
  const unixMode = attributes >>> 16;
  const carriesUnixMode = host === HOST_UNIX || host === HOST_OSX || (attributes & DOS_UNIX_EXTENSION) !== 0;
  if (carriesUnixMode && unixMode !== 0) {
    const type = unixMode & UNIX_FILE_TYPE_MASK;
    if (type === UNIX_DIRECTORY) return "directory";
    if (type !== UNIX_REGULAR_FILE && type !== 0) return "special";
  }
  if (endsWithSlash) return "directory";
  if (!carriesUnixMode && (attributes & DOS_DIRECTORY) !== 0 && entry.uncompressedSize === 0) {
    return "directory";
  }
  return "file";
}

/** Remembers what the archive has created so far, to refuse entries that would collide. */
class PackageLayout {
  private readonly files = new Set<string>();
  private readonly directories = new Set<string>();

  constructor(private readonly rejectCaseVariants: boolean) {}

  addDirectory(relativePath: string) {
    const key = this.key(relativePath);
    if (this.files.has(key)) throw new ScormPackageError("duplicatePath", { file: relativePath });
    this.addParents(relativePath);
    this.directories.add(key);
  }

  addFile(relativePath: string) {
    const key = this.key(relativePath);
    if (this.files.has(key) || this.directories.has(key)) {
      throw new ScormPackageError("duplicatePath", { file: relativePath });
    }
    this.addParents(relativePath);
    this.files.add(key);
  }

  private addParents(relativePath: string) {
    const segments = relativePath.split("/");
    for (let depth = 1; depth < segments.length; depth++) {
      const parent = this.key(segments.slice(0, depth).join("/"));
      if (this.files.has(parent)) throw new ScormPackageError("duplicatePath", { file: relativePath });
      this.directories.add(parent);
    }
  }

  private key(relativePath: string) {
    return this.rejectCaseVariants ? relativePath.toLowerCase() : relativePath;
  }
}

function layoutConflict(error: unknown, relativePath: string) {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EEXIST" || code === "ENOTDIR" || code === "EISDIR") {
    return new ScormPackageError("duplicatePath", { file: relativePath }, { cause: error });
  }
  return error;
}

/**
 * Errors of the server's own disk (ENOSPC, EACCES …) are not the package's fault and pass
 * through; anything yauzl or zlib says about the data means the archive is damaged.
 */
function classifyZipError(error: unknown): unknown {
  if (error instanceof ScormPackageError) return error;
  if (error instanceof Error && "syscall" in error) return error;
  if (error instanceof Error && /encrypt/i.test(error.message)) {
    return new ScormPackageError("encrypted", {}, { cause: error });
  }
  return new ScormPackageError("corruptZip", {}, { cause: error });
}

function openZip(zip: string | Buffer): Promise<ZipFile> {
  const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zipfile?: ZipFile) => {
      if (zipfile) return resolve(zipfile);
      if (error && "syscall" in error) return reject(error);
      reject(new ScormPackageError("notZip", {}, { cause: error }));
    };
    if (typeof zip === "string") yauzl.open(zip, options, done);
    else yauzl.fromBuffer(zip, options, done);
  });
}

/** Promise-based iteration over a lazyEntries ZipFile. */
function entryReader(zipfile: ZipFile): () => Promise<Entry | null> {
  let pending: { resolve: (entry: Entry | null) => void; reject: (error: unknown) => void } | null = null;
  let failure: unknown = null;
  let ended = false;
  zipfile.on("entry", (entry: Entry) => {
    const waiting = pending;
    pending = null;
    waiting?.resolve(entry);
  });
  zipfile.on("end", () => {
    ended = true;
    pending?.resolve(null);
    pending = null;
  });
  zipfile.on("error", (error: unknown) => {
    failure = classifyZipError(error);
    pending?.reject(failure);
    pending = null;
  });
  return () =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      if (ended) return resolve(null);
      pending = { resolve, reject };
      zipfile.readEntry();
    });
}

function openReadStream(zipfile: ZipFile, entry: Entry) {
  return new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    zipfile.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(classifyZipError(error));
      resolve(stream);
    });
  });
}

async function pathExists(target: string) {
  try {
    await fs.lstat(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

async function isCaseInsensitive(directory: string) {
  const probe = path.join(directory, "case-probe");
  await fs.writeFile(probe, "");
  try {
    return await pathExists(path.join(directory, "CASE-PROBE"));
  } finally {
    await fs.rm(probe, { force: true });
  }
}
