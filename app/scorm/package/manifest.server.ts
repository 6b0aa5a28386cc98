import type { Document, Element } from "@xmldom/xmldom";

import { parsePrerequisites } from "~/scorm/prerequisites";
import { readSequencingDefinition } from "~/scorm/sequencing/extract.server";

import { ScormPackageError, scormWarning, type ScormWarning } from "./errors";
import { applyLaunchParameters, resolvePackageReference } from "./launch-url";
import type {
  ParsedManifest,
  ScormItem,
  ScormOrganization,
  ScormResource,
  ScormRuntimeSettings,
  ScormSco,
  ScormType,
  ScormVersion,
} from "./manifest-types";
import { ADLCP_NAMESPACES, FOREIGN_PACKAGE_NAMESPACES, NS } from "./namespaces";
import {
  decodeXml,
  refuseEntityDeclarations,
  parseXml,
  elementChildren,
  matches,
  text,
  attribute,
  attributeNS,
  xmlBase,
  parseDecimal,
  parseBoolean,
  usedNamespaces,
} from "./xml.server";

export type * from "./manifest-types";

export const MANIFEST_FILE_NAME = "imsmanifest.xml";
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;

const TIME_LIMIT_ACTIONS = ["exit,message", "exit,no message", "continue,message", "continue,no message"];
const CMI_TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const ISO_DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const PREFERRED_LANGUAGES = ["nl", "en"];

/**
 * Parses imsmanifest.xml. DTDs are never fetched and entities never expanded: a manifest that
 * declares entities is refused before parsing, and references to undeclared ones are XML errors.
 * Throws {@link ScormPackageError} with a message key for anything that makes the package
 * unplayable; smaller problems come back as warnings.
 */
export function parseScormManifest(source: string | Buffer): ParsedManifest {
  if (typeof source !== "string" && source.length > MAX_MANIFEST_BYTES) {
    throw new ScormPackageError("manifestTooLarge", { limit: MAX_MANIFEST_BYTES / (1024 * 1024) });
  }
  const text = typeof source === "string" ? source.replace(/^\uFEFF/, "") : decodeXml(source);
  refuseEntityDeclarations(text);
  const document = parseXml(text);
  return new ManifestReader(document).read();
}

class ManifestReader {
  private readonly root: Element;
  private readonly cp: (string | null)[];
  private readonly warnings: ScormWarning[] = [];
  private readonly sequencingCollection = new Map<string, Element>();
  private resources = new Map<string, ScormResource>();
  /** Titles from the resources' own metadata, for packages without organizations. */
  private readonly resourceTitles = new Map<string, string>();
  private subManifestIds = new Set<string>();

  constructor(document: Document) {
    const root = document.documentElement;
    if (!root) throw new ScormPackageError("invalidXmlNoLine", { reason: "no root element" });
    if ((root.localName ?? root.nodeName) !== "manifest") {
      throw new ScormPackageError("notManifest", { element: root.nodeName });
    }
    this.root = root;
    // Content packaging elements are in the root's namespace, whichever CP version that is.
    this.cp = [root.namespaceURI ?? null];
  }

  read(): ParsedManifest {
    const version = this.detectVersion();
    for (const child of this.children(this.root, "manifest")) {
      const id = attribute(child, "identifier") ?? "";
      this.subManifestIds.add(id);
      this.warnings.push(scormWarning("subManifestIgnored", { manifest: id }));
    }
    for (const collection of this.childrenIn(this.root, [NS.imsss], "sequencingCollection")) {
      for (const sequencing of this.childrenIn(collection, [NS.imsss], "sequencing")) {
        const id = attribute(sequencing, "ID");
        if (id) this.sequencingCollection.set(id, sequencing);
      }
    }
    this.resources = this.readResources();

    const organizationsElement = this.children(this.root, "organizations")[0];
    const organizationElements = organizationsElement ? this.children(organizationsElement, "organization") : [];
    const organizations = organizationElements.map((element) => this.readOrganization(element));
    const defaultElement = this.pickDefaultOrganization(organizationsElement, organizationElements);
    const defaultOrganization = defaultElement
      ? (organizations[organizationElements.indexOf(defaultElement)] ?? null)
      : null;

    const scos =
      defaultElement && defaultOrganization
        ? this.launchableItems(defaultElement, defaultOrganization.identifier, [])
        : this.resourcesAsScos();
    if (scos.length === 0) throw new ScormPackageError("noLaunchableItems");

    const metadata = this.readMetadata();
    const identifier = attribute(this.root, "identifier")?.trim() || defaultOrganization?.identifier || "manifest";
    return {
      manifest: {
        version,
        identifier,
        title: defaultOrganization?.title || metadata.title || identifier,
        description: metadata.description,
        organizations,
        defaultOrganizationId: defaultOrganization?.identifier ?? null,
        scos,
        resources: [...this.resources.values()],
        sequencing:
          version !== "1.2" && defaultElement
            ? readSequencingDefinition(this.root, defaultElement, this.cp, version === "2004-4th")
            : null,
      },
      warnings: this.warnings,
    };
  }

  private children(parent: Element, localName: string) {
    return elementChildren(parent).filter((child) => matches(child, this.cp, localName));
  }

  private childrenIn(parent: Element, namespaces: readonly (string | null)[], localName: string, ignoreCase = false) {
    return elementChildren(parent).filter((child) => matches(child, namespaces, localName, ignoreCase));
  }

  private detectVersion(): ScormVersion {
    const metadata = this.children(this.root, "metadata")[0];
    const schema = metadata ? text(this.children(metadata, "schema")[0]) : null;
    const schemaVersion = metadata ? text(this.children(metadata, "schemaversion")[0]) : null;
    const namespaces = usedNamespaces(this.root);

    // Other IMS formats use schema/schemaversion too ("IMS Common Cartridge" "1.1.0").
    const isScormSchema = schema === null || /scorm/i.test(schema);
    const fromSchemaVersion = schemaVersion && isScormSchema ? versionFromSchemaVersion(schemaVersion) : null;
    if (fromSchemaVersion === "unsupported") {
      throw new ScormPackageError("unsupportedVersion", { version: `${schema ?? "SCORM"} ${schemaVersion}` });
    }
    if (fromSchemaVersion) return fromSchemaVersion;

    for (const { prefix, format } of FOREIGN_PACKAGE_NAMESPACES) {
      if ([...namespaces].some((namespace) => namespace.startsWith(prefix))) {
        throw new ScormPackageError("unsupportedFormat", { format });
      }
    }
    if (!isScormSchema && schema) throw new ScormPackageError("unsupportedFormat", { format: schema });

    const uses2004 = [NS.adlcp2004, NS.imsss, NS.adlseq, NS.adlnav].some((namespace) => namespaces.has(namespace));
    const uses12 = namespaces.has(NS.adlcp12);
    let assumed: ScormVersion | null = null;
    if (uses2004) assumed = this.usesFourthEditionFeatures() ? "2004-4th" : "2004-3rd";
    else if (uses12) assumed = "1.2";

    if (!assumed) {
      if (schemaVersion)
        throw new ScormPackageError("unsupportedVersion", { version: `${schema ?? "SCORM"} ${schemaVersion}` });
      throw new ScormPackageError("notScorm");
    }
    this.warnings.push(scormWarning("versionAssumed", { version: describeVersion(assumed) }));
    return assumed;
  }

  /** Attributes on adlcp:completionThreshold only exist from the 4th edition on. */
  private usesFourthEditionFeatures() {
    const thresholds = this.root.getElementsByTagNameNS(NS.adlcp2004, "completionThreshold");
    for (let index = 0; index < thresholds.length; index++) {
      const threshold = thresholds.item(index);
      if (threshold && (threshold.hasAttribute("minProgressMeasure") || threshold.hasAttribute("completedByMeasure")))
        return true;
    }
    return false;
  }

  private pickDefaultOrganization(organizations: Element | undefined, elements: Element[]) {
    const first = elements[0];
    if (!organizations || !first) {
      this.warnings.push(scormWarning("noOrganizations"));
      return null;
    }
    const wanted = attribute(organizations, "default")?.trim();
    const match = wanted ? elements.find((element) => attribute(element, "identifier") === wanted) : undefined;
    if (match) return match;
    if (wanted || elements.length > 1) {
      this.warnings.push(
        scormWarning("defaultOrganizationMissing", {
          organization: wanted ?? "",
          used: attribute(first, "identifier") ?? "",
        }),
      );
    }
    return first;
  }

  private readOrganization(element: Element): ScormOrganization {
    const identifier = attribute(element, "identifier") ?? "";
    return {
      identifier,
      title: text(this.children(element, "title")[0]) ?? identifier,
      items: this.children(element, "item").map((item) => this.readItem(item)),
    };
  }

  private readItem(element: Element): ScormItem {
    return {
      ...this.itemBasics(element),
      children: this.children(element, "item").map((child) => this.readItem(child)),
    };
  }

  private itemBasics(element: Element): Omit<ScormItem, "children"> {
    const identifier = attribute(element, "identifier") ?? "";
    return {
      identifier,
      title: text(this.children(element, "title")[0]) ?? identifier,
      visible: parseBoolean(attribute(element, "isvisible"), true),
      resourceId: attribute(element, "identifierref")?.trim() || null,
      parameters: attribute(element, "parameters"),
    };
  }

  private launchableItems(parent: Element, organizationId: string, parentItemIds: string[]): ScormSco[] {
    const result: ScormSco[] = [];
    for (const element of this.children(parent, "item")) {
      const item = this.itemBasics(element);
      const sco = this.launchableItem(element, item, organizationId, parentItemIds);
      if (sco) result.push(sco);
      result.push(...this.launchableItems(element, organizationId, [...parentItemIds, item.identifier]));
    }
    return result;
  }

  private launchableItem(
    element: Element,
    item: Omit<ScormItem, "children">,
    organizationId: string,
    parentItemIds: string[],
  ): ScormSco | null {
    if (!item.resourceId) return null;
    if (this.subManifestIds.has(item.resourceId)) {
      this.warnings.push(scormWarning("subManifestItemSkipped", { item: item.title }));
      return null;
    }
    const resource = this.resources.get(item.resourceId);
    if (!resource) throw new ScormPackageError("resourceMissing", { item: item.title, resource: item.resourceId });
    if (!resource.location)
      throw new ScormPackageError("resourceNoHref", { item: item.title, resource: resource.identifier });
    const launch = applyLaunchParameters(resource.location, item.parameters);
    if (launch.kind === "outside")
      throw new ScormPackageError("launchOutside", { item: item.title, file: launch.reference });
    if (launch.kind === "external") {
      if (resource.scormType === "sco")
        throw new ScormPackageError("launchExternal", { item: item.title, file: launch.url });
      this.warnings.push(scormWarning("externalAsset", { item: item.title, file: launch.url }));
    }
    return {
      itemId: item.identifier,
      organizationId,
      parentItemIds,
      title: item.title,
      visible: item.visible,
      resourceId: resource.identifier,
      scormType: resource.scormType,
      parameters: item.parameters,
      launch,
      runtime: this.readRuntimeSettings(element, item.title),
    };
  }

  /** A manifest without organizations is a bare resource package: its SCOs are launched in order. */
  private resourcesAsScos(): ScormSco[] {
    const result: ScormSco[] = [];
    const launchable = [...this.resources.values()].filter(
      (resource) => resource.scormType === "sco" && resource.location?.kind === "package",
    );
    // Identifiers are machine names ("RES-1F3A…"): the learner sees the resource's own title, the
    // package title when it is the only SCO, or else the launch file's name.
    const packageTitle = launchable.length === 1 ? this.readMetadata().title : null;
    for (const resource of launchable) {
      const location = resource.location;
      if (!location || location.kind !== "package") continue;
      result.push({
        itemId: resource.identifier,
        organizationId: "",
        parentItemIds: [],
        title: this.resourceTitles.get(resource.identifier) ?? packageTitle ?? titleFromPath(location.path),
        visible: true,
        resourceId: resource.identifier,
        scormType: "sco",
        parameters: null,
        launch: location,
        runtime: emptyRuntimeSettings(),
      });
    }
    return result;
  }

  private readResources() {
    const resources = new Map<string, ScormResource>();
    const container = this.children(this.root, "resources")[0];
    if (!container) return resources;
    const outerBases = [xmlBase(this.root), xmlBase(container)];
    for (const element of this.children(container, "resource")) {
      const identifier = attribute(element, "identifier")?.trim() ?? "";
      const bases = [...outerBases, xmlBase(element)].filter((base) => base !== "");
      const href = attribute(element, "href")?.trim() || null;
      const declaredType = attributeNS(element, ADLCP_NAMESPACES, "scormType", "scormtype")?.trim().toLowerCase();
      let scormType: ScormType = "sco";
      if (declaredType === "asset") scormType = "asset";
      else if (declaredType !== "sco" && href)
        this.warnings.push(scormWarning("scormTypeMissing", { resource: identifier }));
      const ownTitle = this.readMetadata(element).title;
      if (ownTitle) this.resourceTitles.set(identifier, ownTitle);
      const files: string[] = [];
      for (const file of this.children(element, "file")) {
        const fileHref = attribute(file, "href");
        if (!fileHref) continue;
        const location = resolvePackageReference(bases, fileHref);
        if (location.kind === "package" && !files.includes(location.path)) files.push(location.path);
      }
      resources.set(identifier, {
        identifier,
        type: attribute(element, "type"),
        scormType,
        href,
        bases,
        location: href ? resolvePackageReference(bases, href) : null,
        files,
        dependencies: this.children(element, "dependency")
          .map((dependency) => attribute(dependency, "identifierref")?.trim() ?? "")
          .filter((id) => id !== ""),
      });
    }
    return resources;
  }

  private readRuntimeSettings(item: Element, itemTitle: string): ScormRuntimeSettings {
    const settings = emptyRuntimeSettings();
    const adlcp = (name: string) => text(this.childrenIn(item, ADLCP_NAMESPACES, name, true)[0]);
    const invalid = (element: string, value: string) =>
      this.warnings.push(scormWarning("invalidValue", { element, item: itemTitle, value }));

    const masteryScore = adlcp("masteryscore");
    if (masteryScore !== null) {
      const value = parseDecimal(masteryScore);
      if (value !== null && value >= 0 && value <= 100) settings.masteryScore = value;
      else invalid("adlcp:masteryscore", masteryScore);
    }
    settings.dataFromLms = adlcp("dataFromLMS");
    settings.prerequisites = adlcp("prerequisites");
    // The player ignores an expression it cannot read (the part stays open); the admin is told.
    if (settings.prerequisites !== null && parsePrerequisites(settings.prerequisites) === null)
      invalid("adlcp:prerequisites", settings.prerequisites);

    const maxTime = adlcp("maxtimeallowed");
    if (maxTime !== null) {
      if (CMI_TIMESPAN.test(maxTime)) settings.maxTimeAllowed = maxTime;
      else invalid("adlcp:maxtimeallowed", maxTime);
    }
    const timeLimitAction = adlcp("timeLimitAction");
    if (timeLimitAction !== null) {
      const normalised = timeLimitAction.toLowerCase().replace(/\s*,\s*/, ",");
      if (TIME_LIMIT_ACTIONS.includes(normalised)) settings.timeLimitAction = normalised;
      else invalid("adlcp:timeLimitAction", timeLimitAction);
    }

    const threshold = this.childrenIn(item, [NS.adlcp2004], "completionThreshold")[0];
    if (threshold) this.readCompletionThreshold(threshold, settings, invalid);

    this.readSequencing(item, settings, invalid);
    this.readSharedDataMaps(item, settings);

    for (const presentation of this.childrenIn(item, [NS.adlnav], "presentation")) {
      for (const navigation of this.childrenIn(presentation, [NS.adlnav], "navigationInterface")) {
        for (const hide of this.childrenIn(navigation, [NS.adlnav], "hideLMSUI")) {
          const value = text(hide);
          if (value && !settings.hideLmsUi.includes(value)) settings.hideLmsUi.push(value);
        }
      }
    }
    return settings;
  }

  /** CAM 4th edition 3.4.1.22: both attributes of adlcp:map default to true. */
  private readSharedDataMaps(item: Element, settings: ScormRuntimeSettings) {
    const maps = this.childrenIn(item, [NS.adlcp2004], "data").flatMap((data) =>
      this.childrenIn(data, [NS.adlcp2004], "map"),
    );
    const result = maps
      .map((map) => ({
        targetId: attribute(map, "targetID")?.trim() ?? "",
        readSharedData: parseBoolean(attribute(map, "readSharedData"), true),
        writeSharedData: parseBoolean(attribute(map, "writeSharedData"), true),
      }))
      .filter(
        (map, index, all) => map.targetId !== "" && all.findIndex((other) => other.targetId === map.targetId) === index,
      );
    if (result.length === 0) return;
    settings.sharedData = result;
    const organization = this.enclosingOrganization(item);
    settings.sharedDataGlobal = parseBoolean(
      organization ? attributeNS(organization, [NS.adlcp2004], "sharedDataGlobalToSystem") : null,
      true,
    );
  }

  private enclosingOrganization(item: Element): Element | null {
    for (let node = item.parentNode; node; node = node.parentNode) {
      if (node.nodeType === 1 && matches(node as Element, this.cp, "organization")) return node as Element;
    }
    return null;
  }

  private readCompletionThreshold(
    threshold: Element,
    settings: ScormRuntimeSettings,
    invalid: (element: string, value: string) => void,
  ) {
    const inRange = (value: number | null): value is number => value !== null && value >= 0 && value <= 1;
    const elementValue = text(threshold);
    if (elementValue !== null) {
      // 2nd and 3rd edition: the threshold is the element's text.
      const value = parseDecimal(elementValue);
      if (inRange(value)) {
        settings.completionThreshold = value;
        settings.completionThresholdDetails = {
          completedByMeasure: true,
          minProgressMeasure: value,
          progressWeight: 1,
        };
      } else invalid("adlcp:completionThreshold", elementValue);
      return;
    }
    // 4th edition: attributes. cmi.completion_threshold only applies when completedByMeasure.
    const rawMinimum = attribute(threshold, "minProgressMeasure");
    const rawWeight = attribute(threshold, "progressWeight");
    const minimum = rawMinimum === null ? 1 : parseDecimal(rawMinimum);
    const weight = rawWeight === null ? 1 : parseDecimal(rawWeight);
    if (!inRange(minimum)) return invalid("adlcp:minProgressMeasure", rawMinimum ?? "");
    if (!inRange(weight)) return invalid("adlcp:progressWeight", rawWeight ?? "");
    const completedByMeasure = parseBoolean(attribute(threshold, "completedByMeasure"), false);
    settings.completionThresholdDetails = { completedByMeasure, minProgressMeasure: minimum, progressWeight: weight };
    settings.completionThreshold = completedByMeasure ? minimum : null;
  }

  /**
   * Objectives and the attempt duration limit from imsss:sequencing. A sequencing element may
   * point to a shared one in imsss:sequencingCollection with IDRef; its own children win.
   */
  private readSequencing(
    item: Element,
    settings: ScormRuntimeSettings,
    invalid: (element: string, value: string) => void,
  ) {
    const local = this.childrenIn(item, [NS.imsss], "sequencing")[0];
    if (!local) return;
    const idRef = attribute(local, "IDRef");
    const shared = idRef ? this.sequencingCollection.get(idRef) : undefined;
    const pick = (localName: string) =>
      this.childrenIn(local, [NS.imsss], localName)[0] ??
      (shared ? this.childrenIn(shared, [NS.imsss], localName)[0] : undefined);

    const limits = pick("limitConditions");
    const duration = limits ? attribute(limits, "attemptAbsoluteDurationLimit")?.trim() : undefined;
    if (duration) {
      if (ISO_DURATION.test(duration)) settings.maxTimeAllowed = duration;
      else invalid("imsss:attemptAbsoluteDurationLimit", duration);
    }

    const objectives = pick("objectives");
    if (!objectives) return;
    for (const objective of elementChildren(objectives)) {
      const primary = matches(objective, [NS.imsss], "primaryObjective");
      if (!primary && !matches(objective, [NS.imsss], "objective")) continue;
      const id = attribute(objective, "objectiveID")?.trim() ?? "";
      const satisfiedByMeasure = parseBoolean(attribute(objective, "satisfiedByMeasure"), false);
      const rawMeasure = text(this.childrenIn(objective, [NS.imsss], "minNormalizedMeasure")[0]);
      let minNormalizedMeasure: number | null = rawMeasure === null ? null : parseDecimal(rawMeasure);
      if (
        rawMeasure !== null &&
        (minNormalizedMeasure === null || minNormalizedMeasure < -1 || minNormalizedMeasure > 1)
      ) {
        invalid("imsss:minNormalizedMeasure", rawMeasure);
        minNormalizedMeasure = null;
      }
      if (satisfiedByMeasure && minNormalizedMeasure === null) minNormalizedMeasure = 1;
      // The primary objective without an ID is still the SCO's own objective; it just is not
      // exposed in cmi.objectives.
      if (id !== "" || primary) settings.objectives.push({ id, primary, satisfiedByMeasure, minNormalizedMeasure });
      if (primary && satisfiedByMeasure) settings.scaledPassingScore = minNormalizedMeasure;
    }
  }

  private readMetadata(owner: Element = this.root) {
    const result = { title: null as string | null, description: null as string | null };
    const metadata = this.children(owner, "metadata")[0];
    if (!metadata) return result;
    const lom = this.childrenIn(metadata, [NS.lom, NS.imsmd12], "lom")[0];
    const general = lom ? this.childrenIn(lom, [NS.lom, NS.imsmd12], "general")[0] : undefined;
    if (!general) return result;
    const langString = (name: string) => {
      const container = this.childrenIn(general, [NS.lom, NS.imsmd12], name)[0];
      if (!container) return null;
      const strings = elementChildren(container).filter(
        (child) => matches(child, [NS.lom], "string") || matches(child, [NS.imsmd12], "langstring"),
      );
      const language = (element: Element) =>
        (element.getAttributeNS(NS.xml, "lang") || attribute(element, "language") || "").toLowerCase().slice(0, 2);
      for (const wanted of PREFERRED_LANGUAGES) {
        const match = strings.find((element) => language(element) === wanted && text(element));
        if (match) return text(match);
      }
      return strings.map((element) => text(element)).find((value) => value !== null) ?? null;
    };
    result.title = langString("title");
    result.description = langString("description");
    return result;
  }
}

/** "module_1/Intro-Video.html" → "Intro Video"; a generic file name ("index.html") → its folder's name. */
export function titleFromPath(filePath: string): string {
  const segments = filePath.split("/").filter(Boolean);
  const name = (segments.at(-1) ?? filePath).replace(/\.[^.]+$/, "");
  const generic = /^(index|default|launch|start|story|scormcontent|main)$/i.test(name) && segments.length > 1;
  const chosen = generic ? segments.at(-2)! : name;
  return chosen.replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim() || filePath;
}

function emptyRuntimeSettings(): ScormRuntimeSettings {
  return {
    masteryScore: null,
    scaledPassingScore: null,
    completionThreshold: null,
    completionThresholdDetails: null,
    dataFromLms: null,
    maxTimeAllowed: null,
    timeLimitAction: null,
    prerequisites: null,
    objectives: [],
    hideLmsUi: [],
  };
}

function versionFromSchemaVersion(value: string): ScormVersion | "unsupported" | null {
  const normalised = value
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^scorm /, "")
    .trim();
  if (/^1\.2(\.0)?$/.test(normalised)) return "1.2";
  if (/^cam 1\.3$|^1\.3$|^2004( 2nd edition)?$/.test(normalised)) return "2004-2nd";
  if (/^2004 3rd edition$/.test(normalised)) return "2004-3rd";
  if (/^2004 4th edition$/.test(normalised)) return "2004-4th";
  if (/^(1\.[01](\.\d+)?|1)$/.test(normalised)) return "unsupported";
  return null;
}

export function describeVersion(version: ScormVersion) {
  switch (version) {
    case "1.2":
      return "SCORM 1.2";
    case "2004-2nd":
      return "SCORM 2004 2nd Edition";
    case "2004-3rd":
      return "SCORM 2004 3rd Edition";
    case "2004-4th":
      return "SCORM 2004 4th Edition";
  }
}
