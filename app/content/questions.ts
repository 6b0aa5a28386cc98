import type { Locale } from "~/domain/constants";

/** Question and survey shapes: the course format defines them; the content loader, the database sync, the quiz engine and the survey read them. */

export const QUESTION_TYPES = ["single", "multiple", "true_false", "scenario"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** One text in every language the module offers. */
export type LocalText = Partial<Record<Locale, string>>;

export interface QuestionOption {
  /** null for the two options of a true/false question: the platform labels them. */
  text: LocalText | null;
  correct: boolean;
  feedback: LocalText;
}

export interface Question {
  /** Stable id, unique within the module (a slug). */
  id: string;
  type: QuestionType;
  /** Assessment questions only: every topic is covered by every draw. */
  topic: string | null;
  /** 1-based numbers of the module objectives the question tests. */
  objectives: number[];
  /** The case a scenario question starts from; null for other types. */
  scenario: LocalText | null;
  text: LocalText;
  /** In authored order. A true/false question has exactly two: "true" (index 0) and "false" (1). */
  options: QuestionOption[];
  explanation: LocalText;
}

export interface AssessmentSettings {
  passMark: number;
  draw: number;
  maxAttempts: number;
  waitMinutes: number;
}

export interface SurveyItem {
  id: string;
  /** Agreeing is the stigmatising answer: reports flip the scale. */
  reverse: boolean;
  text: LocalText;
}

/** Likert scale used by every attitude survey: 1 = strongly disagree … 5 = strongly agree. */
export const LIKERT_MIN = 1;
export const LIKERT_MAX = 5;
