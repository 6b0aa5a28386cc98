import { DOMImplementation, XMLSerializer } from "@xmldom/xmldom";
import type { Document, Element } from "@xmldom/xmldom";

import type { ScormVersion } from "./runtime/package-data";

/**
 * imsmanifest.xml for an exported module: one organization with one item and one SCO resource.
 * Built as a DOM and serialized, so course text can never break out of an element or attribute.
 *
 * SCORM 1.2: IMS Content Packaging 1.1.2 with the ADL CP extension (adlcp_rootv1p2), LOM metadata
 * in the IMS Metadata 1.2.1 binding. SCORM 2004 4th edition: IMS CP 1.1.4 (imscp_v1p1) with ADL CP,
 * sequencing (imsss), ADL sequencing and navigation extensions, and IEEE LOM metadata.
 */

export const NS = {
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xml: "http://www.w3.org/XML/1998/namespace",
  cp12: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
  adlcp12: "http://www.adlnet.org/xsd/adlcp_rootv1p2",
  imsmd12: "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
  cp2004: "http://www.imsglobal.org/xsd/imscp_v1p1",
  adlcp2004: "http://www.adlnet.org/xsd/adlcp_v1p3",
  adlseq: "http://www.adlnet.org/xsd/adlseq_v1p3",
  adlnav: "http://www.adlnet.org/xsd/adlnav_v1p3",
  imsss: "http://www.imsglobal.org/xsd/imsss",
  lom: "http://ltsc.ieee.org/xsd/LOM",
} as const;

/** Namespace → schema document, in xsi:schemaLocation pairs (the XSD names ADL's packages use). */
export const SCHEMA_LOCATIONS: Record<ScormVersion, Array<[string, string]>> = {
  "1.2": [
    [NS.cp12, "imscp_rootv1p1p2.xsd"],
    [NS.imsmd12, "imsmd_rootv1p2p1.xsd"],
    [NS.adlcp12, "adlcp_rootv1p2.xsd"],
  ],
  "2004": [
    [NS.cp2004, "imscp_v1p1.xsd"],
    [NS.adlcp2004, "adlcp_v1p3.xsd"],
    [NS.adlseq, "adlseq_v1p3.xsd"],
    [NS.adlnav, "adlnav_v1p3.xsd"],
    [NS.imsss, "imsss_v1p0.xsd"],
    [NS.lom, "lom.xsd"],
  ],
};

export interface ManifestInput {
  version: ScormVersion;
  /** Becomes the manifest identifier; ids of the organization, item and resource derive from it. */
  identifier: string;
  /** Content version (e.g. a short content hash), in the manifest's version attribute. */
  contentVersion: string;
  /** Language of the package (BCP 47 code, e.g. "nl"). */
  language: string;
  title: string;
  description: string;
  keywords: string[];
  /** Typical learning time in minutes. */
  minutes: number;
  /** Pass mark as a percentage, or null when the module has no assessment. */
  passMark: number | null;
  /** The SCO's launch file, relative to the package root. */
  launch: string;
  /** Every file of the package except imsmanifest.xml, relative to the package root. */
  files: string[];
}

/** XML Schema NCName, the lexical space of xs:ID. */
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function buildManifest(input: ManifestInput): string {
  if (!NCNAME.test(input.identifier)) throw new Error(`Not a valid xs:ID for a manifest: ${input.identifier}`);
  for (const file of [input.launch, ...input.files]) {
    if (!isPackagePath(file)) throw new Error(`Not a relative package path: ${file}`);
  }
  return input.version === "1.2" ? manifest12(input) : manifest2004(input);
}

/** A relative, forward-slash path inside the package that cannot climb out of it. */
export function isPackagePath(file: string): boolean {
  return (
    file !== "" &&
    !file.startsWith("/") &&
    !file.includes("\\") &&
    !/^[a-z][a-z0-9+.-]*:/i.test(file) &&
    file.split("/").every((part) => part !== "" && part !== "." && part !== "..")
  );
}

function ids(identifier: string) {
  return {
    organization: `${identifier}-org`,
    item: `${identifier}-item`,
    resource: `${identifier}-sco`,
    objective: `${identifier}-passed`,
  };
}

/** Creates elements in one namespace and appends them, so building reads like the XML. */
function builder(doc: Document) {
  return (
    parent: Element,
    namespace: string,
    name: string,
    attributes: Record<string, string> = {},
    text?: string,
  ): Element => {
    const element = doc.createElementNS(namespace, name);
    for (const [attribute, value] of Object.entries(attributes)) element.setAttribute(attribute, value);
    if (text !== undefined) element.appendChild(doc.createTextNode(text));
    parent.appendChild(element);
    return element;
  };
}

function createRoot(
  version: ScormVersion,
  rootNamespace: string,
  prefixes: Record<string, string>,
  input: ManifestInput,
) {
  const doc = new DOMImplementation().createDocument(rootNamespace, "manifest", null);
  const root = doc.documentElement;
  if (!root) throw new Error("Could not create the manifest element");
  root.setAttribute("identifier", input.identifier);
  root.setAttribute("version", input.contentVersion);
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", `xmlns:${prefix}`, namespace);
  }
  root.setAttributeNS(
    NS.xsi,
    "xsi:schemaLocation",
    SCHEMA_LOCATIONS[version].map(([namespace, location]) => `${namespace} ${location}`).join(" "),
  );
  return { doc, root };
}

function serialize(doc: Document): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}\n`;
}

function manifest12(input: ManifestInput): string {
  const { doc, root } = createRoot("1.2", NS.cp12, { adlcp: NS.adlcp12, imsmd: NS.imsmd12, xsi: NS.xsi }, input);
  const add = builder(doc);

  const metadata = add(root, NS.cp12, "metadata");
  add(metadata, NS.cp12, "schema", {}, "ADL SCORM");
  add(metadata, NS.cp12, "schemaversion", {}, "1.2");
  const lom = add(metadata, NS.imsmd12, "imsmd:lom");
  const general = add(lom, NS.imsmd12, "imsmd:general");
  const langString = (parent: Element, text: string) => {
    const element = add(parent, NS.imsmd12, "imsmd:langstring", {}, text);
    element.setAttributeNS(NS.xml, "xml:lang", input.language);
  };
  langString(add(general, NS.imsmd12, "imsmd:title"), input.title);
  add(general, NS.imsmd12, "imsmd:language", {}, input.language);
  langString(add(general, NS.imsmd12, "imsmd:description"), input.description);
  for (const keyword of input.keywords) langString(add(general, NS.imsmd12, "imsmd:keyword"), keyword);
  const technical = add(lom, NS.imsmd12, "imsmd:technical");
  add(technical, NS.imsmd12, "imsmd:format", {}, "text/html");

  const { item } = addOrganization(add, root, NS.cp12, input);
  if (input.passMark !== null) add(item, NS.adlcp12, "adlcp:masteryscore", {}, String(input.passMark));
  addResource(add, root, NS.cp12, input).setAttributeNS(NS.adlcp12, "adlcp:scormtype", "sco");
  return serialize(doc);
}

function manifest2004(input: ManifestInput): string {
  const { doc, root } = createRoot(
    "2004",
    NS.cp2004,
    { adlcp: NS.adlcp2004, adlseq: NS.adlseq, adlnav: NS.adlnav, imsss: NS.imsss, lom: NS.lom, xsi: NS.xsi },
    input,
  );
  const add = builder(doc);
  const id = ids(input.identifier);

  const metadata = add(root, NS.cp2004, "metadata");
  add(metadata, NS.cp2004, "schema", {}, "ADL SCORM");
  add(metadata, NS.cp2004, "schemaversion", {}, "2004 4th Edition");
  const lom = add(metadata, NS.lom, "lom:lom");
  const general = add(lom, NS.lom, "lom:general");
  const langString = (parent: Element, text: string) =>
    add(parent, NS.lom, "lom:string", { language: input.language }, text);
  langString(add(general, NS.lom, "lom:title"), input.title);
  add(general, NS.lom, "lom:language", {}, input.language);
  langString(add(general, NS.lom, "lom:description"), input.description);
  for (const keyword of input.keywords) langString(add(general, NS.lom, "lom:keyword"), keyword);
  const technical = add(lom, NS.lom, "lom:technical");
  add(technical, NS.lom, "lom:format", {}, "text/html");
  const educational = add(lom, NS.lom, "lom:educational");
  const learningTime = add(educational, NS.lom, "lom:typicalLearningTime");
  add(learningTime, NS.lom, "lom:duration", {}, `PT${input.minutes}M`);

  const { organization, item } = addOrganization(add, root, NS.cp2004, input);
  // Children of imsss:sequencing follow the schema's order: objectives before deliveryControls.
  const itemSequencing = add(item, NS.imsss, "imsss:sequencing");
  if (input.passMark !== null) {
    const objectives = add(itemSequencing, NS.imsss, "imsss:objectives");
    const primary = add(objectives, NS.imsss, "imsss:primaryObjective", {
      objectiveID: id.objective,
      satisfiedByMeasure: "true",
    });
    add(primary, NS.imsss, "imsss:minNormalizedMeasure", {}, String(input.passMark / 100));
  }
  add(itemSequencing, NS.imsss, "imsss:deliveryControls", {
    tracked: "true",
    completionSetByContent: "true",
    objectiveSetByContent: "true",
  });
  const organizationSequencing = add(organization, NS.imsss, "imsss:sequencing");
  add(organizationSequencing, NS.imsss, "imsss:controlMode", { choice: "true", flow: "true" });

  addResource(add, root, NS.cp2004, input).setAttributeNS(NS.adlcp2004, "adlcp:scormType", "sco");
  return serialize(doc);
}

type Add = ReturnType<typeof builder>;

/** The default organization with its one item, titled after the module. */
function addOrganization(add: Add, root: Element, cp: string, input: ManifestInput) {
  const id = ids(input.identifier);
  const organizations = add(root, cp, "organizations", { default: id.organization });
  const organization = add(organizations, cp, "organization", { identifier: id.organization });
  add(organization, cp, "title", {}, input.title);
  const item = add(organization, cp, "item", { identifier: id.item, identifierref: id.resource, isvisible: "true" });
  add(item, cp, "title", {}, input.title);
  return { organization, item };
}

/** The SCO resource listing every file of the package. */
function addResource(add: Add, root: Element, cp: string, input: ManifestInput): Element {
  const resources = add(root, cp, "resources");
  const resource = add(resources, cp, "resource", {
    identifier: ids(input.identifier).resource,
    type: "webcontent",
    href: input.launch,
  });
  for (const file of fileList(input)) add(resource, cp, "file", { href: file });
  return resource;
}

/** The launch file first, then the rest in a stable order, each once. */
function fileList(input: ManifestInput): string[] {
  return [input.launch, ...[...new Set(input.files)].filter((file) => file !== input.launch).sort()];
}
