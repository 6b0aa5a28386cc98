import type { AssessmentSettings, Question, SurveyItem } from "./questions";
import type { Locale, Sector } from "~/domain/constants";
import type { ModuleAbout } from "./about";

/** One validation finding, printed as `file:line: message`. */
export interface ContentProblem {
  /** Path relative to the repository root (or to the base given to the loader), `/`-separated. */
  file: string;
  /** 1-based; 1 when the problem concerns the whole file. */
  line: number;
  message: string;
}

export interface ParsedLessonLocale {
  title: string;
  html: string;
}

export interface ParsedLesson {
  slug: string;
  position: number;
  minutes: number;
  contentHash: string;
  locales: Partial<Record<Locale, ParsedLessonLocale>>;
}

export interface ParsedModuleLocale {
  title: string;
  summary: string;
  objectives: string[];
  introHtml: string;
  /** The accreditation package in this language; null when module.md declares none. */
  about: ModuleAbout | null;
}

export interface ParsedModule {
  slug: string;
  position: number;
  sectors: Sector[];
  /** As stated in module.md. */
  minutes: number;
  /** Reading time computed from the Dutch word count (lessons, checks, one assessment draw). */
  estimatedMinutes: number;
  languages: Locale[];
  contentHash: string;
  locales: Partial<Record<Locale, ParsedModuleLocale>>;
  lessons: ParsedLesson[];
  /** null: the module declares it has no final assessment. */
  assessment: (AssessmentSettings & { questions: Question[] }) | null;
  /** Knowledge checks with the lesson that places them. */
  checks: Array<Question & { lessonSlug: string }>;
  /** The module's own survey, else the shared one; null when there is none. */
  survey: ParsedSurvey | null;
}

export interface ParsedSurvey {
  /** "shared" for courses/survey.yaml, else the module slug. */
  key: string;
  items: SurveyItem[];
}

/** A problem inside one file, before the loader knows which file it is. */
export interface LineProblem {
  line: number;
  message: string;
}
