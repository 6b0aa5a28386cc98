// The shape of a parsed imsmanifest.xml: what import, launch and the player rely on.
import type { PackageLocation } from "./launch-url";
import type { ScormWarning } from "./errors";
import type { SequencingDefinition } from "~/scorm/sequencing/definition";

export type ScormVersion = "1.2" | "2004-2nd" | "2004-3rd" | "2004-4th";
export type ScormType = "sco" | "asset";

export interface ScormItem {
  identifier: string;
  title: string;
  /** isvisible="false": left out of the table of contents, still part of the course. */
  visible: boolean;
  /** The resource this item launches (identifierref), null for a folder-like item. */
  resourceId: string | null;
  parameters: string | null;
  children: ScormItem[];
}

export interface ScormOrganization {
  identifier: string;
  title: string;
  items: ScormItem[];
}

export interface ScormObjective {
  id: string;
  primary: boolean;
  satisfiedByMeasure: boolean;
  /** Only meaningful when satisfiedByMeasure; SCORM's default then is 1.0. */
  minNormalizedMeasure: number | null;
}

export interface ScormCompletionThreshold {
  completedByMeasure: boolean;
  minProgressMeasure: number;
  progressWeight: number;
}

/** What the manifest says the run-time should initialise for a SCO (cmi.* values). */
export interface ScormRuntimeSettings {
  /** SCORM 1.2 adlcp:masteryscore (0–100) → cmi.student_data.mastery_score. */
  masteryScore: number | null;
  /** SCORM 2004 primary objective minNormalizedMeasure when satisfiedByMeasure → cmi.scaled_passing_score. */
  scaledPassingScore: number | null;
  /** → cmi.completion_threshold (2004). */
  completionThreshold: number | null;
  completionThresholdDetails: ScormCompletionThreshold | null;
  /** adlcp:datafromlms / adlcp:dataFromLMS → cmi.launch_data. */
  dataFromLms: string | null;
  /** 1.2: CMITimespan from adlcp:maxtimeallowed; 2004: ISO 8601 duration from attemptAbsoluteDurationLimit. */
  maxTimeAllowed: string | null;
  /** "exit,message" | "exit,no message" | "continue,message" | "continue,no message". */
  timeLimitAction: string | null;
  /** SCORM 1.2 adlcp:prerequisites, unevaluated. */
  prerequisites: string | null;
  objectives: ScormObjective[];
  /** SCORM 2004 adlnav:hideLMSUI values, e.g. "continue", "previous". */
  hideLmsUi: string[];
  /** SCORM 2004 4th edition adlcp:data/adlcp:map: the shared data stores the SCO reads and writes. */
  sharedData?: ScormSharedDataMap[];
  /** adlcp:sharedDataGlobalToSystem of the organization (default true): stores are shared beyond this package. */
  sharedDataGlobal?: boolean;
}

export interface ScormSharedDataMap {
  targetId: string;
  readSharedData: boolean;
  writeSharedData: boolean;
}

export type ScormLaunch = Extract<PackageLocation, { kind: "package" } | { kind: "external" }>;

/** A launchable item of the default organization, in the order of the content tree. */
export interface ScormSco {
  itemId: string;
  organizationId: string;
  /** Identifiers of the enclosing items, outermost first. */
  parentItemIds: string[];
  title: string;
  visible: boolean;
  resourceId: string;
  scormType: ScormType;
  parameters: string | null;
  launch: ScormLaunch;
  runtime: ScormRuntimeSettings;
}

export interface ScormResource {
  identifier: string;
  type: string | null;
  scormType: ScormType;
  href: string | null;
  /** The xml:base values that apply, outermost first. */
  bases: string[];
  /** Where href points to, with the bases applied; null without href. */
  location: PackageLocation | null;
  /** Package paths of the <file> elements (files outside the package are left out). */
  files: string[];
  dependencies: string[];
}

export interface ScormManifest {
  version: ScormVersion;
  identifier: string;
  title: string;
  description: string | null;
  organizations: ScormOrganization[];
  /** The organization that is played; null when the manifest has none. */
  defaultOrganizationId: string | null;
  scos: ScormSco[];
  resources: ScormResource[];
  /** SCORM 2004: the default organization's activity tree with its sequencing data; null for 1.2. */
  sequencing: SequencingDefinition | null;
}

export interface ParsedManifest {
  manifest: ScormManifest;
  warnings: ScormWarning[];
}
