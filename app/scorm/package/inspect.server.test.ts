import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ScormPackageError } from "./errors";
import { inspectScormPackage } from "./inspect.server";
import { fixtureEntries, zipEntries, zipFixture } from "./zip-test-support";

let workspace: string;
let destination: string;

beforeEach(async () => {
  workspace = await fs.mkdtemp(path.join(os.tmpdir(), "scorm-inspect-"));
  destination = path.join(workspace, "packages", "abc123");
});

afterEach(async () => {
  await fs.rm(workspace, { recursive: true, force: true });
});

async function expectRefused(zip: Buffer, code: string) {
  const error = await inspectScormPackage(zip, destination).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ScormPackageError);
  expect((error as ScormPackageError).code).toBe(code);
  await expect(fs.readdir(path.dirname(destination))).resolves.toEqual([]);
  return error as ScormPackageError;
}

describe("inspectScormPackage", () => {
  it.each([
    ["scorm12-single", "1.2", 1],
    ["scorm12-multi", "1.2", 5],
    ["scorm2004-3rd", "2004-3rd", 4],
    ["scorm2004-4th", "2004-4th", 2],
  ])("accepts %s", async (fixture, version, scoCount) => {
    const result = await inspectScormPackage(await zipFixture(fixture), destination);
    expect(result.root).toBe(destination);
    expect(result.directory).toBe(destination);
    expect(result.manifest.version).toBe(version);
    expect(result.manifest.scos).toHaveLength(scoCount);
    for (const sco of result.manifest.scos) {
      if (sco.launch.kind === "package")
        await expect(fs.access(path.join(result.root, sco.launch.path))).resolves.toBeUndefined();
    }
  });

  it("warns about files the manifest lists but the package lacks", async () => {
    const result = await inspectScormPackage(await zipFixture("scorm12-multi"), destination);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "filesMissing", params: { count: 1, file: "shared/missing-image.png" } }),
    ]);
  });

  it("accepts a package nested in one top folder and says so", async () => {
    const zip = await zipFixture("nested-folder");
    const result = await inspectScormPackage(zip, destination);
    expect(result.root).toBe(path.join(destination, "Training"));
    expect(result.directory).toBe(destination);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "nestedFolder", params: { folder: "Training" } }),
    ]);
    expect(result.manifest.scos[0]?.launch).toMatchObject({ path: "index.html" });
  });

  it("ignores macOS clutter next to the top folder", async () => {
    const zip = await zipEntries([
      { name: ".DS_Store", data: "x" },
      { name: "__MACOSX/Training/._index.html", data: "fork" },
      ...(await fixtureEntries("scorm12-single", "Training/")),
    ]);
    const result = await inspectScormPackage(zip, destination);
    expect(result.root).toBe(path.join(destination, "Training"));
  });

  it("does not look deeper than one folder, or into one of several folders", async () => {
    await expectRefused(await zipFixture("scorm12-single", { inFolder: "a/b" }), "noManifest");
    const zip = await zipEntries([
      ...(await fixtureEntries("scorm12-single", "one/")),
      { name: "two/readme.txt", data: "x" },
    ]);
    await expectRefused(zip, "noManifest");
  });

  it("refuses a package without manifest", async () => {
    const error = await expectRefused(await zipFixture("broken-no-manifest"), "noManifest");
    expect(error.messageKey).toBe("scorm.error.noManifest");
  });

  it("names a manifest with the wrong case", async () => {
    const zip = await zipEntries([
      { name: "IMSManifest.xml", data: "<manifest/>" },
      { name: "index.html", data: "x" },
    ]);
    const error = await expectRefused(zip, "manifestWrongCase");
    expect(error.params.file).toBe("IMSManifest.xml");
  });

  it.each([
    ["cmi5.xml", "cmi5"],
    ["tincan.xml", "xAPI (Tin Can)"],
    ["course.crs", "AICC"],
  ])("recognises %s as %s", async (file, format) => {
    const zip = await zipEntries([
      { name: file, data: "x" },
      { name: "index.html", data: "x" },
    ]);
    const error = await expectRefused(zip, "unsupportedFormat");
    expect(error.params.format).toBe(format);
  });

  it("refuses invalid XML with the line", async () => {
    const error = await expectRefused(await zipFixture("broken-invalid-xml"), "invalidXml");
    expect(error.params.line).toBe(8);
  });

  it("refuses an unsupported SCORM version", async () => {
    await expectRefused(await zipFixture("broken-unsupported-version"), "unsupportedVersion");
  });

  it("refuses the XXE manifest", async () => {
    await expectRefused(await zipFixture("broken-xxe"), "xmlEntities");
  });

  it("refuses a missing launch file, comparing case exactly", async () => {
    const error = await expectRefused(await zipFixture("broken-missing-launch"), "launchMissing");
    expect(error.params).toEqual({ item: "Les met verkeerde hoofdletters", file: "Start.html" });
  });

  it("refuses a launch file that is a folder", async () => {
    const files = (await fixtureEntries("scorm12-single", "")).filter((entry) => entry.name !== "index.html");
    const zip = await zipEntries([...files, { name: "index.html/", directory: true }]);
    await expectRefused(zip, "launchMissing");
  });

  it("passes unzip refusals through and cleans up", async () => {
    await expectRefused(Buffer.from("PK not really"), "notZip");
  });
});
