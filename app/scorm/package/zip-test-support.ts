/**
 * Builds ZIP archives for the SCORM package tests: from fixture folders, from entry lists, and
 * (by patching bytes afterwards) the malformed archives yazl itself refuses to write.
 */
import fs from "node:fs/promises";
import path from "node:path";

import yazl from "yazl";

export interface TestZipEntry {
  name: string;
  data?: string | Buffer;
  /** Unix mode including the file type bits, e.g. 0o120777 for a symlink. */
  mode?: number;
  directory?: boolean;
  compress?: boolean;
}

export const FIXTURES_DIRECTORY = path.resolve("tests/fixtures/scorm");

export function zipEntries(entries: readonly TestZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.directory) zip.addEmptyDirectory(entry.name, { mode: entry.mode });
    else {
      zip.addBuffer(Buffer.from(entry.data ?? ""), entry.name, {
        mode: entry.mode,
        compress: entry.compress ?? true,
      });
    }
  }
  zip.end();
  return collect(zip.outputStream);
}

/** Zips a fixture folder (relative to tests/fixtures/scorm), optionally inside a top folder. */
export async function zipFixture(fixture: string, options: { inFolder?: string } = {}): Promise<Buffer> {
  return zipEntries(await fixtureEntries(fixture, options.inFolder ? `${options.inFolder}/` : ""));
}

/** The files of a fixture folder as ZIP entries, their names prefixed with `prefix`. */
export async function fixtureEntries(fixture: string, prefix = ""): Promise<TestZipEntry[]> {
  const root = path.join(FIXTURES_DIRECTORY, fixture);
  const found = await fs.readdir(root, { recursive: true, withFileTypes: true });
  const files = found
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
  return Promise.all(
    files.map(async (file) => ({ name: prefix + file, data: await fs.readFile(path.join(root, file)) })),
  );
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

interface HeaderOffsets {
  central: number;
  local: number;
  nameLength: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

function headersOf(zip: Buffer, name: string): HeaderOffsets {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end === -1 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) throw new Error("no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_HEADER) throw new Error("bad central directory");
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.toString("utf8", offset + 46, offset + 46 + nameLength) === name) {
      if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error("bad local header");
      return { central: offset, local, nameLength };
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`entry not found: ${name}`);
}

/** Renames an entry to a name of the same byte length, e.g. "xx/evil.txt" → "../evil.txt". */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  const replacement = Buffer.from(to, "utf8");
  if (replacement.length !== Buffer.byteLength(from)) throw new Error("names must have the same byte length");
  const copy = Buffer.from(zip);
  const { central, local, nameLength } = headersOf(copy, from);
  replacement.copy(copy, central + 46, 0, nameLength);
  replacement.copy(copy, local + 30, 0, nameLength);
  return copy;
}

/** Sets general purpose flag bits (bit 0: encrypted) on an entry in both headers. */
export function setEntryFlags(zip: Buffer, name: string, flags: number): Buffer {
  const copy = Buffer.from(zip);
  const { central, local } = headersOf(copy, name);
  copy.writeUInt16LE(copy.readUInt16LE(central + 8) | flags, central + 8);
  copy.writeUInt16LE(copy.readUInt16LE(local + 6) | flags, local + 6);
  return copy;
}

/** Makes the headers claim a smaller uncompressed size than the data really inflates to. */
export function setDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const copy = Buffer.from(zip);
  const { central, local } = headersOf(copy, name);
  copy.writeUInt32LE(size, central + 24);
  copy.writeUInt32LE(size, local + 22);
  return copy;
}
