import type { PrismaClient } from "@prisma/client";

import type { AssessmentSettings, Question, QuestionType, SurveyItem } from "../../../app/content/questions";
import type { ParsedModule, ParsedSurvey } from "../../../app/content/types";

/**
 * Parsed modules and questions for tests that seed a database through `syncCourses`, so the
 * rows are exactly what a real sync writes. Every text names its question and option, and
 * feedback and explanations carry the markers FEEDBACK and UITLEG/EXPLANATION, so a test can
 * search rendered output for anything that should not be there.
 */

/**
 * A question whose options are correct where `pattern` has a C ("CWW": three options, the
 * first correct). True/false questions take "CW" (answer true) or "WC" (answer false).
 */
export function question(id: string, type: QuestionType, pattern: string, topic: string | null = null): Question {
  return {
    id,
    type,
    topic,
    objectives: [1],
    scenario: type === "scenario" ? { nl: `Casus ${id}`, en: `Case ${id}` } : null,
    text: { nl: `Vraag ${id}`, en: `Question ${id}` },
    options: [...pattern].map((flag, index) => ({
      text: type === "true_false" ? null : { nl: `${id} optie ${index}`, en: `${id} option ${index}` },
      correct: flag === "C",
      feedback: { nl: `FEEDBACK ${id} ${index}`, en: `FEEDBACK-EN ${id} ${index}` },
    })),
    explanation: { nl: `UITLEG ${id}`, en: `EXPLANATION ${id}` },
  };
}

export interface ModuleSpec {
  slug: string;
  position?: number;
  /** Lesson slugs in order. */
  lessons: string[];
  assessment?: (AssessmentSettings & { questions: Question[] }) | null;
  checks?: Array<Question & { lessonSlug: string }>;
  survey?: ParsedSurvey | null;
  /** Change it to make `syncCourses` rewrite the module. */
  version?: string;
}

export function parsedModule(spec: ModuleSpec): ParsedModule {
  const version = spec.version ?? "1";
  return {
    slug: spec.slug,
    position: spec.position ?? 1,
    sectors: ["bank"],
    minutes: 20,
    estimatedMinutes: 20,
    languages: ["nl", "en"],
    contentHash: `hash-${spec.slug}-${version}`,
    locales: {
      nl: {
        title: `Module ${spec.slug}`,
        summary: "Kort.",
        objectives: ["Je leert iets."],
        introHtml: "",
        about: null,
      },
      en: {
        title: `Module ${spec.slug} (en)`,
        summary: "Short.",
        objectives: ["You learn something."],
        introHtml: "",
        about: null,
      },
    },
    lessons: spec.lessons.map((slug, index) => ({
      slug,
      position: index + 1,
      minutes: 5,
      contentHash: `hash-${spec.slug}/${slug}`,
      locales: {
        nl: { title: `Les ${slug}`, html: `<p>${slug}</p>` },
        en: { title: `Lesson ${slug}`, html: `<p>${slug}</p>` },
      },
    })),
    assessment: spec.assessment ?? null,
    checks: spec.checks ?? [],
    survey: spec.survey ?? null,
  };
}

export function surveyItem(id: string, reverse = false): SurveyItem {
  return { id, reverse, text: { nl: `Stelling ${id}`, en: `Statement ${id}` } };
}

let learners = 0;

export async function createLearner(db: PrismaClient, name = "Leerling"): Promise<string> {
  learners++;
  const user = await db.user.create({
    data: { email: `leerling-${learners}@example.nl`, name, passwordHash: "x", sector: "bank" },
  });
  return user.id;
}
