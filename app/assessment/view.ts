import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import type { LocalText, Question, QuestionType } from "~/content/questions";

/**
 * What the browser may see of a question. `publicQuestion` is the only projection used before an
 * answer is in: it carries no correctness, feedback or explanation. Option values are display
 * positions, so the posted value says nothing about the authored order either.
 */

export interface PublicOption {
  /** Display position; the form posts this value. */
  value: number;
  /** null for true/false: 0 is "true", 1 is "false", labelled by the UI. */
  text: string | null;
}

export interface PublicQuestion {
  id: string;
  type: QuestionType;
  scenario: string | null;
  text: string;
  options: PublicOption[];
}

export interface ReviewedOption extends PublicOption {
  correct: boolean;
  chosen: boolean;
  feedback: string;
}

export interface ReviewedQuestion extends Omit<PublicQuestion, "options"> {
  options: ReviewedOption[];
  explanation: string;
  /** 0..1 */
  score: number;
}

export function localText(text: LocalText | null | undefined, locale: Locale): string {
  return text?.[locale] ?? text?.[DEFAULT_LOCALE] ?? "";
}

/** `order` lists authored option indices in display order. */
export function publicQuestion(question: Question, order: readonly number[], locale: Locale): PublicQuestion {
  return {
    id: question.id,
    type: question.type,
    scenario: question.scenario ? localText(question.scenario, locale) : null,
    text: localText(question.text, locale),
    options: order.map((authored, value) => {
      const option = question.options[authored];
      return { value, text: option?.text ? localText(option.text, locale) : null };
    }),
  };
}

export function reviewedQuestion(
  question: Question,
  order: readonly number[],
  selected: readonly number[],
  score: number,
  locale: Locale,
): ReviewedQuestion {
  const base = publicQuestion(question, order, locale);
  return {
    ...base,
    options: base.options.map((option) => {
      const authored = question.options[order[option.value] ?? -1];
      return {
        ...option,
        correct: authored?.correct ?? false,
        chosen: selected.includes(order[option.value] ?? -1),
        feedback: localText(authored?.feedback, locale),
      };
    }),
    explanation: localText(question.explanation, locale),
    score,
  };
}

/** Display positions → authored indices; null when a position does not exist or repeats. */
export function toAuthored(order: readonly number[], displayed: readonly number[]): number[] | null {
  const authored: number[] = [];
  for (const value of displayed) {
    const index = order[value];
    if (!Number.isInteger(value) || index === undefined || authored.includes(index)) return null;
    authored.push(index);
  }
  return authored;
}

/** Authored indices → display positions, for showing a saved selection. */
export function toDisplayed(order: readonly number[], authored: readonly number[]): number[] {
  return authored.map((index) => order.indexOf(index)).filter((value) => value >= 0);
}

/** Answers as a form posts them: `answer.<question id>` → display positions. */
export type PostedAnswers = Map<string, number[]>;

export type AnswerFormResult = { ok: true; answers: PostedAnswers } | { ok: false; error: "malformed" };

export const ANSWER_FIELD_PREFIX = "answer.";

/** Reads `answer.<id>` fields (repeated for multiple response); any other field is ignored. */
export function readAnswerForm(form: FormData): AnswerFormResult {
  const answers: PostedAnswers = new Map();
  for (const [name, value] of form.entries()) {
    if (!name.startsWith(ANSWER_FIELD_PREFIX)) continue;
    const id = name.slice(ANSWER_FIELD_PREFIX.length);
    if (typeof value !== "string" || !/^\d{1,2}$/.test(value) || id === "") return { ok: false, error: "malformed" };
    answers.set(id, [...(answers.get(id) ?? []), Number(value)]);
  }
  return { ok: true, answers };
}
