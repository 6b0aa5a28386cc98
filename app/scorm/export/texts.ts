import { en as quizEn, nl as quizNl } from "~/i18n/messages/quiz";
import type { Locale } from "~/domain/constants";

/**
 * Interface texts of an exported SCORM package. The package runs outside the platform (inside
 * another LMS), so it cannot use the i18n layer: each package carries the table of its own
 * language. Question, check and assessment phrases are the platform's own (app/i18n/messages/quiz.ts),
 * so learners meet the same wording; the rest is particular to a package.
 */

const SHARED_KEYS = [
  "quiz.true",
  "quiz.false",
  "quiz.chooseOne",
  "quiz.chooseAll",
  "quiz.judge",
  "quiz.scenario",
  "quiz.explanation",
  "quiz.correctOption",
  "quiz.wrongOption",
  "quiz.chosen",
  "check.title",
  "check.hint",
  "check.submit",
  "check.retry",
  "check.correct",
  "check.partly",
  "check.noAnswer",
  "assessment.title",
  "assessment.intro",
  "assessment.rules",
  "assessment.questionCount",
  "assessment.passMark",
  "assessment.attemptsAllowed",
  "assessment.waitRule",
  "assessment.noWait",
  "assessment.resumeRule",
  "assessment.start",
  "assessment.resit",
  "assessment.waiting",
  "assessment.passed",
  "assessment.noAttemptsLeft",
  "assessment.attemptOf",
  "assessment.question",
  "assessment.submit",
  "assessment.resultTitle",
  "assessment.resultScore",
  "assessment.resultPassedText",
  "assessment.resultFailedText",
  "assessment.moduleCompleted",
  "assessment.reviewList",
] as const satisfies ReadonlyArray<keyof typeof quizNl>;

type SharedKey = (typeof SHARED_KEYS)[number];

const nl = {
  skipLink: "Naar de inhoud",
  contents: "Inhoud van de module",
  introduction: "Introductie",
  objectives: "Leerdoelen",
  startLessons: "Begin met de eerste les",
  lessonOf: "Les {position} van {total}",
  minutes: "{minutes} minuten",
  previous: "Vorige",
  next: "Volgende les",
  toAssessment: "Naar de toets",
  backToIntro: "Terug naar de introductie",
  visited: "gelezen",
  noScript: "Zet JavaScript aan om je voortgang op te slaan en de oefenvragen en de toets te maken.",
  noLms:
    "Er is geen leeromgeving (LMS) gevonden. Je kunt de module lezen, maar je voortgang en je resultaat worden niet opgeslagen.",
  reviewMode: "Je bekijkt deze module opnieuw. Je voortgang en resultaat veranderen niet.",
  lessonNavigation: "Navigatie tussen de lessen",
  footer: "Stigmavrij — training over sekswerk en stigma",
  lessonsOpen: "Lees eerst alle lessen. Daarna kun je de toets maken.",
  toUnreadLesson: "Naar de eerste les die je nog niet hebt gelezen",
  unansweredConfirm:
    "Je hebt {count} vraag of vragen nog niet beantwoord. Een vraag zonder antwoord telt als fout. Klik nog een keer op inleveren om toch in te leveren.",
} as const;

export type RuntimeTextKey = keyof typeof nl | SharedKey;
export type RuntimeTexts = Record<RuntimeTextKey, string>;

const en: Record<keyof typeof nl, string> = {
  skipLink: "Skip to content",
  contents: "Module contents",
  introduction: "Introduction",
  objectives: "Learning objectives",
  startLessons: "Start with the first lesson",
  lessonOf: "Lesson {position} of {total}",
  minutes: "{minutes} minutes",
  previous: "Previous",
  next: "Next lesson",
  toAssessment: "Go to the assessment",
  backToIntro: "Back to the introduction",
  visited: "read",
  noScript: "Turn on JavaScript to save your progress and to answer the practice questions and the assessment.",
  noLms:
    "No learning environment (LMS) was found. You can read the module, but your progress and your result are not saved.",
  reviewMode: "You are reviewing this module. Your progress and result do not change.",
  lessonNavigation: "Navigation between lessons",
  footer: "Stigmavrij — training about sex work and stigma",
  lessonsOpen: "Read every lesson first. Then you can take the assessment.",
  toUnreadLesson: "Go to the first lesson you have not read yet",
  unansweredConfirm:
    "You have not answered {count} question(s) yet. A question without an answer counts as wrong. Select submit again to hand it in anyway.",
};

function shared(messages: Record<SharedKey, string>): Record<SharedKey, string> {
  return Object.fromEntries(SHARED_KEYS.map((key) => [key, messages[key]])) as Record<SharedKey, string>;
}

export const RUNTIME_TEXTS: Record<Locale, RuntimeTexts> = {
  nl: { ...shared(quizNl), ...nl },
  en: { ...shared(quizEn), ...en },
};
