import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SessionUser } from "~/auth/user";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { declaredCharset, mayOpenPackageFiles, packageFileRequest, parseRange } from "./package-files.server";

const KEY = "0123456789abcdef0123456789abcdef";

describe("packageFileRequest", () => {
  it("splits a package URL path into its storage key and the path inside the package", () => {
    expect(packageFileRequest(`/scorm-inhoud/${KEY}/story_content/Les%201/index.html`)).toEqual({
      storageKey: KEY,
      path: "story_content/Les%201/index.html",
    });
  });

  it.each([
    "/scorm-inhoud",
    `/scorm-inhoud/${KEY}`,
    "/scorm-inhoud/niet-een-sleutel/index.html",
    `/elders/${KEY}/index.html`,
  ])("refuses %j", (pathname) => {
    expect(packageFileRequest(pathname)).toBeNull();
  });
});

describe("parseRange", () => {
  it("reads one byte range in each of its three forms", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=990-5000", 1000)).toEqual({ start: 990, end: 999 });
  });

  it("answers several or malformed ranges with the whole file, and impossible ones as unsatisfiable", () => {
    expect(parseRange(null, 1000)).toBeNull();
    expect(parseRange("bytes=0-1,5-6", 1000)).toBeNull();
    expect(parseRange("items=0-1", 1000)).toBeNull();
    expect(parseRange("bytes=-", 1000)).toBeNull();
    expect(parseRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=50-10", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 1000)).toBe("unsatisfiable");
  });
});

describe("declaredCharset", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-charset-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("uses the charset an HTML file declares, UTF-8 when it declares none or an unknown one", async () => {
    const cases: [string, Buffer, string][] = [
      ["latin.html", Buffer.from('<html><head><meta charset="windows-1252"></head></html>'), "windows-1252"],
      [
        "http-equiv.html",
        Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'),
        "iso-8859-1",
      ],
      ["none.html", Buffer.from("<html><body>hallo</body></html>"), "utf-8"],
      ["unknown.html", Buffer.from('<meta charset="klingon-8">'), "utf-8"],
      ["utf16.html", Buffer.from([0xff, 0xfe, 0x3c, 0x00]), "utf-16le"],
    ];
    for (const [name, bytes, expected] of cases) {
      const file = path.join(directory, name);
      await writeFile(file, bytes);
      expect(await declaredCharset(file)).toBe(expected);
    }
  });
});

describe("mayOpenPackageFiles", () => {
  const database = useTestDatabase();

  const user = (role: SessionUser["role"]): SessionUser => ({
    id: `u-${role}`,
    email: `${role}@example.nl`,
    name: role,
    role,
    locale: "nl",
    sector: "other",
    organisationId: null,
  });

  async function packageFor(archived: boolean) {
    await database.prisma.module.create({
      data: { id: "pakket", position: 0, sectors: "[]", minutes: 20, contentHash: "h", archived },
    });
    await database.prisma.scormPackage.create({
      data: {
        moduleId: "pakket",
        version: "1.2",
        identifier: "p",
        manifest: "{}",
        storageKey: KEY,
        fileCount: 1,
        totalBytes: 1,
      },
    });
  }

  it("lets signed-in users open a catalogue module's package, never anonymous visitors", async () => {
    await packageFor(false);
    expect(await mayOpenPackageFiles(database.prisma, user("learner"), KEY)).toBe(true);
    expect(await mayOpenPackageFiles(database.prisma, null, KEY)).toBe(false);
    expect(await mayOpenPackageFiles(database.prisma, user("learner"), "f".repeat(32))).toBe(false);
  });

  it("keeps an archived module's package for those who manage content", async () => {
    await packageFor(true);
    expect(await mayOpenPackageFiles(database.prisma, user("learner"), KEY)).toBe(false);
    expect(await mayOpenPackageFiles(database.prisma, user("trainer"), KEY)).toBe(false);
    expect(await mayOpenPackageFiles(database.prisma, user("admin"), KEY)).toBe(true);
  });
});
