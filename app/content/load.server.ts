import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

import { DEFAULT_LOCALE, isLocale, LOCALES } from "~/domain/constants";
import type { Locale } from "~/domain/constants";
import {
  lessonFrontMatter,
  lessonTranslationFrontMatter,
  moduleFrontMatter,
  moduleTranslationFrontMatter,
  readFrontMatter,
  splitFrontMatter,
} from "./front-matter.server";
import type { FrontMatterResult, ModuleFrontMatter, ModuleTranslationFrontMatter } from "./front-matter.server";
import { createTranslator } from "~/i18n";
import { lintItemBank } from "./item-lint";
import { createLinkResolver, inlineText, renderMarkdown } from "./markdown.server";
import type { ContentIndex, IndexedModule, PlacedCheck } from "./markdown.server";
import { readQuizFile, readSurveyFile } from "./quiz.server";
import type { QuizFileResult } from "./quiz.server";
import type { ModuleAbout } from "./about";
import type { Question } from "./questions";
import type {
  ContentProblem,
  LineProblem,
  ParsedLesson,
  ParsedLessonLocale,
  ParsedModule,
  ParsedModuleLocale,
  ParsedSurvey,
} from "./types";

/**
 * Part of every content hash: bump it when rendering changes (markdown options, link rewriting),
 * so the next sync re-renders modules whose files did not change.
 */
const RENDER_VERSION = "3";

const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
const MODULE_DIR = new RegExp(`^(\\d{2})\\.(${SLUG})$`);
const LESSON_FILE = new RegExp(`^(\\d{2})\\.(${SLUG})(?:\\.([a-z]{2}))?\\.md$`);
const MODULE_FILE = /^module(?:\.([a-z]{2}))?\.md$/;
const QUIZ_FILE = "quiz.yaml";
const SURVEY_FILE = "survey.yaml";
/** Key of the survey in courses/survey.yaml, used by every module without its own. */
export const SHARED_SURVEY_KEY = "shared";
/** Reading speed for time estimates: an unhurried professional reader, questions included. */
export const WORDS_PER_MINUTE = 200;
/** `/modules/<module>/<slug>` paths the platform itself uses (assessment, attitude survey). */
const RESERVED_LESSON_SLUGS = ["toets", "vragenlijst", "evaluatie"];

export interface LoadOptions {
  /** Problem paths are made relative to this directory (default: the working directory). */
  relativeTo?: string;
}

export interface LoadResult {
  /** Modules without any problem, ordered by position. */
  modules: ParsedModule[];
  problems: ContentProblem[];
  /**
   * Item-writing lint findings on the assessment banks of valid modules (see item-lint.ts):
   * warnings that never stop a module from loading; `courses:check --strict` treats them as errors.
   */
  warnings: ContentProblem[];
  /** Slugs found in the files that have no entry in `modules` because of problems. */
  skipped: string[];
  /** courses/survey.yaml, when present and valid. */
  sharedSurvey: ParsedSurvey | null;
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

export async function loadCourses(rootDir: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(rootDir);
  const display = (absolute: string) => toDisplayPath(absolute, opts.relativeTo ?? process.cwd());
  const rootProblems: ContentProblem[] = [];

  const entries = await listEntries(root).catch(() => null);
  if (!entries) {
    return {
      modules: [],
      warnings: [],
      skipped: [],
      sharedSurvey: null,
      problems: [{ file: display(root), line: 1, message: "directory not found" }],
    };
  }
  const sharedSurvey = entries.some((entry) => entry.name === SURVEY_FILE && !entry.isDirectory)
    ? await readSharedSurvey(path.join(root, SURVEY_FILE), display(path.join(root, SURVEY_FILE)), rootProblems)
    : null;

  const drafts: ModuleDraft[] = [];
  for (const entry of entries) {
    // Loose files next to the modules (a README, say) are not content.
    if (!entry.isDirectory) continue;
    const match = MODULE_DIR.exec(entry.name);
    const absolute = path.join(root, entry.name);
    if (!match) {
      rootProblems.push({ file: display(absolute), line: 1, message: MODULE_DIR_PATTERN_MESSAGE });
      continue;
    }
    drafts.push(await readModule(absolute, entry.name, Number(match[1]), match[2] ?? "", display));
  }

  flagDuplicateModules(drafts);
  renderAll(drafts, buildIndex(drafts));
  for (const draft of drafts) checkPlacedChecks(draft);

  const modules = drafts.flatMap((draft) => {
    const parsed = draft.problems.length === 0 ? assembleModule(draft, sharedSurvey) : null;
    return parsed ? [parsed] : [];
  });
  modules.sort((a, b) => a.position - b.position || compareText(a.slug, b.slug));
  const skipped = drafts
    .filter((draft) => !modules.some((module) => module.slug === draft.slug))
    .map((draft) => draft.slug);
  const problems = [...rootProblems, ...drafts.flatMap((draft) => draft.problems)].sort(compareProblems);
  const warnings = drafts
    .filter((draft) => draft.problems.length === 0)
    .flatMap(lintDraft)
    .sort(compareProblems);
  return { modules, problems, warnings, skipped: [...new Set(skipped)], sharedSurvey };
}

function lintDraft(draft: ModuleDraft): ContentProblem[] {
  const questions = draft.quiz?.quiz?.assessment?.questions;
  const languages = draft.meta?.data?.languages;
  if (!questions || !languages) return [];
  const file = `${draft.dirPath}/${QUIZ_FILE}`;
  return lintItemBank(questions, languages).map((finding) => ({
    file,
    line:
      draft.quiz?.lineOf(
        finding.questionIndex === null
          ? ["assessment", "questions"]
          : ["assessment", "questions", finding.questionIndex, "id"],
      ) ?? 1,
    message: `[${finding.rule}] ${finding.message}`,
  }));
}

async function readSharedSurvey(
  absolute: string,
  displayPath: string,
  problems: ContentProblem[],
): Promise<ParsedSurvey | null> {
  const result = readSurveyFile(await readFile(absolute, "utf8"), LOCALES);
  for (const problem of result.problems) problems.push({ file: displayPath, ...problem });
  return result.items ? { key: SHARED_SURVEY_KEY, items: result.items } : null;
}

const MODULE_DIR_PATTERN_MESSAGE =
  "directory name does not follow the pattern NN.slug (two digits, a dot, lowercase letters, digits and hyphens)";
const FILE_PATTERN_MESSAGE =
  "file name does not follow the pattern module.md, module.<lang>.md, NN.slug.md, NN.slug.<lang>.md, quiz.yaml or survey.yaml";

// ---------------------------------------------------------------------------------------------
// Reading one module directory

interface IntroSource {
  fileName: string;
  body: string;
  bodyStartLine: number;
  html?: string;
}

interface LessonSource {
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

interface LessonDraft {
  /** `NN.slug`, shared by the Dutch file and its translations. */
  base: string;
  slug: string;
  position: number;
  sources: Map<Locale, LessonSource>;
  contents: Map<Locale, string>;
}

interface ModuleDraft {
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

type ContentFile =
  | { kind: "quiz" | "survey"; name: string }
  | { kind: "module"; name: string; locale: Locale }
  | { kind: "lesson"; name: string; locale: Locale; position: number; slug: string };

async function readModule(
  absoluteDir: string,
  dirName: string,
  position: number,
  slug: string,
  display: (absolute: string) => string,
): Promise<ModuleDraft> {
  const dirPath = display(absoluteDir);
  const problems: ContentProblem[] = [];
  const draft: ModuleDraft = {
    dirName,
    slug,
    position,
    dirPath,
    contentHash: "",
    fileNames: new Set(),
    meta: null,
    translations: new Map(),
    intros: new Map(),
    lessons: [],
    quizSource: null,
    quiz: null,
    survey: null,
    problems,
    report: (fileName, problem) =>
      problems.push({ file: fileName === null ? dirPath : `${dirPath}/${fileName}`, ...problem }),
  };

  const files: ContentFile[] = [];
  for (const entry of await listEntries(absoluteDir)) {
    if (entry.isDirectory) {
      draft.report(entry.name, { line: 1, message: "unexpected directory inside a module" });
      continue;
    }
    const file = classifyFile(entry.name);
    if ("problem" in file) draft.report(entry.name, file.problem);
    else files.push(file);
  }

  const contents = new Map<string, string>();
  for (const file of files) {
    contents.set(file.name, await readFile(path.join(absoluteDir, file.name), "utf8"));
    draft.fileNames.add(file.name);
  }
  draft.contentHash = hash([...contents].map(([name, content]) => [`${dirName}/${name}`, content]));

  for (const file of files) {
    const content = contents.get(file.name) ?? "";
    if (file.kind === "module") readModuleFile(draft, file, content);
    else if (file.kind === "lesson") readLessonFile(draft, file, content);
    else if (file.kind === "quiz") draft.quizSource = content;
  }
  const surveySource = contents.get(SURVEY_FILE);
  if (surveySource !== undefined && draft.meta?.data) {
    const result = readSurveyFile(surveySource, draft.meta.data.languages);
    for (const problem of result.problems) draft.report(SURVEY_FILE, problem);
    if (result.items) draft.survey = { key: slug, items: result.items };
  }
  checkModule(draft);
  return draft;
}

function classifyFile(name: string): ContentFile | { problem: LineProblem } {
  if (name === QUIZ_FILE) return { kind: "quiz", name };
  if (name === SURVEY_FILE) return { kind: "survey", name };
  const moduleMatch = MODULE_FILE.exec(name);
  const lessonMatch = LESSON_FILE.exec(name);
  const language = moduleMatch?.[1] ?? lessonMatch?.[3];
  if (!moduleMatch && !lessonMatch) return { problem: { line: 1, message: FILE_PATTERN_MESSAGE } };
  if (language !== undefined && !isLocale(language)) {
    return {
      problem: {
        line: 1,
        message: `unknown language "${language}" in file name (allowed: ${LOCALES.join(", ")})`,
      },
    };
  }
  if (language === DEFAULT_LOCALE) {
    const dutchName = name.replace(`.${DEFAULT_LOCALE}.md`, ".md");
    return { problem: { line: 1, message: `Dutch needs no language suffix: rename to ${dutchName}` } };
  }
  const locale: Locale = language ?? DEFAULT_LOCALE;
  if (moduleMatch) return { kind: "module", name, locale };
  return { kind: "lesson", name, locale, position: Number(lessonMatch?.[1]), slug: lessonMatch?.[2] ?? "" };
}

function readModuleFile(draft: ModuleDraft, file: Extract<ContentFile, { kind: "module" }>, content: string): void {
  const split = splitFrontMatter(content);
  if (!split.ok) return draft.report(file.name, split.problem);
  if (!split.frontMatter) {
    return draft.report(file.name, {
      line: 1,
      message: "missing front matter: the file must start with a --- line",
    });
  }
  let problems: LineProblem[];
  if (file.locale === DEFAULT_LOCALE) {
    draft.meta = readFrontMatter(split.frontMatter, moduleFrontMatter);
    problems = draft.meta.problems;
  } else {
    const translation = readFrontMatter(split.frontMatter, moduleTranslationFrontMatter);
    draft.translations.set(file.locale, translation);
    problems = translation.problems;
  }
  for (const problem of problems) draft.report(file.name, problem);
  draft.intros.set(file.locale, {
    fileName: file.name,
    body: split.body,
    bodyStartLine: split.bodyStartLine,
  });
}

function readLessonFile(draft: ModuleDraft, file: Extract<ContentFile, { kind: "lesson" }>, content: string): void {
  const base = `${String(file.position).padStart(2, "0")}.${file.slug}`;
  let lesson = draft.lessons.find((candidate) => candidate.base === base);
  if (!lesson) {
    lesson = { base, slug: file.slug, position: file.position, sources: new Map(), contents: new Map() };
    draft.lessons.push(lesson);
  }
  lesson.contents.set(file.locale, content);

  const split = splitFrontMatter(content);
  if (!split.ok) return draft.report(file.name, split.problem);
  let minutes: number | undefined;
  if (file.locale === DEFAULT_LOCALE) {
    const frontMatter = readFrontMatter(split.frontMatter, lessonFrontMatter);
    minutes = frontMatter.data?.minutes;
    for (const problem of frontMatter.problems) draft.report(file.name, problem);
  } else {
    const frontMatter = readFrontMatter(split.frontMatter, lessonTranslationFrontMatter);
    for (const problem of frontMatter.problems) draft.report(file.name, problem);
  }

  const lines = split.body.split("\n");
  const titleIndex = lines.findIndex((line) => line.trim() !== "");
  const titleLine = titleIndex === -1 ? 1 : split.bodyStartLine + titleIndex;
  const title = titleIndex === -1 ? null : headingTitle(lines[titleIndex] ?? "");
  if (title === null) {
    draft.report(file.name, {
      line: titleLine,
      message: 'missing title: a lesson must start with a level-one heading ("# Title")',
    });
  } else if (title === "") {
    draft.report(file.name, { line: titleLine, message: "title is empty" });
  }

  // Without a title line the whole body is still rendered, so its links get checked too.
  const bodyFrom = title === null ? 0 : titleIndex + 1;
  lesson.sources.set(file.locale, {
    fileName: file.name,
    title,
    body: lines.slice(bodyFrom).join("\n"),
    bodyStartLine: split.bodyStartLine + bodyFrom,
    minutes,
    words: countWords(split.body),
  });
}

/** The text of an ATX level-one heading (`# Title` or `# Title #`), or null for any other line. */
function headingTitle(line: string): string | null {
  const match = /^ {0,3}#(?:[ \t]+(.*))?$/.exec(line);
  if (!match) return null;
  return inlineText((match[1] ?? "").replace(/(?:^|[ \t]+)#+[ \t]*$/, ""));
}

/** Words are runs that hold a letter or digit, so Markdown markers (#, -, |) do not count. */
function countWords(text: string): number {
  return (text.match(/\S+/g) ?? []).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

// ---------------------------------------------------------------------------------------------
// Checks across the files of a module

function checkModule(draft: ModuleDraft): void {
  if (!draft.fileNames.has("module.md")) {
    draft.report(null, { line: 1, message: "missing module.md" });
  }
  draft.lessons.sort((a, b) => compareText(a.base, b.base));
  checkLessonIdentity(draft);
  const meta = draft.meta?.data;
  if (meta) {
    checkLanguages(draft, meta);
    readQuiz(draft, meta);
  }
}

function readQuiz(draft: ModuleDraft, meta: ModuleFrontMatter): void {
  if (draft.quizSource !== null) {
    draft.quiz = readQuizFile(draft.quizSource, {
      languages: meta.languages,
      objectiveCount: meta.objectives.length,
    });
    for (const problem of draft.quiz.problems) draft.report(QUIZ_FILE, problem);
  }
  const quiz = draft.quiz?.quiz;
  if (draft.quiz && !quiz) return;
  if (meta.assessment && !quiz?.assessment) {
    draft.report("module.md", {
      line: 1,
      message:
        "missing final assessment: add an assessment section to quiz.yaml, or declare assessment: false in module.md",
    });
  }
  if (!meta.assessment && quiz?.assessment) {
    draft.report(QUIZ_FILE, {
      line: draft.quiz?.lineOf(["assessment"]) ?? 1,
      message: "quiz.yaml has an assessment section, but module.md declares assessment: false",
    });
  }
}

/** Every check in quiz.yaml sits in exactly one lesson, at the same spot in every language. */
function checkPlacedChecks(draft: ModuleDraft): void {
  const defined = draft.quiz?.quiz?.checks ?? [];
  if (draft.quiz && !draft.quiz.quiz) return; // quiz.yaml itself is broken; reported already
  const placedIn = new Map<string, string>();
  for (const lesson of draft.lessons) {
    const dutch = lesson.sources.get(DEFAULT_LOCALE);
    if (!dutch) continue;
    for (const check of dutch.checks ?? []) {
      if (!defined.some((question) => question.id === check.id)) {
        draft.report(dutch.fileName, {
          line: check.line,
          message: `unknown check "${check.id}": quiz.yaml has no check with this id`,
        });
      } else if (placedIn.has(check.id)) {
        draft.report(dutch.fileName, {
          line: check.line,
          message: `check "${check.id}" is placed twice (also in ${placedIn.get(check.id)})`,
        });
      } else {
        placedIn.set(check.id, dutch.fileName);
      }
    }
    const dutchIds = (dutch.checks ?? []).map((check) => check.id).join(", ");
    for (const [locale, source] of lesson.sources) {
      if (locale === DEFAULT_LOCALE) continue;
      const ids = (source.checks ?? []).map((check) => check.id).join(", ");
      if (ids !== dutchIds) {
        draft.report(source.fileName, {
          line: source.checks?.[0]?.line ?? 1,
          message: `places checks [${ids}] but the Dutch lesson places [${dutchIds}]: place the same checks in the same order`,
        });
      }
    }
  }
  defined.forEach((question, index) => {
    if (!placedIn.has(question.id)) {
      draft.report(QUIZ_FILE, {
        line: draft.quiz?.lineOf(["checks", index, "id"]) ?? 1,
        message: `check "${question.id}" is not placed in any lesson (add a \`\`\`check block with its id)`,
      });
    }
  });
}

function checkLessonIdentity(draft: ModuleDraft): void {
  const bySlug = new Map<string, string>();
  const byPosition = new Map<number, string>();
  let dutchLessons = 0;
  for (const lesson of draft.lessons) {
    const dutchName = lessonFileName(lesson.base, DEFAULT_LOCALE);
    if (!lesson.contents.has(DEFAULT_LOCALE)) {
      for (const locale of lesson.contents.keys()) {
        draft.report(lessonFileName(lesson.base, locale), {
          line: 1,
          message: `translation without a Dutch lesson (${dutchName})`,
        });
      }
      continue;
    }
    dutchLessons++;
    if (RESERVED_LESSON_SLUGS.includes(lesson.slug)) {
      draft.report(dutchName, {
        line: 1,
        message: `lesson slug "${lesson.slug}" is reserved for a module page (${RESERVED_LESSON_SLUGS.join(", ")}): rename the file`,
      });
    }
    const sameSlug = bySlug.get(lesson.slug);
    const samePosition = byPosition.get(lesson.position);
    if (sameSlug)
      draft.report(dutchName, {
        line: 1,
        message: `duplicate lesson slug "${lesson.slug}" (also ${sameSlug})`,
      });
    if (samePosition)
      draft.report(dutchName, {
        line: 1,
        message: `duplicate lesson number ${lesson.base.slice(0, 2)} (also ${samePosition})`,
      });
    bySlug.set(lesson.slug, sameSlug ?? dutchName);
    byPosition.set(lesson.position, samePosition ?? dutchName);
  }
  if (dutchLessons === 0 && draft.fileNames.has("module.md")) {
    draft.report("module.md", { line: 1, message: "module has no lessons" });
  }
}

function checkLanguages(draft: ModuleDraft, meta: ModuleFrontMatter): void {
  const listed = new Set<string>(meta.languages);
  const languagesLine = draft.meta?.lineOf(["languages"]) ?? 1;
  const unlisted = (locale: Locale) =>
    `translation for "${locale}", but module.md does not list "${locale}" under languages`;

  for (const locale of LOCALES) {
    const name = `module.${locale}.md`;
    if (!listed.has(locale) && draft.fileNames.has(name)) draft.report(name, { line: 1, message: unlisted(locale) });
  }
  for (const lesson of draft.lessons) {
    for (const locale of lesson.contents.keys()) {
      if (!listed.has(locale))
        draft.report(lessonFileName(lesson.base, locale), { line: 1, message: unlisted(locale) });
    }
  }

  for (const locale of meta.languages) {
    if (locale === DEFAULT_LOCALE) continue;
    if (!draft.fileNames.has(`module.${locale}.md`)) {
      draft.report("module.md", {
        line: languagesLine,
        message: `missing "${locale}" translation (module.${locale}.md)`,
      });
    }
    for (const lesson of draft.lessons) {
      if (lesson.contents.has(DEFAULT_LOCALE) && !lesson.contents.has(locale)) {
        const missing = lessonFileName(lesson.base, locale);
        draft.report(lessonFileName(lesson.base, DEFAULT_LOCALE), {
          line: 1,
          message: `missing "${locale}" translation (${missing})`,
        });
      }
    }
    checkObjectiveCount(draft, meta, locale);
    checkPackageTranslation(draft, meta, locale);
  }
}

/** Translatable package keys of module.md (lists by length) that a translation must carry too. */
const TRANSLATED_PACKAGE_KEYS = ["authors", "reviewers", "professions", "independence", "complaints"] as const;

function checkPackageTranslation(draft: ModuleDraft, meta: ModuleFrontMatter, locale: Locale): void {
  const translation = draft.translations.get(locale);
  const translated = translation?.data;
  if (!translation || !translated) return;
  const name = `module.${locale}.md`;
  for (const key of TRANSLATED_PACKAGE_KEYS) {
    const dutch = meta[key];
    const other = translated[key];
    if (dutch === undefined && other !== undefined) {
      draft.report(name, {
        line: translation.lineOf([key]),
        message: `${key} is translated, but module.md has no ${key}`,
      });
    } else if (dutch !== undefined && other === undefined) {
      draft.report(name, { line: 1, message: `missing translation of ${key} (module.md has it)` });
    } else if (Array.isArray(dutch) && Array.isArray(other) && dutch.length !== other.length) {
      draft.report(name, {
        line: translation.lineOf([key]),
        message: `${key} has ${other.length} items but module.md has ${dutch.length}`,
      });
    }
  }
}

/** The package in one language: structure and dates from module.md, texts from the translation. */
function moduleAbout(
  meta: ModuleFrontMatter,
  text: ModuleFrontMatter | ModuleTranslationFrontMatter,
): ModuleAbout | null {
  const declared = [...TRANSLATED_PACKAGE_KEYS, "last_reviewed", "level", "literature"] as const;
  if (declared.every((key) => meta[key] === undefined)) return null;
  return {
    authors: text.authors ?? [],
    reviewers: (meta.reviewers ?? []).map((reviewer, index) => ({
      type: reviewer.type,
      role: text.reviewers?.[index]?.role ?? reviewer.role,
      reviewed: reviewer.reviewed,
    })),
    lastReviewed: meta.last_reviewed ?? null,
    professions: text.professions ?? [],
    level: meta.level ?? null,
    literature: (meta.literature ?? []).map((entry) => ({
      type: entry.type,
      citation: entry.citation,
      url: entry.url ?? null,
    })),
    independence: text.independence ?? null,
    complaints: meta.complaints
      ? { text: text.complaints?.text ?? meta.complaints.text, contact: meta.complaints.contact ?? null }
      : null,
  };
}

function checkObjectiveCount(draft: ModuleDraft, meta: ModuleFrontMatter, locale: Locale): void {
  const translation = draft.translations.get(locale);
  const translated = translation?.data?.objectives;
  if (!translation || !translated || translated.length === meta.objectives.length) return;
  draft.report(`module.${locale}.md`, {
    line: translation.lineOf(["objectives"]),
    message: `objectives has ${translated.length} items but module.md has ${meta.objectives.length}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Checks across modules, and rendering (which needs every module's files to check links)

function flagDuplicateModules(drafts: ModuleDraft[]): void {
  const bySlug = new Map<string, string>();
  const byPosition = new Map<number, string>();
  for (const draft of drafts) {
    const sameSlug = bySlug.get(draft.slug);
    const samePosition = byPosition.get(draft.position);
    if (sameSlug) draft.report(null, { line: 1, message: `duplicate module slug "${draft.slug}" (also ${sameSlug})` });
    if (samePosition) {
      draft.report(null, {
        line: 1,
        message: `duplicate module number ${draft.dirName.slice(0, 2)} (also ${samePosition})`,
      });
    }
    bySlug.set(draft.slug, sameSlug ?? draft.dirName);
    byPosition.set(draft.position, samePosition ?? draft.dirName);
  }
}

function buildIndex(drafts: ModuleDraft[]): ContentIndex {
  const index = new Map<string, IndexedModule>();
  for (const draft of drafts) {
    const moduleFiles = new Set([...draft.fileNames].filter((name) => MODULE_FILE.test(name)));
    const lessonFiles = new Map<string, string>();
    for (const lesson of draft.lessons) {
      for (const locale of lesson.contents.keys()) lessonFiles.set(lessonFileName(lesson.base, locale), lesson.slug);
    }
    index.set(draft.dirName, { slug: draft.slug, moduleFiles, lessonFiles });
  }
  return index;
}

function renderAll(drafts: ModuleDraft[], index: ContentIndex): void {
  for (const draft of drafts) {
    const resolveLink = createLinkResolver(index, draft.dirName);
    const render = (source: IntroSource | LessonSource, locale: Locale) => {
      const externalLinkHint = createTranslator(locale)("lesson.externalLinkHint");
      const result = renderMarkdown(source.body, { startLine: source.bodyStartLine, resolveLink, externalLinkHint });
      for (const problem of result.problems) draft.report(source.fileName, problem);
      source.html = result.html;
      return result.checks;
    };
    for (const [locale, intro] of draft.intros) {
      for (const check of render(intro, locale)) {
        draft.report(intro.fileName, {
          line: check.line,
          message: "knowledge checks belong in lessons, not in the module introduction",
        });
      }
    }
    for (const lesson of draft.lessons) {
      for (const [locale, source] of lesson.sources) source.checks = render(source, locale);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Assembling a module without problems

function assembleModule(draft: ModuleDraft, sharedSurvey: ParsedSurvey | null): ParsedModule | null {
  const meta = draft.meta?.data;
  if (!meta) return null;
  const languages = LOCALES.filter((locale) => meta.languages.includes(locale));
  const locales: Partial<Record<Locale, ParsedModuleLocale>> = {};
  for (const locale of languages) {
    const text = locale === DEFAULT_LOCALE ? meta : draft.translations.get(locale)?.data;
    if (!text) return null;
    const { title, summary, objectives } = text;
    locales[locale] = {
      title,
      summary,
      objectives,
      introHtml: draft.intros.get(locale)?.html ?? "",
      about: moduleAbout(meta, text),
    };
  }
  const quiz = draft.quiz?.quiz ?? null;
  const checkLesson = new Map<string, string>();
  const checkWords = new Map<string, number>();
  for (const lesson of draft.lessons) {
    let words = 0;
    for (const placed of lesson.sources.get(DEFAULT_LOCALE)?.checks ?? []) {
      checkLesson.set(placed.id, lesson.slug);
      const question = quiz?.checks.find((candidate) => candidate.id === placed.id);
      words += question ? questionWords(question) : 0;
    }
    checkWords.set(lesson.base, words);
  }
  const lessons = draft.lessons.map((lesson) => assembleLesson(lesson, languages, checkWords.get(lesson.base) ?? 0));
  const bank = quiz?.assessment?.questions ?? [];
  const assessmentWords =
    bank.length === 0
      ? 0
      : ((quiz?.assessment?.draw ?? 0) * bank.reduce((sum, question) => sum + questionWords(question), 0)) /
        bank.length;
  const lessonWords = draft.lessons.reduce(
    (sum, lesson) => sum + (lesson.sources.get(DEFAULT_LOCALE)?.words ?? 0) + (checkWords.get(lesson.base) ?? 0),
    0,
  );
  return {
    slug: draft.slug,
    position: draft.position,
    sectors: meta.sectors,
    minutes: meta.minutes,
    estimatedMinutes: Math.max(1, Math.ceil((lessonWords + assessmentWords) / WORDS_PER_MINUTE)),
    languages,
    contentHash: draft.contentHash,
    locales,
    lessons: lessons.sort((a, b) => a.position - b.position),
    assessment: quiz?.assessment ?? null,
    checks: (quiz?.checks ?? []).map((question) => ({ ...question, lessonSlug: checkLesson.get(question.id) ?? "" })),
    survey: draft.survey ?? sharedSurvey,
  };
}

/** Dutch words a learner reads in a question before answering it (case, question, options). */
function questionWords(question: Question): number {
  const options = question.options.map((option) => option.text?.[DEFAULT_LOCALE] ?? "");
  return countWords(
    [question.scenario?.[DEFAULT_LOCALE] ?? "", question.text[DEFAULT_LOCALE] ?? "", ...options].join(" "),
  );
}

function assembleLesson(lesson: LessonDraft, languages: Locale[], checkWords: number): ParsedLesson {
  const dutch = lesson.sources.get(DEFAULT_LOCALE);
  const locales: Partial<Record<Locale, ParsedLessonLocale>> = {};
  for (const locale of languages) {
    const source = lesson.sources.get(locale);
    if (source) locales[locale] = { title: source.title ?? "", html: source.html ?? "" };
  }
  return {
    slug: lesson.slug,
    position: lesson.position,
    minutes: dutch?.minutes ?? Math.max(1, Math.ceil(((dutch?.words ?? 0) + checkWords) / WORDS_PER_MINUTE)),
    // Keyed by language rather than file name, so renumbering a lesson does not mark it changed.
    contentHash: hash([...lesson.contents].map(([locale, content]) => [locale, content])),
    locales,
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface Entry {
  name: string;
  isDirectory: boolean;
}

/** Visible entries, sorted by name; symbolic links count as what they point to. */
async function listEntries(directory: string): Promise<Entry[]> {
  const dirents = await readdir(directory, { withFileTypes: true });
  const entries: Entry[] = [];
  for (const dirent of dirents) {
    if (dirent.name.startsWith(".")) continue;
    const isDirectory = dirent.isSymbolicLink()
      ? (await stat(path.join(directory, dirent.name))).isDirectory()
      : dirent.isDirectory();
    entries.push({ name: dirent.name, isDirectory });
  }
  return entries.sort((a, b) => compareText(a.name, b.name));
}

function lessonFileName(base: string, locale: Locale): string {
  return locale === DEFAULT_LOCALE ? `${base}.md` : `${base}.${locale}.md`;
}

/** SHA-256 over (name, content) pairs in name order, with separators so pairs cannot run together. */
function hash(parts: Array<[string, string]>): string {
  const digest = createHash("sha256").update(`render:${RENDER_VERSION}\0`);
  for (const [name, content] of [...parts].sort(([a], [b]) => compareText(a, b))) {
    digest.update(`${name}\0${content}\0`);
  }
  return digest.digest("hex");
}

function toDisplayPath(absolute: string, relativeTo: string): string {
  return path.relative(path.resolve(relativeTo), absolute).split(path.sep).join("/") || ".";
}

/** Code-point order, so results do not depend on the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareProblems(a: ContentProblem, b: ContentProblem): number {
  return compareText(a.file, b.file) || a.line - b.line || compareText(a.message, b.message);
}
