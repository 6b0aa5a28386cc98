import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { externalHostWarnings, importScormPackage } from "./import.server";
import { parseScormManifest } from "./package/manifest.server";
import { testManifest, testPackageEntries, type TestItem } from "./package/test-packages";
import { zipEntries, type TestZipEntry } from "./package/zip-test-support";

/* Files as packages really ship them (issue 16 item 7) and the external-host report (item 6). */

const database = useTestDatabase();
const T0 = new Date("2026-03-02T09:00:00.000Z");
let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "scorm-files-"));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function importEntries(entries: TestZipEntry[]) {
  const result = await importScormPackage(database.prisma, {
    zip: await zipEntries(entries),
    uploadedById: null,
    now: T0,
    root,
  });
  if (!result.ok) throw new Error(result.messageKey);
  const scos = await database.prisma.scormSco.findMany({
    where: { package: { moduleId: result.moduleId } },
    orderBy: { position: "asc" },
    select: { title: true, launch: true },
  });
  return { ...result, scos };
}

const page = (body = "") => `<!doctype html><title>t</title>${body}`;

describe("launch files", () => {
  it("maps %20 to a file name with spaces and keeps a query string on the launch URL", async () => {
    const items: TestItem[] = [
      {
        identifier: "A",
        title: "Spaces",
        href: "Les%201/Start%20hier.html",
        file: "Les 1/Start hier.html",
        page: page(),
      },
      { identifier: "B", title: "Query", href: "player.html?slide=3&mode=x", page: page() },
    ];
    const { scos, warnings } = await importEntries(testPackageEntries("1.2", "Files", items));
    expect(scos.map((sco) => sco.launch)).toEqual(["Les%201/Start%20hier.html", "player.html?slide=3&mode=x"]);
    expect(warnings).toEqual([]);
  });

  it("warns about listed files the ZIP lacks and still imports", async () => {
    const items: TestItem[] = [
      {
        identifier: "A",
        title: "Missing",
        href: "a.html",
        page: page(),
        missingFiles: ["media/clip.mp4", "img/x.png"],
      },
    ];
    const { warnings } = await importEntries(testPackageEntries("1.2", "Missing", items));
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: "filesMissing", params: { count: 2, file: "media/clip.mp4" } }),
    );
  });
});

describe("external hosts in the import report", () => {
  it("names the hosts a package loads from", async () => {
    const items: TestItem[] = [
      {
        identifier: "A",
        title: "CDN",
        href: "a.html",
        page: page(`<script src="https://code.jquery.com/jquery.min.js"></script>`),
      },
    ];
    const { warnings } = await importEntries(testPackageEntries("1.2", "CDN", items));
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: "externalHostsBlocked", params: { hosts: "https://code.jquery.com" } }),
    );
  });

  it("says which hosts SCORM_CONTENT_HOSTS allows", () => {
    expect(externalHostWarnings(["https://a.test", "https://cdn.b.test"], ["https://*.b.test"])).toEqual([
      expect.objectContaining({ code: "externalHostsBlocked", params: { hosts: "https://a.test" } }),
      expect.objectContaining({ code: "externalHostsAllowed", params: { hosts: "https://cdn.b.test" } }),
    ]);
    expect(externalHostWarnings([], [])).toEqual([]);
  });
});

describe("manifest reading", () => {
  const resourceOnly = (resources: string, metadataTitle = "") => `<?xml version="1.0"?>
<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:lom="http://ltsc.ieee.org/xsd/LOM">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 3rd Edition</schemaversion>${metadataTitle}</metadata>
  <organizations/>
  <resources>${resources}</resources>
</manifest>`;

  it("gives resource-only packages titles, not identifiers", () => {
    const withOwnTitle = parseScormManifest(
      resourceOnly(`<resource identifier="RES_8F2A" type="webcontent" adlcp:scormType="sco" href="intro_video.html">
        <metadata><lom:lom><lom:general><lom:title><lom:string language="en">Welcome</lom:string></lom:title></lom:general></lom:lom></metadata>
      </resource>
      <resource identifier="RES_91BC" type="webcontent" adlcp:scormType="sco" href="module_2/index.html"/>`),
    );
    expect(withOwnTitle.manifest.scos.map((sco) => sco.title)).toEqual(["Welcome", "module 2"]);

    const single = parseScormManifest(
      resourceOnly(
        `<resource identifier="RES_1" type="webcontent" adlcp:scormType="sco" href="story.html"/>`,
        `<lom:lom><lom:general><lom:title><lom:string language="nl">Omgaan met sekswerkers</lom:string></lom:title></lom:general></lom:lom>`,
      ),
    );
    expect(single.manifest.scos[0]!.title).toBe("Omgaan met sekswerkers");
  });

  it("reads adlcp:data shared data maps with their defaults and the organization's scope", () => {
    const manifest = testManifest("2004", "Shared", [
      {
        identifier: "A",
        title: "A",
        href: "a.html",
        page: "",
        itemExtra: `<adlcp:data><adlcp:map targetID="notes"/><adlcp:map targetID="score" readSharedData="false" writeSharedData="false"/></adlcp:data>`,
      },
      { identifier: "B", title: "B", href: "b.html", page: "" },
    ]).replace(
      '<organization identifier="ORG">',
      '<organization identifier="ORG" adlcp:sharedDataGlobalToSystem="false">',
    );
    const [a, b] = parseScormManifest(manifest).manifest.scos;
    expect(a!.runtime.sharedData).toEqual([
      { targetId: "notes", readSharedData: true, writeSharedData: true },
      { targetId: "score", readSharedData: false, writeSharedData: false },
    ]);
    expect(a!.runtime.sharedDataGlobal).toBe(false);
    expect(b!.runtime.sharedData).toBeUndefined();
  });
});
