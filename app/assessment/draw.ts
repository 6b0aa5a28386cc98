import { createRandom, shuffle } from "./random";
import type { Question } from "~/content/questions";

/** Drawing rules of docs/course-format.md ("Questions: quiz.yaml"): which questions an attempt gets, in which order. */

export interface BankQuestion {
  id: string;
  topic: string | null;
}

export interface DrawRequest {
  /** The assessment's question bank in authored order. */
  bank: readonly BankQuestion[];
  count: number;
  /** The attempt's seed: the same request always draws the same questions in the same order. */
  seed: string;
  /** The question ids of the learner's earlier attempts at this assessment, oldest first. */
  history: readonly (readonly string[])[];
}

/**
 * Draws `count` question ids: one question for every topic first, then the rest of the bank;
 * within both steps the questions the learner has seen in the fewest earlier attempts come
 * first, ties broken at random. The result is shuffled so topics and old and new questions mix.
 * So a resit gets only questions the learner has not seen while the bank has enough of them
 * (a bank of at least twice the draw, for the first resit) and every topic still has one.
 */
export function drawQuestions({ bank, count, seed, history }: DrawRequest): string[] {
  if (new Set(bank.map((q) => q.id)).size !== bank.length) throw new Error("The question bank has duplicate ids");
  const topics = new Set(bank.flatMap((q) => (q.topic === null ? [] : [q.topic])));
  if (!Number.isInteger(count) || count < 0) throw new Error(`Cannot draw ${count} questions`);
  if (count > bank.length) throw new Error(`Cannot draw ${count} questions from a bank of ${bank.length}`);
  if (count < topics.size) throw new Error(`Drawing ${count} questions cannot cover ${topics.size} topics`);

  const timesSeen = new Map<string, number>();
  for (const attempt of history) {
    for (const id of new Set(attempt)) timesSeen.set(id, (timesSeen.get(id) ?? 0) + 1);
  }
  const random = createRandom(seed);
  // Shuffling before a stable sort breaks ties between equally often seen questions at random.
  const preferred = shuffle(bank, random).sort((a, b) => (timesSeen.get(a.id) ?? 0) - (timesSeen.get(b.id) ?? 0));

  const drawn = new Set<BankQuestion>();
  const coveredTopics = new Set<string>();
  for (const question of preferred) {
    if (question.topic !== null && !coveredTopics.has(question.topic)) {
      coveredTopics.add(question.topic);
      drawn.add(question);
    }
  }
  for (const question of preferred) {
    if (drawn.size >= count) break;
    drawn.add(question);
  }
  return shuffle([...drawn], random).map((q) => q.id);
}

/**
 * The order to show a question's options in, as authored option indices. True/false keeps
 * "true" before "false"; other types are shuffled. Pass a seed made of the attempt's seed and the
 * question id (e.g. `${attemptSeed}:${question.id}`) so each question gets its own order and a
 * page reload shows the same one.
 */
export function optionOrder(question: Pick<Question, "type" | "options">, seed: string): number[] {
  const authored = question.options.map((_, index) => index);
  if (question.type === "true_false") return authored;
  return shuffle(authored, createRandom(seed));
}
