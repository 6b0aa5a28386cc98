import type { Locale } from "~/domain/constants";
import type { Question } from "./questions";

/**
 * Item-writing lint for a module's assessment bank: flaws that let a test-wise learner pass
 * without the knowledge, or that test recall where the objectives ask for application. The
 * rules are heuristics on purpose: `courses:check` prints them as warnings and only fails on them
 * with `--strict` (which CI uses for the shipped courses). docs/course-format.md defines each rule.
 */

export const ITEM_LINT_RULES = [
  "longest-key",
  "true-false-balance",
  "topic-objective",
  "number-recall",
  "stem-echo",
] as const;
export type ItemLintRule = (typeof ITEM_LINT_RULES)[number];

export interface ItemLintFinding {
  rule: ItemLintRule;
  /** Index of the question in the bank; null when the finding concerns the bank as a whole. */
  questionIndex: number | null;
  message: string;
}

/** Above this share of single/scenario items whose key is the longest option, length is a cue. */
export const LONGEST_KEY_MAX_SHARE = 1 / 3;
/** Above this share of true/false items keyed one way, "always answer false" pays. */
export const TRUE_FALSE_MAX_SHARE = 0.65;
/** Stem words shorter than this are too common to cue an answer. */
const STEM_WORD_MIN_LETTERS = 6;

export function lintItemBank(questions: readonly Question[], languages: readonly Locale[]): ItemLintFinding[] {
  return [
    ...longestKey(questions, languages),
    ...trueFalseBalance(questions),
    ...topicObjective(questions),
    ...questions.flatMap((question, index) => numberRecall(question, index, languages)),
    ...questions.flatMap((question, index) => stemEcho(question, index, languages)),
  ];
}

function hasOneKey(question: Question): boolean {
  return question.type === "single" || question.type === "scenario";
}

function optionText(question: Question, index: number, language: Locale): string {
  return (question.options[index]?.text?.[language] ?? "").trim();
}

/** The keyed option is strictly longer (in characters) than every distractor. */
export function keyIsLongest(question: Question, language: Locale): boolean {
  const keyIndex = question.options.findIndex((option) => option.correct);
  if (keyIndex === -1 || question.options.length < 2) return false;
  const keyLength = optionText(question, keyIndex, language).length;
  return question.options.every(
    (_, index) => index === keyIndex || optionText(question, index, language).length < keyLength,
  );
}

function longestKey(questions: readonly Question[], languages: readonly Locale[]): ItemLintFinding[] {
  const items = questions.filter(hasOneKey);
  if (items.length === 0) return [];
  return languages.flatMap((language) => {
    const longest = items.filter((question) => keyIsLongest(question, language));
    if (longest.length <= items.length * LONGEST_KEY_MAX_SHARE) return [];
    return [
      {
        rule: "longest-key" as const,
        questionIndex: null,
        message:
          `the keyed option is the longest option in ${longest.length} of ${items.length} single/scenario ` +
          `questions (${language}), more than a third, so length gives the answer away: ` +
          longest.map((question) => question.id).join(", "),
      },
    ];
  });
}

function trueFalseBalance(questions: readonly Question[]): ItemLintFinding[] {
  const items = questions.filter((question) => question.type === "true_false");
  const trueCount = items.filter((question) => question.options[0]?.correct === true).length;
  const falseCount = items.length - trueCount;
  const majority = Math.max(trueCount, falseCount);
  // A difference of one is always allowed, so an odd number of items can be split evenly.
  if (
    items.length === 0 ||
    majority / items.length <= TRUE_FALSE_MAX_SHARE ||
    majority - (items.length - majority) <= 1
  ) {
    return [];
  }
  const side = trueCount > falseCount ? "true" : "false";
  return [
    {
      rule: "true-false-balance",
      questionIndex: null,
      message:
        `${majority} of ${items.length} true/false questions are keyed "${side}" ` +
        `(more than ${Math.round(TRUE_FALSE_MAX_SHARE * 100)} %), so guessing "${side}" pays`,
    },
  ];
}

/**
 * A topic's objectives are those tested by more than half of its questions (or, without such a
 * majority, the most frequent ones). A question that tests none of them sits in the wrong topic
 * or carries the wrong objectives.
 */
function topicObjective(questions: readonly Question[]): ItemLintFinding[] {
  const byTopic = new Map<string, number[]>();
  questions.forEach((question, index) => {
    if (question.topic === null) return;
    byTopic.set(question.topic, [...(byTopic.get(question.topic) ?? []), index]);
  });
  const findings: ItemLintFinding[] = [];
  for (const [topic, indices] of byTopic) {
    if (indices.length < 2) continue;
    const counts = new Map<number, number>();
    for (const index of indices) {
      for (const objective of new Set(questions[index]?.objectives ?? [])) {
        counts.set(objective, (counts.get(objective) ?? 0) + 1);
      }
    }
    const majority = [...counts].filter(([, count]) => count > indices.length / 2).map(([objective]) => objective);
    const most = Math.max(0, ...counts.values());
    const topicObjectives =
      majority.length > 0 ? majority : [...counts].filter(([, count]) => count === most).map(([o]) => o);
    topicObjectives.sort((a, b) => a - b);
    for (const index of indices) {
      const question = questions[index];
      if (!question || question.objectives.some((objective) => topicObjectives.includes(objective))) continue;
      findings.push({
        rule: "topic-objective",
        questionIndex: index,
        message:
          `"${question.id}" is in topic "${topic}", whose questions test objective ${topicObjectives.join(", ")}, ` +
          `but it tests objective ${question.objectives.join(", ") || "none"}: fix its topic or its objectives`,
      });
    }
  }
  return findings;
}

const NUMBER_QUESTION = [
  /\bhoeveel\b/i,
  /\bwelke? percentage\b/i,
  /\bin welk jaar\b/i,
  /\bsinds wanneer\b/i,
  /\bhoe vaak\b/i,
  /\bhow (?:many|much|often)\b/i,
  /\bwhat percentage\b/i,
  /\b(?:in )?(?:what|which) year\b/i,
  /\bsince when\b/i,
];
const PERCENTAGE = /\d\s*(?:%|procent\b|per ?cent\b)/i;

/**
 * A stem that asks for a number, a percentage or a year, options that all hold a digit, or a
 * true/false statement that turns on a percentage: the item tests recall of a figure.
 */
function numberRecall(question: Question, index: number, languages: readonly Locale[]): ItemLintFinding[] {
  for (const language of languages) {
    const stem = question.text[language] ?? "";
    const asksNumber = NUMBER_QUESTION.some((pattern) => pattern.test(stem));
    const allDigits =
      question.type !== "true_false" &&
      question.options.length >= 2 &&
      question.options.every((_, optionIndex) => /\d/.test(optionText(question, optionIndex, language)));
    const statesPercentage = question.type === "true_false" && PERCENTAGE.test(stem);
    if (asksNumber || allDigits || statesPercentage) {
      const why = asksNumber
        ? "its stem asks for a number, percentage or year"
        : allDigits
          ? "every option is a figure"
          : "the statement turns on a percentage";
      return [
        {
          rule: "number-recall",
          questionIndex: index,
          message: `"${question.id}" tests recall of a figure (${why}, ${language}): ask the learner to apply the fact instead`,
        },
      ];
    }
  }
  return [];
}

/** Function words of six letters or more that carry no answer. */
const STOP_WORDS = new Set([
  "waarom",
  "wanneer",
  "zonder",
  "tussen",
  "alleen",
  "kunnen",
  "moeten",
  "worden",
  "zouden",
  "hebben",
  "iemand",
  "volgens",
  "daarom",
  "antwoord",
  "antwoorden",
  "stelling",
  "should",
  "because",
  "without",
  "before",
  "during",
  "whether",
  "answer",
  "answers",
  "correct",
  "statement",
  "someone",
  "something",
  "others",
]);

function normalise(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** Comparison keys of the content words in a text: the first six letters of each long word. */
export function wordKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const raw of text.match(/[\p{L}]+/gu) ?? []) {
    const word = normalise(raw);
    if (word.length < STEM_WORD_MIN_LETTERS || STOP_WORDS.has(word)) continue;
    keys.add(word.slice(0, STEM_WORD_MIN_LETTERS));
  }
  return keys;
}

/**
 * A "clang" cue: a content word of the question text (not the case) comes back in the correct
 * option and in none of the wrong ones, so matching words finds the answer.
 */
function stemEcho(question: Question, index: number, languages: readonly Locale[]): ItemLintFinding[] {
  // In a multiple-response question every option is judged on its own, so a shared word does not
  // single one option out the way it does among the options of a one-answer question.
  if (!hasOneKey(question)) return [];
  for (const language of languages) {
    const stem = wordKeys(question.text[language] ?? "");
    const inCorrect = new Set<string>();
    const inWrong = new Set<string>();
    question.options.forEach((option, optionIndex) => {
      for (const key of wordKeys(optionText(question, optionIndex, language))) {
        if (stem.has(key)) (option.correct ? inCorrect : inWrong).add(key);
      }
    });
    const cues = [...inCorrect].filter((key) => !inWrong.has(key));
    if (cues.length > 0) {
      return [
        {
          rule: "stem-echo",
          questionIndex: index,
          message:
            `"${question.id}": only the correct option repeats the stem's ` +
            `word${cues.length === 1 ? "" : "s"} ${cues.map((cue) => `"${cue}…"`).join(", ")} (${language}): ` +
            "reword the stem or the options",
        },
      ];
    }
  }
  return [];
}
