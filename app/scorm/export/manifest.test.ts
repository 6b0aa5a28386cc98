import { DOMParser } from "@xmldom/xmldom";
import type { Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";

import { buildManifest, isPackagePath, NS, SCHEMA_LOCATIONS } from "./manifest";
import type { ManifestInput } from "./manifest";

const FILES = ["index.html", "assets/app.css", "assets/package.css", "assets/package-data.js", "assets/runtime.js"];

function input(overrides: Partial<ManifestInput> = {}): ManifestInput {
  return {
    version: "1.2",
    identifier: "stigmavrij-politie-scorm12-nl",
    contentVersion: "a715deed5cc6",
    language: "nl",
    title: "Politie",
    description: "Sekswerkers en de politie.",
    keywords: ["Stigmavrij"],
    minutes: 25,
    passMark: 70,
    launch: "index.html",
    files: FILES,
    ...overrides,
  };
}

function parse(xml: string) {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const root = doc.documentElement;
  if (!root) throw new Error("no root");
  return { doc, root };
}

function all(root: Element, namespace: string, name: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(namespace, name));
}

function only(root: Element, namespace: string, name: string): Element {
  const found = all(root, namespace, name);
  expect(found, `${name} once`).toHaveLength(1);
  return found[0]!;
}

/** Every attribute an IMS CP schema declares as xs:ID. */
function identifiers(root: Element): string[] {
  const elements = [root, ...Array.from(root.getElementsByTagName("*"))];
  return elements.flatMap((element) => {
    const value = element.getAttribute("identifier");
    return value === null ? [] : [value];
  });
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Checks shared by both versions: schemaLocation, ids, references, files. */
function expectWellFormedPackage(xml: string, version: "1.2" | "2004", cpNamespace: string) {
  const { root } = parse(xml);
  expect(root.namespaceURI).toBe(cpNamespace);
  expect(root.localName).toBe("manifest");

  const locations = (root.getAttributeNS(NS.xsi, "schemaLocation") ?? "").trim().split(/\s+/);
  expect(locations.length % 2).toBe(0);
  const pairs = [];
  for (let i = 0; i < locations.length; i += 2) pairs.push([locations[i], locations[i + 1]]);
  expect(pairs).toEqual(SCHEMA_LOCATIONS[version]);
  // Every namespace used in the document has a schema location.
  const used = new Set([root, ...Array.from(root.getElementsByTagName("*"))].map((element) => element.namespaceURI));
  for (const namespace of used) expect(pairs.map(([namespace]) => namespace)).toContain(namespace);

  const ids = identifiers(root);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(NCNAME);

  const organizations = only(root, cpNamespace, "organizations");
  const organization = only(root, cpNamespace, "organization");
  expect(organizations.getAttribute("default")).toBe(organization.getAttribute("identifier"));
  const item = only(root, cpNamespace, "item");
  const resource = only(root, cpNamespace, "resource");
  expect(item.getAttribute("identifierref")).toBe(resource.getAttribute("identifier"));
  expect(resource.getAttribute("type")).toBe("webcontent");
  expect(resource.getAttribute("href")).toBe("index.html");

  const hrefs = all(root, cpNamespace, "file").map((file) => file.getAttribute("href") ?? "");
  expect([...hrefs].sort()).toEqual([...FILES].sort());
  expect(hrefs[0]).toBe("index.html");
  for (const href of hrefs) expect(isPackagePath(href)).toBe(true);
  return { root, item, resource };
}

describe("SCORM 1.2 manifest", () => {
  it("declares IMS CP 1.1.2 with ADL CP 1.2, schema version 1.2 and one SCO", () => {
    const xml = buildManifest(input());
    const { root, item, resource } = expectWellFormedPackage(xml, "1.2", NS.cp12);
    expect(only(root, NS.cp12, "schema").textContent).toBe("ADL SCORM");
    expect(only(root, NS.cp12, "schemaversion").textContent).toBe("1.2");
    expect(resource.getAttributeNS(NS.adlcp12, "scormtype")).toBe("sco");
    expect(only(item, NS.adlcp12, "masteryscore").textContent).toBe("70");
    expect(only(root, NS.cp12, "organization").getElementsByTagNameNS(NS.cp12, "title")[0]?.textContent).toBe(
      "Politie",
    );
  });

  it("carries the title and description in the package language as LOM metadata", () => {
    const { root } = parse(
      buildManifest(input({ language: "en", title: "Police", description: "Sex workers and the police." })),
    );
    const general = only(root, NS.imsmd12, "general");
    const strings = all(general, NS.imsmd12, "langstring");
    expect(strings.map((element) => element.textContent)).toEqual([
      "Police",
      "Sex workers and the police.",
      "Stigmavrij",
    ]);
    for (const element of strings) expect(element.getAttributeNS(NS.xml, "lang")).toBe("en");
    expect(only(general, NS.imsmd12, "language").textContent).toBe("en");
  });

  it("has no mastery score for a module without an assessment", () => {
    const { root } = parse(buildManifest(input({ passMark: null })));
    expect(all(root, NS.adlcp12, "masteryscore")).toHaveLength(0);
  });
});

describe("SCORM 2004 4th edition manifest", () => {
  it("declares the 2004 4th edition namespaces, schema version and one SCO", () => {
    const xml = buildManifest(input({ version: "2004", identifier: "stigmavrij-politie-scorm2004-nl" }));
    const { root, resource } = expectWellFormedPackage(xml, "2004", NS.cp2004);
    expect(only(root, NS.cp2004, "schema").textContent).toBe("ADL SCORM");
    expect(only(root, NS.cp2004, "schemaversion").textContent).toBe("2004 4th Edition");
    expect(resource.getAttributeNS(NS.adlcp2004, "scormType")).toBe("sco");
    const title = only(root, NS.lom, "title");
    expect(only(title, NS.lom, "string").getAttribute("language")).toBe("nl");
    expect(only(root, NS.lom, "duration").textContent).toBe("PT25M");
  });

  it("makes the pass mark the primary objective's minimum normalized measure", () => {
    const { item } = expectWellFormedPackage(
      buildManifest(input({ version: "2004", passMark: 70 })),
      "2004",
      NS.cp2004,
    );
    const sequencing = Array.from(item.childNodes).filter((node): node is Element => node.nodeType === 1);
    expect(sequencing.map((element) => element.localName)).toEqual(["title", "sequencing"]);
    const primary = only(item, NS.imsss, "primaryObjective");
    expect(primary.getAttribute("satisfiedByMeasure")).toBe("true");
    expect(primary.getAttribute("objectiveID")).toMatch(NCNAME);
    expect(only(primary, NS.imsss, "minNormalizedMeasure").textContent).toBe("0.7");
    const children = Array.from(sequencing[1]!.childNodes).filter((node): node is Element => node.nodeType === 1);
    // The imsss schema orders objectives before deliveryControls.
    expect(children.map((element) => element.localName)).toEqual(["objectives", "deliveryControls"]);
    const controls = only(item, NS.imsss, "deliveryControls");
    expect(controls.getAttribute("completionSetByContent")).toBe("true");
    expect(controls.getAttribute("objectiveSetByContent")).toBe("true");
  });

  it("has no objective measure for a module without an assessment", () => {
    const { root } = parse(buildManifest(input({ version: "2004", passMark: null })));
    expect(all(root, NS.imsss, "primaryObjective")).toHaveLength(0);
    expect(all(root, NS.imsss, "deliveryControls")).toHaveLength(1);
  });
});

describe("manifest safety", () => {
  it("keeps course text as text, whatever characters it holds", () => {
    const title = `Politie & "zorg" <script>alert(1)</script> ]]> '`;
    for (const version of ["1.2", "2004"] as const) {
      const { root } = parse(buildManifest(input({ version, title, description: "<b>nee</b>" })));
      const cp = version === "1.2" ? NS.cp12 : NS.cp2004;
      expect(only(root, cp, "organization").getElementsByTagNameNS(cp, "title")[0]?.textContent).toBe(title);
      expect(root.getElementsByTagName("script")).toHaveLength(0);
      expect(root.getElementsByTagName("b")).toHaveLength(0);
    }
  });

  it("refuses an identifier that is not an xs:ID and paths outside the package", () => {
    expect(() => buildManifest(input({ identifier: "01-politie" }))).toThrow(/xs:ID/);
    expect(() => buildManifest(input({ identifier: "a b" }))).toThrow(/xs:ID/);
    for (const file of ["/etc/passwd", "../x.html", "a/../../x", "https://example.org/x.js", "a\\b", "a//b"]) {
      expect(() => buildManifest(input({ files: [...FILES, file] })), file).toThrow(/relative package path/);
    }
  });
});
