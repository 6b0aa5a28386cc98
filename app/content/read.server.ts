import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

import { DEFAULT_LOCALE, isLocale, LOCALES } from "~/domain/constants";
import type { Locale } from "~/domain/constants";
import {
  compareText,
  contentHash as contentHashOf,
  countWords,
  MODULE_FILE,
  QUIZ_FILE,
  SURVEY_FILE,
  type ModuleDraft,
} from "./draft.server";
import {
  lessonFrontMatter,
  lessonTranslationFrontMatter,
  moduleFrontMatter,
  moduleTranslationFrontMatter,
  readFrontMatter,
  splitFrontMatter,
} from "./front-matter.server";
import { inlineText } from "./markdown.server";
import { readSurveyFile } from "./quiz.server";
import type { ContentProblem, LineProblem, ParsedSurvey } from "./types";

/**
 * Reading `courses/` from disk: which files a module directory holds, their front matter and
 * lesson titles, and the content hashes, into one draft per module. Checks that need more than
 * one file are left to validate.server.
 */

const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
const MODULE_DIR = new RegExp(`^(\\d{2})\\.(${SLUG})$`);
const LESSON_FILE = new RegExp(`^(\\d{2})\\.(${SLUG})(?:\\.([a-z]{2}))?\\.md$`);
/** Key of the survey in courses/survey.yaml, used by every module without its own. */
export const SHARED_SURVEY_KEY = "shared";

const MODULE_DIR_PATTERN_MESSAGE =
  "directory name does not follow the pattern NN.slug (two digits, a dot, lowercase letters, digits and hyphens)";
const FILE_PATTERN_MESSAGE =
  "file name does not follow the pattern module.md, module.<lang>.md, NN.slug.md, NN.slug.<lang>.md, quiz.yaml or survey.yaml";

export interface CourseTree {
  drafts: ModuleDraft[];
  /** courses/survey.yaml, when present and valid. */
  sharedSurvey: ParsedSurvey | null;
  /** Problems outside the module directories (the shared survey, badly named directories). */
  problems: ContentProblem[];
}

/** Every module directory under `root` as a draft; null when `root` cannot be listed. */
export async function readCourseTree(root: string, display: (absolute: string) => string): Promise<CourseTree | null> {
  const rootProblems: ContentProblem[] = [];
  const entries = await listEntries(root).catch(() => null);
  if (!entries) return null;
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

  return { drafts, sharedSurvey, problems: rootProblems };
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

  const { files, contents, contentHash } = await readModuleFiles(absoluteDir, dirName, (name, problem) =>
    draft.report(name, problem),
  );
  draft.contentHash = contentHash;
  for (const name of contents.keys()) draft.fileNames.add(name);

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
  return draft;
}

interface ModuleFiles {
  files: ContentFile[];
  /** Content per file name, in name order. */
  contents: Map<string, string>;
  contentHash: string;
}

/** The module directory's content files and their hash; entries that are not content are reported. */
async function readModuleFiles(
  absoluteDir: string,
  dirName: string,
  report: (fileName: string, problem: LineProblem) => void,
): Promise<ModuleFiles> {
  const files: ContentFile[] = [];
  for (const entry of await listEntries(absoluteDir)) {
    if (entry.isDirectory) {
      report(entry.name, { line: 1, message: "unexpected directory inside a module" });
      continue;
    }
    const file = classifyFile(entry.name);
    if ("problem" in file) report(entry.name, file.problem);
    else files.push(file);
  }
  const contents = new Map<string, string>();
  for (const file of files) contents.set(file.name, await readFile(path.join(absoluteDir, file.name), "utf8"));
  const contentHash = contentHashOf([...contents].map(([name, content]) => [`${dirName}/${name}`, content]));
  return { files, contents, contentHash };
}

export interface ModuleFingerprint {
  slug: string;
  contentHash: string;
  /** The module has its own survey.yaml (else it shows the shared survey, if any). */
  ownSurvey: boolean;
}

/**
 * What the sync compares before it parses anything: each module directory's content hash, read
 * without parsing a file. Null when anything would be reported as a problem (a badly named
 * directory or file), when `root` cannot be listed or two directories share a slug: the full load
 * reports those. The hash covers every file name, so equal hashes also mean equal link targets.
 */
export async function readCourseFingerprints(root: string): Promise<ModuleFingerprint[] | null> {
  const entries = await listEntries(root).catch(() => null);
  if (!entries) return null;
  const modules: ModuleFingerprint[] = [];
  let clean = true;
  for (const entry of entries) {
    if (!entry.isDirectory) continue;
    const match = MODULE_DIR.exec(entry.name);
    if (!match) return null;
    const { contents, contentHash } = await readModuleFiles(path.join(root, entry.name), entry.name, () => {
      clean = false;
    });
    if (!clean) return null;
    modules.push({ slug: match[2] ?? "", contentHash, ownSurvey: contents.has(SURVEY_FILE) });
  }
  return new Set(modules.map((module) => module.slug)).size === modules.length ? modules : null;
}

/** courses/survey.yaml alone (null when absent); problems are reported through `problems`. */
export async function readSharedSurveyOnly(
  root: string,
  display: (absolute: string) => string,
  problems: ContentProblem[],
): Promise<ParsedSurvey | null> {
  const file = path.join(root, SURVEY_FILE);
  const exists = await stat(file).then(
    (found) => found.isFile(),
    () => false,
  );
  return exists ? readSharedSurvey(file, display(file), problems) : null;
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
