import { createHash } from "node:crypto";

import { DEFAULT_LOCALE } from "~/domain/constants";
import type { Locale } from "~/domain/constants";
import type { FrontMatterResult, ModuleFrontMatter, ModuleTranslationFrontMatter } from "./front-matter.server";
import type { PlacedCheck } from "./markdown.server";
import type { QuizFileResult } from "./quiz.server";
import type { ContentProblem, LineProblem, ParsedSurvey } from "./types";

/**
 * The working model of the content loader: one draft per module directory, filled in by reading
 * (read.server), checked (validate.server), rendered (render.server) and, when it has no
 * problems, assembled into a ParsedModule (assemble.server).
 */

/**
 * Part of every content hash: bump it when rendering changes (markdown options, link rewriting),
 * so the next sync re-renders modules whose files did not change.
 */
const RENDER_VERSION = "3";

export const MODULE_FILE = /^module(?:\.([a-z]{2}))?\.md$/;
export const QUIZ_FILE = "quiz.yaml";
export const SURVEY_FILE = "survey.yaml";

/** Translatable package keys of module.md (lists by length) that a translation must carry too. */
export const TRANSLATED_PACKAGE_KEYS = ["authors", "reviewers", "professions", "independence", "complaints"] as const;

export interface IntroSource {
  fileName: string;
  body: string;
  bodyStartLine: number;
  html?: string;
}

export interface LessonSource {
  fileName: string;
  title: string | null;
  body: string;
  bodyStartLine: number;
  minutes?: number;
  words: number;
  html?: string;
  /** Knowledge checks the lesson places, in order (known after rendering). */
  checks?: PlacedCheck[];
}

export interface LessonDraft {
  /** `NN.slug`, shared by the Dutch file and its translations. */
  base: string;
  slug: string;
  position: number;
  sources: Map<Locale, LessonSource>;
  contents: Map<Locale, string>;
}

export interface ModuleDraft {
  dirName: string;
  slug: string;
  position: number;
  /** The directory as shown in problems. */
  dirPath: string;
  contentHash: string;
  /** Names of the module's content files. */
  fileNames: Set<string>;
  meta: FrontMatterResult<ModuleFrontMatter> | null;
  translations: Map<Locale, FrontMatterResult<ModuleTranslationFrontMatter>>;
  intros: Map<Locale, IntroSource>;
  lessons: LessonDraft[];
  quizSource: string | null;
  quiz: QuizFileResult | null;
  survey: ParsedSurvey | null;
  problems: ContentProblem[];
  /** Records a problem in a file of this module (null: the directory itself). */
  report(fileName: string | null, problem: LineProblem): void;
}

export function lessonFileName(base: string, locale: Locale): string {
  return locale === DEFAULT_LOCALE ? `${base}.md` : `${base}.${locale}.md`;
}

/** SHA-256 over (name, content) pairs in name order, with separators so pairs cannot run together. */
export function contentHash(parts: Array<[string, string]>): string {
  const digest = createHash("sha256").update(`render:${RENDER_VERSION}\0`);
  for (const [name, content] of [...parts].sort(([a], [b]) => compareText(a, b))) {
    digest.update(`${name}\0${content}\0`);
  }
  return digest.digest("hex");
}

/** Code-point order, so results do not depend on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Words are runs that hold a letter or digit, so Markdown markers (#, -, |) do not count. */
export function countWords(text: string): number {
  return (text.match(/\S+/g) ?? []).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
