import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ScormPackageError } from "./errors";
import { parseScormManifest, type ParsedManifest } from "./manifest.server";
import { NS } from "./namespaces";
import { FIXTURES_DIRECTORY } from "./zip-test-support";

function parseFixture(fixture: string): ParsedManifest {
  return parseScormManifest(fs.readFileSync(path.join(FIXTURES_DIRECTORY, fixture, "imsmanifest.xml")));
}

function refusal(run: () => unknown): ScormPackageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScormPackageError);
    return error as ScormPackageError;
  }
  throw new Error("expected the manifest to be refused");
}

/** A minimal SCORM 1.2 manifest around the given organizations/resources markup. */
function manifest12(
  body: string,
  metadata = "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>",
) {
  return `<?xml version="1.0"?>
<manifest identifier="m" xmlns="${NS.imscp12}" xmlns:adlcp="${NS.adlcp12}">
  ${metadata}
  ${body}
</manifest>`;
}

const ONE_SCO = `
  <organizations default="O"><organization identifier="O"><title>Org</title>
    <item identifier="I" identifierref="R"><title>Item</title></item>
  </organization></organizations>
  <resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="index.html"/></resources>`;

describe("parseScormManifest: fixtures", () => {
  it("reads a single-SCO SCORM 1.2 package", () => {
    const { manifest, warnings } = parseFixture("scorm12-single");
    expect(warnings).toEqual([]);
    expect(manifest).toMatchObject({
      version: "1.2",
      identifier: "stigmavrij.test.single12",
      title: "Stigma op het werk",
      description: "Een korte les over vooroordelen.",
      defaultOrganizationId: "ORG-1",
    });
    expect(manifest.scos).toHaveLength(1);
    expect(manifest.scos[0]).toMatchObject({
      itemId: "ITEM-1",
      organizationId: "ORG-1",
      parentItemIds: [],
      title: "De les",
      scormType: "sco",
      launch: { kind: "package", path: "index.html", query: "", url: "index.html" },
      runtime: { masteryScore: 80, dataFromLms: "start=1", scaledPassingScore: null },
    });
    expect(manifest.resources[0]).toMatchObject({ identifier: "RES-1", files: ["index.html", "style.css"] });
  });

  it("reads a multi-SCO SCORM 1.2 package with nested items and launch parameters", () => {
    const { manifest, warnings } = parseFixture("scorm12-multi");
    expect(warnings).toEqual([]);
    expect(manifest.title).toBe("Omgaan met stigma");
    expect(manifest.defaultOrganizationId).toBe("ORG-MAIN");
    expect(manifest.organizations.map((organization) => organization.identifier)).toEqual(["ORG-ALT", "ORG-MAIN"]);
    const tree = manifest.organizations[1]?.items ?? [];
    expect(
      tree.map((item) => [item.identifier, item.resourceId, item.children.map((child) => child.identifier)]),
    ).toEqual([
      ["CH-1", null, ["CH-1-A", "CH-1-B", "CH-1-C"]],
      ["CH-2", null, ["CH-2-A", "CH-2-HIDDEN"]],
    ]);

    expect(
      manifest.scos.map((sco) => [
        sco.itemId,
        sco.parentItemIds,
        sco.launch.kind === "package" ? sco.launch.url : null,
      ]),
    ).toEqual([
      ["CH-1-A", ["CH-1"], "lessons/intro/index.html?page=1"],
      ["CH-1-B", ["CH-1"], "lessons/intro/index.html?page=2&mode=review"],
      ["CH-1-C", ["CH-1"], "lessons/intro/index.html?view=full#deel3"],
      ["CH-2-A", ["CH-2"], "lessons/quiz/toets%20start.html?lang=nl#begin"],
      ["CH-2-HIDDEN", ["CH-2"], "shared/glossary.html"],
    ]);
    const [intro, , , quiz, glossary] = manifest.scos;
    expect(intro?.runtime).toMatchObject({
      maxTimeAllowed: "00:30:00",
      timeLimitAction: "continue,no message",
      masteryScore: null,
    });
    expect(quiz?.launch).toMatchObject({ path: "lessons/quiz/toets start.html" });
    expect(quiz?.runtime).toMatchObject({ masteryScore: 75.5, prerequisites: "CH-1-A" });
    expect(quiz?.scormType).toBe("sco");
    expect(glossary).toMatchObject({ scormType: "asset", visible: false });

    const shared = manifest.resources.find((resource) => resource.identifier === "RES-SHARED");
    expect(shared).toMatchObject({
      href: null,
      location: null,
      scormType: "asset",
      files: ["shared/api-wrapper.js", "shared/missing-image.png"],
    });
    expect(manifest.resources.find((resource) => resource.identifier === "RES-INTRO")?.dependencies).toEqual([
      "RES-SHARED",
    ]);
  });

  it("reads SCORM 2004 3rd edition with xml:base at three levels and sequencing objectives", () => {
    const { manifest, warnings } = parseFixture("scorm2004-3rd");
    expect(manifest.version).toBe("2004-3rd");
    expect(manifest.title).toBe("Vooroordelen in de zorg");
    expect(manifest.description).toBe("Two SCOs that share a sequencing definition.");
    expect(warnings).toEqual([
      expect.objectContaining({
        code: "externalAsset",
        params: { item: "Handleiding", file: "https://example.org/docs/guide.html" },
      }),
    ]);

    const [part1, part2, glossary, guide] = manifest.scos;
    expect(part1?.launch).toMatchObject({
      path: "course/content/sco1/launch.html",
      url: "course/content/sco1/launch.html",
    });
    expect(part1?.runtime).toEqual({
      masteryScore: null,
      scaledPassingScore: 0.6,
      completionThreshold: 0.75,
      completionThresholdDetails: { completedByMeasure: true, minProgressMeasure: 0.75, progressWeight: 1 },
      dataFromLms: "deel=1",
      maxTimeAllowed: "PT1H30M",
      timeLimitAction: "exit,message",
      prerequisites: null,
      objectives: [
        { id: "deel1-beheerst", primary: true, satisfiedByMeasure: true, minNormalizedMeasure: 0.6 },
        { id: "deel1-begrippen", primary: false, satisfiedByMeasure: false, minNormalizedMeasure: null },
      ],
      hideLmsUi: [],
    });
    // xml:base "sco2" has no trailing slash; the href carries its own query string.
    expect(part2?.launch).toMatchObject({
      path: "course/content/sco2/start.html",
      url: "course/content/sco2/start.html?x=1&y=2",
    });
    // The objectives come from the shared sequencing in the sequencingCollection (IDRef).
    expect(part2?.runtime.objectives).toEqual([
      { id: "gedeeld", primary: true, satisfiedByMeasure: true, minNormalizedMeasure: 1 },
    ]);
    expect(part2?.runtime.scaledPassingScore).toBe(1);
    expect(part2?.runtime.hideLmsUi).toEqual(["continue", "previous"]);
    expect(glossary?.launch).toMatchObject({ path: "course/shared/glossary.html" });
    expect(guide).toMatchObject({ scormType: "asset", visible: false, launch: { kind: "external" } });
    expect(manifest.resources.find((resource) => resource.identifier === "RES-1")?.bases).toEqual([
      "course/",
      "content/",
      "sco1/",
    ]);
  });

  it("reads SCORM 2004 4th edition completion thresholds and falls back to the first organization", () => {
    const { manifest, warnings } = parseFixture("scorm2004-4th");
    expect(manifest.version).toBe("2004-4th");
    expect(warnings).toEqual([
      expect.objectContaining({
        code: "defaultOrganizationMissing",
        messageKey: "scorm.warning.defaultOrganizationMissing",
        params: { organization: "DOES-NOT-EXIST", used: "ORG-4TH" },
      }),
    ]);
    expect(manifest.defaultOrganizationId).toBe("ORG-4TH");
    const [m1, m2] = manifest.scos;
    expect(manifest.scos).toHaveLength(2);
    expect(m1).toMatchObject({ itemId: "M1", parentItemIds: ["BLOCK"], launch: { path: "modules/m1/index.html" } });
    expect(m1?.runtime).toMatchObject({
      completionThreshold: 0.8,
      completionThresholdDetails: { completedByMeasure: true, minProgressMeasure: 0.8, progressWeight: 0.5 },
      scaledPassingScore: 0.7,
    });
    expect(m2?.launch).toMatchObject({ url: "modules/m2/index.html?chapter=2#top" });
    // completedByMeasure defaults to false: the threshold is then not a completion rule.
    expect(m2?.runtime).toMatchObject({
      completionThreshold: null,
      completionThresholdDetails: { completedByMeasure: false, minProgressMeasure: 0.5, progressWeight: 1 },
      scaledPassingScore: null,
      objectives: [{ id: "", primary: true, satisfiedByMeasure: false, minNormalizedMeasure: 0.9 }],
    });
  });
});

describe("parseScormManifest: versions", () => {
  it("recognises SCORM 2004 2nd edition (CAM 1.3)", () => {
    const xml = `<manifest identifier="m" xmlns="${NS.imscp2004}" xmlns:adlcp="${NS.adlcp2004}">
      <metadata><schema>ADL SCORM</schema><schemaversion>CAM 1.3</schemaversion></metadata>
      <organizations default="O"><organization identifier="O"><title>T</title><item identifier="I" identifierref="R"><title>I</title></item></organization></organizations>
      <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="a.html"/></resources></manifest>`;
    expect(parseScormManifest(xml).manifest.version).toBe("2004-2nd");
  });

  it("derives the version from the namespaces when schemaversion is missing, with a warning", () => {
    const xml = `<manifest identifier="m" xmlns="${NS.imscp2004}" xmlns:adlcp="${NS.adlcp2004}">
      <organizations><organization identifier="O"><title>T</title><item identifier="I" identifierref="R"><title>I</title></item></organization></organizations>
      <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="a.html"/></resources></manifest>`;
    const { manifest, warnings } = parseScormManifest(xml);
    expect(manifest.version).toBe("2004-3rd");
    expect(warnings).toEqual([
      expect.objectContaining({ code: "versionAssumed", params: { version: "SCORM 2004 3rd Edition" } }),
    ]);
    expect(parseScormManifest(manifest12(ONE_SCO, "")).manifest.version).toBe("1.2");
  });

  it("keeps 1.2 prerequisites and warns about one that is not aicc_script", () => {
    const withPrerequisites = (expression: string) =>
      manifest12(
        ONE_SCO.replace(
          "<title>Item</title>",
          `<title>Item</title><adlcp:prerequisites type="aicc_script">${expression}</adlcp:prerequisites>`,
        ),
      );
    const valid = parseScormManifest(withPrerequisites("2*{A,B,C} &amp; ~D"));
    expect(valid.warnings).toEqual([]);
    expect(valid.manifest.scos[0]!.runtime.prerequisites).toBe("2*{A,B,C} & ~D");
    const invalid = parseScormManifest(withPrerequisites("A &amp;"));
    expect(invalid.warnings).toEqual([
      expect.objectContaining({
        code: "invalidValue",
        params: { element: "adlcp:prerequisites", item: "Item", value: "A &" },
      }),
    ]);
  });

  it("refuses SCORM 1.1 with the version it found", () => {
    const error = refusal(() => parseFixture("broken-unsupported-version"));
    expect(error.code).toBe("unsupportedVersion");
    expect(error.params.version).toBe("ADL SCORM 1.1");
    expect(
      refusal(() =>
        parseScormManifest(manifest12(ONE_SCO, "").replace(NS.adlcp12, "http://www.adlnet.org/xsd/adlcp_rootv1p1")),
      ).params,
    ).toEqual({
      format: "SCORM 1.1",
    });
  });

  it("refuses an unknown schemaversion without SCORM namespaces", () => {
    const xml = `<manifest identifier="m" xmlns="${NS.imscp2004}"><metadata><schema>ADL SCORM</schema><schemaversion>2019 5th Edition</schemaversion></metadata></manifest>`;
    expect(refusal(() => parseScormManifest(xml))).toMatchObject({
      code: "unsupportedVersion",
      params: { version: "ADL SCORM 2019 5th Edition" },
    });
  });

  it("refuses IMS Common Cartridge and plain IMS content packages", () => {
    const cartridge = `<manifest identifier="cc" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">
      <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion></metadata></manifest>`;
    expect(refusal(() => parseScormManifest(cartridge))).toMatchObject({
      code: "unsupportedFormat",
      params: { format: "IMS Common Cartridge" },
    });

    const plain = `<manifest identifier="cp" xmlns="${NS.imscp2004}"><organizations/><resources>
      <resource identifier="R" type="webcontent" href="a.html"/></resources></manifest>`;
    expect(refusal(() => parseScormManifest(plain)).code).toBe("notScorm");
  });

  it("refuses a document that is not a manifest", () => {
    expect(refusal(() => parseScormManifest(`<course xmlns="${NS.imscp12}"/>`))).toMatchObject({
      code: "notManifest",
      params: { element: "course" },
    });
  });
});

describe("parseScormManifest: XML safety and errors", () => {
  it("refuses an XXE attempt without reading the file", () => {
    const error = refusal(() => parseFixture("broken-xxe"));
    expect(error.code).toBe("xmlEntities");
    expect(error.params.line).toBe(2);
    expect(JSON.stringify(error)).not.toContain("root:");
  });

  it("refuses a billion-laughs document at its entity declarations, before expanding anything", () => {
    const entities = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= 9; level++) {
      entities.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
    }
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE manifest [\n${entities.join("\n")}\n]>\n${manifest12(ONE_SCO)
      .replace(/^<\?xml[^>]*>/, "")
      .replace("<title>Org</title>", "<title>&lol9;</title>")}`;
    const error = refusal(() => parseScormManifest(xml));
    expect(error.code).toBe("xmlEntities");
    // The line of the DOCTYPE: the refusal comes from the declarations, not from a parsed (expanded) title.
    expect(error.params.line).toBe(2);
  });

  it("never expands an entity that was not declared", () => {
    const xml = manifest12(ONE_SCO).replace("<title>Org</title>", "<title>&secret;</title>");
    expect(refusal(() => parseScormManifest(xml)).code).toBe("invalidXml");
  });

  it("accepts a DOCTYPE without entity declarations and never fetches its DTD", () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE manifest SYSTEM "http://127.0.0.1:9/evil.dtd">\n${manifest12(ONE_SCO).replace(/^<\?xml[^>]*>/, "")}`;
    expect(parseScormManifest(xml).manifest.title).toBe("Org");
  });

  it("reports invalid XML with its line and column", () => {
    const error = refusal(() => parseFixture("broken-invalid-xml"));
    expect(error.code).toBe("invalidXml");
    expect(error.messageKey).toBe("scorm.error.invalidXml");
    expect(error.params.line).toBe(8);
    expect(typeof error.params.column).toBe("number");
  });

  it("reports an empty file as invalid XML", () => {
    expect(refusal(() => parseScormManifest("")).code).toMatch(/^invalidXml/);
  });

  it("decodes UTF-8 with BOM, UTF-16 and a declared legacy encoding", () => {
    const xml = manifest12(ONE_SCO).replace("<title>Org</title>", "<title>Één café</title>");
    expect(parseScormManifest(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)])).manifest.title).toBe(
      "Één café",
    );
    expect(
      parseScormManifest(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")])).manifest.title,
    ).toBe("Één café");
    const latin1 = xml.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>');
    expect(parseScormManifest(Buffer.from(latin1, "latin1")).manifest.title).toBe("Één café");
  });
});

describe("parseScormManifest: structure problems", () => {
  it("refuses an item that points to a resource that does not exist", () => {
    const xml = manifest12(ONE_SCO.replace('identifierref="R"', 'identifierref="NOPE"'));
    expect(refusal(() => parseScormManifest(xml))).toMatchObject({
      code: "resourceMissing",
      params: { item: "Item", resource: "NOPE" },
    });
  });

  it("refuses a launched resource without href", () => {
    const xml = manifest12(ONE_SCO.replace(' href="index.html"', ""));
    expect(refusal(() => parseScormManifest(xml))).toMatchObject({ code: "resourceNoHref", params: { resource: "R" } });
  });

  it("refuses a launch file outside the package", () => {
    const xml = manifest12(ONE_SCO.replace('href="index.html"', 'href="../../secret.html"'));
    expect(refusal(() => parseScormManifest(xml))).toMatchObject({
      code: "launchOutside",
      params: { file: "../../secret.html" },
    });
  });

  it("refuses a SCO on another website", () => {
    const xml = manifest12(ONE_SCO.replace('href="index.html"', 'href="https://example.org/sco.html"'));
    expect(refusal(() => parseScormManifest(xml)).code).toBe("launchExternal");
  });

  it("refuses a manifest with nothing to launch", () => {
    const xml = manifest12(`<organizations default="O"><organization identifier="O"><title>T</title>
      <item identifier="I"><title>Empty</title></item></organization></organizations><resources/>`);
    expect(refusal(() => parseScormManifest(xml)).code).toBe("noLaunchableItems");
  });

  it("launches the SCO resources in order when there are no organizations", () => {
    const xml = manifest12(`<organizations/><resources>
      <resource identifier="A" type="webcontent" adlcp:scormtype="asset" href="a.html"/>
      <resource identifier="B" type="webcontent" adlcp:scormtype="sco" href="b.html"/>
      <resource identifier="C" type="webcontent" href="c.html"/></resources>`);
    const { manifest, warnings } = parseScormManifest(xml);
    expect(manifest.defaultOrganizationId).toBeNull();
    expect(manifest.scos.map((sco) => sco.itemId)).toEqual(["B", "C"]);
    expect(warnings.map((warning) => warning.code)).toEqual(["scormTypeMissing", "noOrganizations"]);
  });

  it("skips sub-manifests with a note", () => {
    const xml = manifest12(`<organizations default="O"><organization identifier="O"><title>T</title>
        <item identifier="I1" identifierref="R"><title>Own</title></item>
        <item identifier="I2" identifierref="SUB"><title>Borrowed</title></item></organization></organizations>
      <resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html"/></resources>
      <manifest identifier="SUB"><resources/></manifest>`);
    const { manifest, warnings } = parseScormManifest(xml);
    expect(manifest.scos.map((sco) => sco.itemId)).toEqual(["I1"]);
    expect(warnings.map((warning) => [warning.code, warning.params])).toEqual([
      ["subManifestIgnored", { manifest: "SUB" }],
      ["subManifestItemSkipped", { item: "Borrowed" }],
    ]);
  });

  it("ignores invalid run-time values with a warning", () => {
    const xml = manifest12(
      ONE_SCO.replace(
        "<title>Item</title>",
        "<title>Item</title><adlcp:masteryscore>hoog</adlcp:masteryscore><adlcp:maxtimeallowed>30 minutes</adlcp:maxtimeallowed><adlcp:timelimitaction>stop</adlcp:timelimitaction>",
      ),
    );
    const { manifest, warnings } = parseScormManifest(xml);
    expect(manifest.scos[0]?.runtime).toMatchObject({
      masteryScore: null,
      maxTimeAllowed: null,
      timeLimitAction: null,
    });
    expect(warnings.map((warning) => warning.params.element)).toEqual([
      "adlcp:masteryscore",
      "adlcp:maxtimeallowed",
      "adlcp:timeLimitAction",
    ]);
  });

  it("uses the manifest's own prefixes only through their namespace", () => {
    // Same markup with the SCORM namespace under an unrelated prefix: still an asset.
    const xml = manifest12(
      ONE_SCO.replace(
        'adlcp:scormtype="sco"',
        'x:scormtype="asset" xmlns:x="http://www.adlnet.org/xsd/adlcp_rootv1p2"',
      ),
    );
    expect(parseScormManifest(xml).manifest.scos[0]?.scormType).toBe("asset");
    // An "adlcp" prefix bound to some other namespace does not count.
    const foreign = manifest12(ONE_SCO.replace('adlcp:scormtype="sco"', 'y:scormtype="asset" xmlns:y="urn:other"'));
    expect(parseScormManifest(foreign).manifest.scos[0]?.scormType).toBe("sco");
  });
});
