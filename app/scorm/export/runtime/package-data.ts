import type { AssessmentSettings, Question } from "~/content/questions";
import type { Locale } from "~/domain/constants";
import type { RuntimeTexts } from "~/scorm/export/texts";

/**
 * What an exported package tells its runtime: written by the exporter into
 * `assets/package-data.js` (kept out of the lesson markup, because it holds the answer keys) and
 * read by the runtime from a global of the same name.
 */

export const SCORM_VERSIONS = ["1.2", "2004"] as const;
export type ScormVersion = (typeof SCORM_VERSIONS)[number];

export function isScormVersion(value: unknown): value is ScormVersion {
  return typeof value === "string" && (SCORM_VERSIONS as readonly string[]).includes(value);
}

/** The global `assets/package-data.js` assigns. */
export const PACKAGE_DATA_GLOBAL = "stigmavrijScormPackage";

export type PageKind = "intro" | "lesson" | "assessment";

export interface PackagePage {
  /** Element id of the page's section, also stored as the SCORM location. */
  id: string;
  kind: PageKind;
  title: string;
}

export interface PackageData {
  version: ScormVersion;
  locale: Locale;
  /** Short hash of the module's content: progress saved by another version of the package is not reused. */
  contentKey: string;
  moduleTitle: string;
  /** In reading order: introduction, lessons, then the assessment when there is one. */
  pages: PackagePage[];
  /** Knowledge checks with texts in the package language only. */
  checks: Question[];
  assessment: (AssessmentSettings & { questions: Question[] }) | null;
  texts: RuntimeTexts;
}

export const INTRO_PAGE_ID = "module-intro";
export const ASSESSMENT_PAGE_ID = "assessment";

export function lessonPageId(lessonSlug: string): string {
  return `lesson-${lessonSlug}`;
}
