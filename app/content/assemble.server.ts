import { DEFAULT_LOCALE, LOCALES } from "~/domain/constants";
import type { Locale } from "~/domain/constants";
import type { Question } from "./questions";
import type { ModuleAbout } from "./about";
import { contentHash, countWords, TRANSLATED_PACKAGE_KEYS, type LessonDraft, type ModuleDraft } from "./draft.server";
import type { ModuleFrontMatter, ModuleTranslationFrontMatter } from "./front-matter.server";
import type { ParsedLesson, ParsedLessonLocale, ParsedModule, ParsedModuleLocale, ParsedSurvey } from "./types";

/**
 * Turns a draft without problems into the ParsedModule that the sync stores: texts per language,
 * the accreditation package, lessons with their HTML, checks with the lesson that places them,
 * and reading-time estimates.
 */

/** Reading speed for time estimates: an unhurried professional reader, questions included. */
export const WORDS_PER_MINUTE = 200;

export function assembleModule(draft: ModuleDraft, sharedSurvey: ParsedSurvey | null): ParsedModule | null {
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
    contentHash: contentHash([...lesson.contents].map(([locale, content]) => [locale, content])),
    locales,
  };
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
