import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ScormPackageError } from "./errors";
import { normaliseEntryName, unzipPackage, type UnzipProgress } from "./unzip.server";
import { renameEntry, setDeclaredSize, setEntryFlags, zipEntries } from "./zip-test-support";

let workspace: string;
let destination: string;

beforeEach(async () => {
  workspace = await fs.mkdtemp(path.join(os.tmpdir(), "scorm-unzip-"));
  destination = path.join(workspace, "packages", "package-1");
});

afterEach(async () => {
  await fs.rm(workspace, { recursive: true, force: true });
});

async function expectRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ScormPackageError);
  expect((error as ScormPackageError).code).toBe(code);
  expect((error as ScormPackageError).messageKey).toBe(`scorm.error.${code}`);
  // Nothing is left behind: no destination and no half-written staging folder next to it.
  await expect(fs.readdir(path.dirname(destination))).resolves.toEqual([]);
  return error as ScormPackageError;
}

describe("unzipPackage", () => {
  it("extracts files and folders into the destination and reports progress", async () => {
    const zip = await zipEntries([
      { name: "imsmanifest.xml", data: "<manifest/>" },
      { name: "content/", directory: true },
      { name: "content/page.html", data: "<p>hallo</p>" },
      { name: "content/empty/", directory: true },
      { name: "media/clip.bin", data: Buffer.alloc(3 * 1024 * 1024, 7) },
    ]);
    const progress: UnzipProgress[] = [];
    const result = await unzipPackage(zip, destination, { onProgress: (step) => progress.push(step) });

    expect(result.directory).toBe(destination);
    expect(result.files).toEqual(["imsmanifest.xml", "content/page.html", "media/clip.bin"]);
    expect(result.totalBytes).toBe(11 + 12 + 3 * 1024 * 1024);
    await expect(fs.readFile(path.join(destination, "content/page.html"), "utf8")).resolves.toBe("<p>hallo</p>");
    expect((await fs.stat(path.join(destination, "content/empty"))).isDirectory()).toBe(true);
    expect(await fs.readdir(path.dirname(destination))).toEqual(["package-1"]);

    const last = progress.at(-1);
    expect(last).toEqual({ entriesProcessed: 5, entryCount: 5, bytesWritten: result.totalBytes });
    // The 3 MB file reports while it streams, not only when it is done.
    expect(progress.filter((step) => step.entriesProcessed === 5).length).toBeGreaterThan(2);
    const written = progress.map((step) => step.bytesWritten);
    expect(written).toEqual([...written].sort((a, b) => a - b));
  });

  it("reads from a file on disk as well as from a buffer", async () => {
    const zipPath = path.join(workspace, "upload.zip");
    await fs.writeFile(zipPath, await zipEntries([{ name: "index.html", data: "x" }]));
    const result = await unzipPackage(zipPath, destination);
    expect(result.files).toEqual(["index.html"]);
  });

  it("refuses to unpack over an existing destination", async () => {
    await fs.mkdir(destination, { recursive: true });
    const zip = await zipEntries([{ name: "index.html", data: "x" }]);
    await expect(unzipPackage(zip, destination)).rejects.toThrow(/already exists/);
  });

  it("skips the __MACOSX resource forks of macOS archives", async () => {
    const zip = await zipEntries([
      { name: "index.html", data: "x" },
      { name: "__MACOSX/._index.html", data: "fork" },
    ]);
    const result = await unzipPackage(zip, destination);
    expect(result.files).toEqual(["index.html"]);
    expect(await fs.readdir(destination)).toEqual(["index.html"]);
  });

  it("writes files without the archive's execute bits", async () => {
    const zip = await zipEntries([{ name: "run.sh", data: "#!/bin/sh", mode: 0o100755 }]);
    await unzipPackage(zip, destination);
    expect((await fs.stat(path.join(destination, "run.sh"))).mode & 0o111).toBe(0);
  });

  describe("refuses unsafe names", () => {
    const cases: Array<[string, string]> = [
      ["a parent folder segment", "../evil.txt"],
      ["a parent segment in the middle", "ok/../../x.txt"],
      ["an absolute path", "/etc/evil.txt"],
      ["a drive letter", "C:/evil.txtx"],
      ["a drive letter without slash", "C:evil.txtxx"],
      ["backslash traversal", "..\\evil.txt"],
      ["a backslash absolute path", "\\\\server\\x"],
      ["dots Windows trims to ..", "ok/.. /x.txt"],
    ];
    it.each(cases)("%s", async (_label, evilName) => {
      const placeholder = "p".repeat(Buffer.byteLength(evilName));
      const zip = renameEntry(
        await zipEntries([
          { name: "index.html", data: "x" },
          { name: placeholder, data: "payload" },
        ]),
        placeholder,
        evilName,
      );
      const error = await expectRefused(unzipPackage(zip, destination), "unsafePath");
      expect(error.params.file).toBe(evilName);
      await expect(fs.access(path.join(workspace, "evil.txt"))).rejects.toThrow();
    });

    it("also refuses control characters", () => {
      expect(() => normaliseEntryName("a\u0000b.html")).toThrow(ScormPackageError);
    });

    it("normalises harmless ./ segments and backslash separators", () => {
      expect(normaliseEntryName("./content\\page.html")).toEqual({
        segments: ["content", "page.html"],
        endsWithSlash: false,
      });
      expect(normaliseEntryName("content/")).toEqual({ segments: ["content"], endsWithSlash: true });
    });
  });

  it("refuses symbolic links", async () => {
    const zip = await zipEntries([
      { name: "index.html", data: "x" },
      { name: "passwd", data: "/etc/passwd", mode: 0o120777, compress: false },
    ]);
    const error = await expectRefused(unzipPackage(zip, destination), "unsupportedEntry");
    expect(error.params.file).toBe("passwd");
  });

  it("refuses device files and other special entries", async () => {
    const zip = await zipEntries([{ name: "tty", data: "", mode: 0o020644 }]);
    await expectRefused(unzipPackage(zip, destination), "unsupportedEntry");
  });

  it("refuses the same path twice", async () => {
    const zip = await zipEntries([
      { name: "index.html", data: "first" },
      { name: "./index.html", data: "second" },
    ]);
    const error = await expectRefused(unzipPackage(zip, destination), "duplicatePath");
    expect(error.params.file).toBe("index.html");
  });

  it("refuses a file where the archive also has a folder of that name", async () => {
    const zip = await zipEntries([
      { name: "content", data: "a file" },
      { name: "content/page.html", data: "x" },
    ]);
    await expectRefused(unzipPackage(zip, destination), "duplicatePath");
  });

  it("refuses names differing only in case where they would collide", async () => {
    const zip = await zipEntries([
      { name: "Index.html", data: "one" },
      { name: "index.html", data: "two" },
    ]);
    await expectRefused(unzipPackage(zip, destination, { rejectCaseVariants: true }), "duplicatePath");
  });

  it("keeps names differing only in case apart on a case-sensitive disk", async () => {
    const zip = await zipEntries([
      { name: "Index.html", data: "one" },
      { name: "index.html", data: "two" },
    ]);
    const result = await unzipPackage(zip, destination, { rejectCaseVariants: false });
    expect(result.files).toEqual(["Index.html", "index.html"]);
  });

  it("refuses more files than the limit", async () => {
    const zip = await zipEntries(Array.from({ length: 6 }, (_, index) => ({ name: `f${index}.txt`, data: "x" })));
    const error = await expectRefused(unzipPackage(zip, destination, { limits: { maxFiles: 5 } }), "tooManyFiles");
    expect(error.params.limit).toBe(5);
  });

  it("does not count folders as files", async () => {
    const zip = await zipEntries([
      { name: "a/", directory: true },
      { name: "b/", directory: true },
      { name: "a/x.txt", data: "x" },
      { name: "b/y.txt", data: "y" },
    ]);
    await expect(unzipPackage(zip, destination, { limits: { maxFiles: 2 } })).resolves.toMatchObject({
      files: ["a/x.txt", "b/y.txt"],
    });
  });

  it("refuses a zip bomb that unpacks beyond the size limit", async () => {
    // 8 MB of zeros compresses to a few kilobytes.
    const zip = await zipEntries([
      { name: "a.bin", data: Buffer.alloc(4 * 1024 * 1024) },
      { name: "b.bin", data: Buffer.alloc(4 * 1024 * 1024) },
    ]);
    expect(zip.length).toBeLessThan(64 * 1024);
    const error = await expectRefused(
      unzipPackage(zip, destination, { limits: { maxTotalBytes: 6 * 1024 * 1024 } }),
      "tooLarge",
    );
    expect(error.params.limit).toBe(6);
  });

  it("refuses an entry whose header understates its real size", async () => {
    const zip = setDeclaredSize(
      await zipEntries([{ name: "bomb.bin", data: Buffer.alloc(4 * 1024 * 1024) }]),
      "bomb.bin",
      10,
    );
    const error = await expectRefused(
      unzipPackage(zip, destination, { limits: { maxTotalBytes: 1024 * 1024 } }),
      "corruptZip",
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("refuses encrypted entries", async () => {
    const zip = setEntryFlags(await zipEntries([{ name: "secret.html", data: "x".repeat(100) }]), "secret.html", 0x1);
    const error = await expectRefused(unzipPackage(zip, destination), "encrypted");
    expect(error.params.file).toBe("secret.html");
  });

  it("refuses strongly encrypted entries", async () => {
    const zip = setEntryFlags(await zipEntries([{ name: "secret.html", data: "x" }]), "secret.html", 0x41);
    await expectRefused(unzipPackage(zip, destination), "encrypted");
  });

  it("refuses data that does not match its checksum", async () => {
    const zip = await zipEntries([{ name: "page.html", data: "abcdefghij", compress: false }]);
    const damaged = Buffer.from(zip);
    const at = damaged.indexOf("abcdefghij");
    damaged.write("X", at);
    await expectRefused(unzipPackage(damaged, destination), "corruptZip");
  });

  it("refuses input that is not a ZIP", async () => {
    await expectRefused(unzipPackage(Buffer.from("<html>not a zip</html>"), destination), "notZip");
    await expectRefused(unzipPackage(Buffer.alloc(0), destination), "notZip");
  });

  it("refuses a truncated ZIP", async () => {
    const zip = await zipEntries([{ name: "page.html", data: "x".repeat(5000) }]);
    await expectRefused(unzipPackage(zip.subarray(0, zip.length - 30), destination), "notZip");
  });
});
