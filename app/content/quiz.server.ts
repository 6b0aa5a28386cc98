import { z } from "zod";

import { isLocale, LOCALES } from "~/domain/constants";
import type { Locale } from "~/domain/constants";
import { QUESTION_TYPES } from "./questions";
import type { AssessmentSettings, LocalText, Question, QuestionType, SurveyItem } from "./questions";
import { list, readYamlFile, wholeNumber } from "./front-matter.server";
import type { FrontMatterResult } from "./front-matter.server";
import type { LineProblem } from "./types";

/**
 * Readers for the bilingual YAML files of a module: `quiz.yaml` (knowledge checks and the final
 * assessment's item bank) and `survey.yaml` (attitude items). Rules are in docs/course-format.md.
 */

export interface ParsedQuiz {
  assessment: (AssessmentSettings & { questions: Question[] }) | null;
  checks: Question[];
}

export interface QuizFileResult {
  quiz: ParsedQuiz | null;
  problems: LineProblem[];
  /** File line of the key at `path` (e.g. `["checks", 0, "id"]`), for problems found across files. */
  lineOf(path: ReadonlyArray<string | number>): number;
}

export interface QuizContext {
  /** The module's languages: every text needs each of them, and no other. */
  languages: readonly Locale[];
  /** Number of objectives in module.md; `objectives` refers to them by 1-based number. */
  objectiveCount: number;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_OPTIONS: Record<QuestionType, number> = { single: 6, scenario: 6, multiple: 8, true_false: 2 };

export function readQuizFile(source: string, context: QuizContext): QuizFileResult {
  const result = readYamlFile(source, quizFileSchema(context));
  return {
    quiz: result.data ? toQuiz(result.data) : null,
    problems: result.problems,
    lineOf: result.lineOf,
  };
}

export interface SurveyFileResult {
  items: SurveyItem[] | null;
  problems: LineProblem[];
}

export function readSurveyFile(source: string, languages: readonly Locale[]): SurveyFileResult {
  const result: FrontMatterResult<z.output<ReturnType<typeof surveyFileSchema>>> = readYamlFile(
    source,
    surveyFileSchema(languages),
  );
  const items = result.data?.items.map((item) => ({ id: item.id, reverse: item.reverse, text: item.text }));
  return { items: items ?? null, problems: result.problems };
}

// ---------------------------------------------------------------------------------------------
// Schemas

function slug(key: string) {
  return z
    .string({ invalid_type_error: `${key} must be text` })
    .regex(SLUG, `${key} must be lowercase letters, digits and hyphens`);
}

/** One text per language of the module, e.g. `{ nl: ..., en: ... }`. */
function localText(key: string, languages: readonly Locale[]) {
  return z
    .record(z.unknown(), {
      invalid_type_error: `${key} must have one text per language (${languages.join(", ")})`,
    })
    .superRefine((value, ctx) => {
      for (const language of languages) {
        const entry = value[language];
        if (entry === undefined || entry === null) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${key}: missing "${language}" translation` });
        } else if (typeof entry !== "string" || entry.trim() === "") {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [language],
            message: `${key} "${language}" must be non-empty text`,
          });
        }
      }
      for (const other of Object.keys(value)) {
        if (languages.includes(other as Locale)) continue;
        const message = isLocale(other)
          ? `${key} has "${other}" text, but module.md does not list "${other}" under languages`
          : `${key}: unknown language "${other}" (allowed: ${LOCALES.join(", ")})`;
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [other], message });
      }
    })
    .transform((value) => {
      const texts: LocalText = {};
      for (const language of languages) texts[language] = String(value[language]).trim();
      return texts;
    });
}

function optionSchema(languages: readonly Locale[]) {
  return z
    .object({
      text: localText("option text", languages),
      correct: z.boolean({ invalid_type_error: "correct must be true or false" }).default(false),
      feedback: localText("option feedback", languages),
    })
    .strict();
}

function questionSchema(context: QuizContext, kind: "assessment" | "check") {
  const { languages, objectiveCount } = context;
  const objective = z
    .number({ invalid_type_error: "an objective is referred to by its number in module.md" })
    .int("an objective is referred to by its number in module.md")
    .refine(
      (value) => value >= 1 && value <= objectiveCount,
      (value) => ({
        message: `objective ${value} does not exist: module.md has ${objectiveCount} objective${objectiveCount === 1 ? "" : "s"}`,
      }),
    );
  return z
    .object({
      id: slug("id"),
      type: z.string({ invalid_type_error: "type must be text" }).refine(
        (value) => (QUESTION_TYPES as readonly string[]).includes(value),
        (value) => ({ message: `unknown question type "${value}" (allowed: ${QUESTION_TYPES.join(", ")})` }),
      ),
      topic: slug("topic").optional(),
      objectives: list("objectives", objective).optional(),
      scenario: localText("scenario", languages).optional(),
      text: localText("text", languages),
      options: z.array(optionSchema(languages), { invalid_type_error: "options must be a list" }).optional(),
      answer: z.boolean({ invalid_type_error: "answer must be true or false" }).optional(),
      feedback_true: localText("feedback_true", languages).optional(),
      feedback_false: localText("feedback_false", languages).optional(),
      explanation: localText("explanation", languages),
    })
    .strict()
    .superRefine((question, ctx) => {
      const problem = (message: string, path: Array<string | number> = []) =>
        ctx.addIssue({ code: z.ZodIssueCode.custom, message, path });
      const type = question.type as QuestionType;
      if (!(QUESTION_TYPES as readonly string[]).includes(type)) return;
      if (kind === "check") {
        if (question.topic !== undefined)
          problem("a knowledge check has no topic (topics group assessment questions)", ["topic"]);
        if (question.objectives !== undefined)
          problem("a knowledge check has no objectives (only assessment questions are tagged)", ["objectives"]);
      } else if (question.objectives === undefined) {
        problem('missing key "objectives": list the numbers of the objectives this question tests', ["id"]);
      }
      if (type === "scenario" && question.scenario === undefined)
        problem('a scenario question needs a "scenario" text', ["type"]);
      if (type !== "scenario" && question.scenario !== undefined)
        problem('only a scenario question has a "scenario" text', ["scenario"]);

      if (type === "true_false") {
        if (question.options !== undefined)
          problem("a true_false question has no options: use answer, feedback_true and feedback_false", ["options"]);
        if (question.answer === undefined)
          problem('a true_false question needs "answer: true" or "answer: false"', ["type"]);
        if (question.feedback_true === undefined) problem('a true_false question needs "feedback_true"', ["type"]);
        if (question.feedback_false === undefined) problem('a true_false question needs "feedback_false"', ["type"]);
        return;
      }
      for (const key of ["answer", "feedback_true", "feedback_false"] as const) {
        if (question[key] !== undefined)
          problem(`"${key}" belongs to true_false questions; this one is ${type}`, [key]);
      }
      const options = question.options;
      if (options === undefined) return problem(`a ${type} question needs options`, ["type"]);
      if (options.length < 2 || options.length > MAX_OPTIONS[type]) {
        problem(`a ${type} question needs 2 to ${MAX_OPTIONS[type]} options (has ${options.length})`, ["options"]);
      }
      const correct = options.filter((option) => option.correct).length;
      if (correct === 0) problem("no correct option: mark one with correct: true", ["options"]);
      else if (correct > 1 && type !== "multiple") {
        problem(`a ${type} question has exactly one correct option (has ${correct}); use type multiple for more`, [
          "options",
        ]);
      }
    });
}

function quizFileSchema(context: QuizContext) {
  const questions = (kind: "assessment" | "check") =>
    z.array(questionSchema(context, kind), {
      invalid_type_error: `${kind === "check" ? "checks" : "questions"} must be a list`,
    });
  return z
    .object({
      assessment: z
        .object({
          pass_mark: wholeNumber("pass_mark", 1, 100),
          draw: wholeNumber("draw", 1, 100),
          max_attempts: wholeNumber("max_attempts", 1, 10),
          wait_minutes: wholeNumber("wait_minutes", 0, 10080),
          questions: questions("assessment").min(1, "questions must list at least one question"),
        })
        .strict()
        .optional(),
      checks: questions("check").optional(),
    })
    .strict()
    .superRefine((file, ctx) => {
      const seen = new Map<string, string>();
      // `where` names the first use the way an author counts: "assessment question 1", "check 2".
      const visit = (id: string, path: Array<string | number>, where: string) => {
        const earlier = seen.get(id);
        if (earlier)
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [...path, "id"],
            message: `duplicate question id "${id}" (also ${earlier})`,
          });
        else seen.set(id, where);
      };
      file.assessment?.questions.forEach((question, index) =>
        visit(question.id, ["assessment", "questions", index], `assessment question ${index + 1}`),
      );
      file.checks?.forEach((question, index) => visit(question.id, ["checks", index], `check ${index + 1}`));

      const assessment = file.assessment;
      if (!assessment) return;
      const bank = assessment.questions.length;
      if (bank < assessment.draw) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["assessment", "draw"],
          message: `the item bank has ${bank} question${bank === 1 ? "" : "s"}, fewer than draw (${assessment.draw})`,
        });
      }
      const topics = new Set(assessment.questions.flatMap((question) => (question.topic ? [question.topic] : [])));
      if (topics.size > assessment.draw) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["assessment", "draw"],
          message: `draw (${assessment.draw}) is smaller than the number of topics (${topics.size}), so a draw cannot cover every topic`,
        });
      }
    });
}

function surveyFileSchema(languages: readonly Locale[]) {
  return z
    .object({
      items: z
        .array(
          z
            .object({
              id: slug("id"),
              reverse: z.boolean({ invalid_type_error: "reverse must be true or false" }).default(false),
              text: localText("text", languages),
            })
            .strict(),
          { invalid_type_error: "items must be a list" },
        )
        .min(3, "a survey needs 3 to 12 items")
        .max(12, "a survey needs 3 to 12 items")
        .superRefine((items, ctx) => {
          const seen = new Set<string>();
          items.forEach((item, index) => {
            if (seen.has(item.id))
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: [index, "id"],
                message: `duplicate item id "${item.id}"`,
              });
            seen.add(item.id);
          });
        }),
    })
    .strict();
}

// ---------------------------------------------------------------------------------------------
// From validated YAML to the engine's shapes

type QuestionData = z.output<ReturnType<typeof questionSchema>>;

function toQuestion(data: QuestionData): Question {
  const type = data.type as QuestionType;
  const options =
    type === "true_false"
      ? [
          { text: null, correct: data.answer === true, feedback: data.feedback_true ?? {} },
          { text: null, correct: data.answer === false, feedback: data.feedback_false ?? {} },
        ]
      : (data.options ?? []).map((option) => ({
          text: option.text,
          correct: option.correct,
          feedback: option.feedback,
        }));
  return {
    id: data.id,
    type,
    topic: data.topic ?? null,
    objectives: data.objectives ?? [],
    scenario: data.scenario ?? null,
    text: data.text,
    options,
    explanation: data.explanation,
  };
}

function toQuiz(data: z.output<ReturnType<typeof quizFileSchema>>): ParsedQuiz {
  const assessment = data.assessment;
  return {
    assessment: assessment
      ? {
          passMark: assessment.pass_mark,
          draw: assessment.draw,
          maxAttempts: assessment.max_attempts,
          waitMinutes: assessment.wait_minutes,
          questions: assessment.questions.map(toQuestion),
        }
      : null,
    checks: (data.checks ?? []).map(toQuestion),
  };
}
