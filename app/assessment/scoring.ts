import type { Question } from "~/content/questions";

/** Scoring rules of docs/course-format.md ("Questions: quiz.yaml"), shared by the quiz engine and its tests. */

export type ScoredQuestion = Pick<Question, "type" | "options">;

export type SelectionCheck = "ok" | "empty" | "too_many" | "unknown_option" | "duplicate";

/** Float sums of fractional scores can land a hair below an exact pass mark. */
const PASS_EPSILON = 1e-9;

/**
 * Whether `selected` (authored option indices) is an answer the question accepts. An empty answer
 * is reported as "empty" rather than rejected: it may be submitted and scores 0.
 */
export function validateSelection(question: ScoredQuestion, selected: readonly number[]): SelectionCheck {
  if (selected.length === 0) return "empty";
  const seen = new Set<number>();
  for (const index of selected) {
    if (!Number.isInteger(index) || index < 0 || index >= question.options.length) return "unknown_option";
    if (seen.has(index)) return "duplicate";
    seen.add(index);
  }
  if (question.type !== "multiple" && selected.length > 1) return "too_many";
  return "ok";
}

/**
 * The question's score in [0, 1]: one option picked, 1 if it is correct; multiple response,
 * (correct ticks − wrong ticks) ÷ number of correct options, at least 0. Throws on a selection
 * validateSelection rejects, so an invalid answer can never be scored by accident.
 */
export function scoreQuestion(question: ScoredQuestion, selected: readonly number[]): number {
  const check = validateSelection(question, selected);
  if (check !== "ok" && check !== "empty") throw new Error(`Cannot score an invalid selection: ${check}`);
  const ticks = selected.map((index) => question.options[index]!);
  if (question.type !== "multiple") return ticks[0]?.correct ? 1 : 0;
  const correctOptions = question.options.filter((o) => o.correct).length;
  if (correctOptions === 0) throw new Error("A multiple response question needs at least one correct option");
  const correctTicks = ticks.filter((o) => o.correct).length;
  const wrongTicks = ticks.length - correctTicks;
  return Math.max(0, (correctTicks - wrongTicks) / correctOptions);
}

export function isFullyCorrect(question: ScoredQuestion, selected: readonly number[]): boolean {
  return scoreQuestion(question, selected) === 1;
}

export interface AttemptScore {
  /** Sum of the question scores. */
  earned: number;
  /** Number of questions: each is worth 1. */
  possible: number;
  /** earned ÷ possible as a percentage rounded to one decimal, for display only. */
  percent: number;
  passed: boolean;
}

/**
 * An attempt's score. Passing compares the exact score with `passMark` (a percentage), never the
 * rounded `percent`: 69.96% shows as 70.0 but does not pass a mark of 70.
 */
export function scoreAttempt(
  items: readonly { question: ScoredQuestion; selected: readonly number[] }[],
  passMark: number,
): AttemptScore {
  const possible = items.length;
  if (possible === 0) return { earned: 0, possible: 0, percent: 0, passed: false };
  const earned = items.reduce((sum, item) => sum + scoreQuestion(item.question, item.selected), 0);
  return {
    earned,
    possible,
    percent: Math.round((earned / possible) * 1000) / 10,
    passed: earned * 100 + PASS_EPSILON >= passMark * possible,
  };
}

/**
 * The points an attempt of `possible` questions needs to pass, for telling the learner what the
 * pass mark means ("7 of 10"). Every question is worth one point, so this is exact, not rounded:
 * a mark of 70 % over 6 questions needs 4.2 points, which partial credit can reach.
 */
export function pointsToPass(passMark: number, possible: number): number {
  return Math.round(passMark * possible) / 100;
}
