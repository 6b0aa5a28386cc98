import { DEFAULT_LOCALE, LOCALES } from "~/domain/constants";
import type { Locale } from "~/domain/constants";
import { compareText, lessonFileName, QUIZ_FILE, TRANSLATED_PACKAGE_KEYS, type ModuleDraft } from "./draft.server";
import type { ModuleFrontMatter } from "./front-matter.server";
import { lintItemBank } from "./item-lint";
import { readQuizFile } from "./quiz.server";
import type { ContentProblem } from "./types";

/**
 * The checks that need more than one file: a module's files against each other (lessons,
 * translations, the quiz and the checks placed in lessons), modules against each other, and the
 * item-writing lint of valid assessment banks. Each check records its problems on the draft.
 */

/** `/modules/<module>/<slug>` paths the platform itself uses (assessment, attitude survey). */
const RESERVED_LESSON_SLUGS = ["toets", "vragenlijst", "evaluatie"];

export function checkModule(draft: ModuleDraft): void {
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
export function checkPlacedChecks(draft: ModuleDraft): void {
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

function checkObjectiveCount(draft: ModuleDraft, meta: ModuleFrontMatter, locale: Locale): void {
  const translation = draft.translations.get(locale);
  const translated = translation?.data?.objectives;
  if (!translation || !translated || translated.length === meta.objectives.length) return;
  draft.report(`module.${locale}.md`, {
    line: translation.lineOf(["objectives"]),
    message: `objectives has ${translated.length} items but module.md has ${meta.objectives.length}`,
  });
}

export function flagDuplicateModules(drafts: ModuleDraft[]): void {
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

export function lintDraft(draft: ModuleDraft): ContentProblem[] {
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
