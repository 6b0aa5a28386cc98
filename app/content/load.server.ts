import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

import { DEFAULT_LOCALE, isLocale, LOCALES } from "../domain/constants";
import type { Locale } from "../domain/constants";
import {
  lessonFrontMatter,
  lessonTranslationFrontMatter,
  moduleFrontMatter,
  moduleTranslationFrontMatter,
  readFrontMatter,
  splitFrontMatter,
} from "./front-matter.server";
import type {
  FrontMatterResult,
  ModuleFrontMatter,
  ModuleTranslationFrontMatter,
} from "./front-matter.server";
import { createLinkResolver, inlineText, renderMarkdown } from "./markdown.server";
import type { ContentIndex, IndexedModule } from "./markdown.server";
import type {
  ContentProblem,
  LineProblem,
  ParsedLesson,
  ParsedLessonLocale,
  ParsedModule,
  ParsedModuleLocale,
} from "./types";

/**
 * Part of every content hash: bump it when rendering changes (markdown options, link rewriting),
 * so the next sync re-renders modules whose files did not change.
 */
const RENDER_VERSION = "1";

const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
const MODULE_DIR = new RegExp(`^(\\d{2})\\.(${SLUG})$`);
const LESSON_FILE = new RegExp(`^(\\d{2})\\.(${SLUG})(?:\\.([a-z]{2}))?\\.md$`);
const MODULE_FILE = /^module(?:\.([a-z]{2}))?\.md$/;
const WORDS_PER_MINUTE = 150;

export interface LoadOptions {
  /** Problem paths are made relative to this directory (default: the working directory). */
  relativeTo?: string;
}

export interface LoadResult {
  /** Modules without any problem, ordered by position. */
  modules: ParsedModule[];
  problems: ContentProblem[];
  /** Slugs found in the files that have no entry in `modules` because of problems. */
  skipped: string[];
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
      skipped: [],
      problems: [{ file: display(root), line: 1, message: "directory not found" }],
    };
  }

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

  const modules = drafts.flatMap((draft) => {
    const parsed = draft.problems.length === 0 ? assembleModule(draft) : null;
    return parsed ? [parsed] : [];
  });
  modules.sort((a, b) => a.position - b.position || compareText(a.slug, b.slug));
  const skipped = drafts
    .filter((draft) => !modules.some((module) => module.slug === draft.slug))
    .map((draft) => draft.slug);
  const problems = [...rootProblems, ...drafts.flatMap((draft) => draft.problems)].sort(compareProblems);
  return { modules, problems, skipped: [...new Set(skipped)] };
}

const MODULE_DIR_PATTERN_MESSAGE =
  "directory name does not follow the pattern NN.slug (two digits, a dot, lowercase letters, digits and hyphens)";
const FILE_PATTERN_MESSAGE =
  "file name does not follow the pattern module.md, module.<lang>.md, NN.slug.md or NN.slug.<lang>.md";

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
  problems: ContentProblem[];
  /** Records a problem in a file of this module (null: the directory itself). */
  report(fileName: string | null, problem: LineProblem): void;
}

type ContentFile =
  | { kind: "module"; name: string; locale: Locale }
  | { kind: "lesson"; name: string; locale: Locale; position: number; slug: string };

async function readModule(
  absoluteDir: string,
  dirName: string,
  position: number,
  slug: string,
  display: (absolute: string) => string
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
    else readLessonFile(draft, file, content);
  }
  checkModule(draft);
  return draft;
}

function classifyFile(name: string): ContentFile | { problem: LineProblem } {
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

function readModuleFile(draft: ModuleDraft, file: ContentFile, content: string): void {
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

function readLessonFile(
  draft: ModuleDraft,
  file: Extract<ContentFile, { kind: "lesson" }>,
  content: string
): void {
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
  if (meta) checkLanguages(draft, meta);
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
    if (!listed.has(locale) && draft.fileNames.has(name))
      draft.report(name, { line: 1, message: unlisted(locale) });
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
  }
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
    if (sameSlug)
      draft.report(null, { line: 1, message: `duplicate module slug "${draft.slug}" (also ${sameSlug})` });
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
      for (const locale of lesson.contents.keys())
        lessonFiles.set(lessonFileName(lesson.base, locale), lesson.slug);
    }
    index.set(draft.dirName, { slug: draft.slug, moduleFiles, lessonFiles });
  }
  return index;
}

function renderAll(drafts: ModuleDraft[], index: ContentIndex): void {
  for (const draft of drafts) {
    const resolveLink = createLinkResolver(index, draft.dirName);
    const render = (source: IntroSource | LessonSource) => {
      const result = renderMarkdown(source.body, { startLine: source.bodyStartLine, resolveLink });
      for (const problem of result.problems) draft.report(source.fileName, problem);
      source.html = result.html;
    };
    for (const intro of draft.intros.values()) render(intro);
    for (const lesson of draft.lessons) for (const source of lesson.sources.values()) render(source);
  }
}

// ---------------------------------------------------------------------------------------------
// Assembling a module without problems

function assembleModule(draft: ModuleDraft): ParsedModule | null {
  const meta = draft.meta?.data;
  if (!meta) return null;
  const languages = LOCALES.filter((locale) => meta.languages.includes(locale));
  const locales: Partial<Record<Locale, ParsedModuleLocale>> = {};
  for (const locale of languages) {
    const text = locale === DEFAULT_LOCALE ? meta : draft.translations.get(locale)?.data;
    if (!text) return null;
    const { title, summary, objectives } = text;
    locales[locale] = { title, summary, objectives, introHtml: draft.intros.get(locale)?.html ?? "" };
  }
  const lessons = draft.lessons.map((lesson) => assembleLesson(lesson, languages));
  return {
    slug: draft.slug,
    position: draft.position,
    sectors: meta.sectors,
    minutes: meta.minutes,
    languages,
    contentHash: draft.contentHash,
    locales,
    lessons: lessons.sort((a, b) => a.position - b.position),
  };
}

function assembleLesson(lesson: LessonDraft, languages: Locale[]): ParsedLesson {
  const dutch = lesson.sources.get(DEFAULT_LOCALE);
  const locales: Partial<Record<Locale, ParsedLessonLocale>> = {};
  for (const locale of languages) {
    const source = lesson.sources.get(locale);
    if (source) locales[locale] = { title: source.title ?? "", html: source.html ?? "" };
  }
  return {
    slug: lesson.slug,
    position: lesson.position,
    minutes: dutch?.minutes ?? Math.max(1, Math.ceil((dutch?.words ?? 0) / WORDS_PER_MINUTE)),
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
