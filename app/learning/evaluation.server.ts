import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { LIKERT_MAX, LIKERT_MIN } from "~/content/questions";
import type { Locale } from "~/domain/constants";
import { amsterdamIsoDate } from "~/utils/amsterdam";
import { pickLocale } from "~/domain/module-title";
import {
  EVALUATION_COMMENT_MAX,
  EVALUATION_MINUTES_MAX,
  EVALUATION_RATINGS,
  type EvaluationRating,
} from "./evaluation";

/**
 * The participant evaluation registers ask for (relevance, objectives achieved, quality,
 * independence from commercial interests, time spent, free text), offered once a learner has
 * completed a module. Separate from the attitude survey: that one measures change in attitude,
 * this one judges the module. One row per learner × module; the learner may skip it or change it.
 */

export { EVALUATION_RATINGS, type EvaluationRating } from "./evaluation";

const rating = z.coerce
  .number({ invalid_type_error: "evaluation.error.rating", required_error: "evaluation.error.rating" })
  .int("evaluation.error.rating")
  .min(LIKERT_MIN, "evaluation.error.rating")
  .max(LIKERT_MAX, "evaluation.error.rating");

/** What the form posts. Every value arrives as text; ratings and minutes must be whole numbers on their scale. */
export const EvaluationInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("skip") }).strict(),
  z
    .object({
      intent: z.literal("submit"),
      relevance: rating,
      objectivesMet: rating,
      quality: rating,
      independent: rating,
      minutesSpent: z
        .string({ required_error: "evaluation.error.minutes" })
        .trim()
        .regex(/^\d{1,3}$/, "evaluation.error.minutes")
        .transform(Number)
        .refine((value) => value >= 1 && value <= EVALUATION_MINUTES_MAX, "evaluation.error.minutes"),
      comment: z
        .string()
        .trim()
        .max(EVALUATION_COMMENT_MAX, "evaluation.error.comment")
        .optional()
        .transform((value) => (value ? value : null)),
    })
    .strict(),
]);
export type EvaluationInput = z.infer<typeof EvaluationInput>;

export interface EvaluationPage {
  moduleSlug: string;
  moduleTitle: string;
  contentLocale: string;
  values: Partial<Record<EvaluationRating, number>> & { minutesSpent?: number; comment?: string };
  /** Already answered or skipped before: the form then changes the earlier answer. */
  done: boolean;
}

async function completedModule(db: PrismaClient, moduleSlug: string, userId: string) {
  const module = await db.module.findFirst({
    where: { id: moduleSlug, archived: false },
    select: {
      id: true,
      locales: { select: { locale: true, title: true } },
      completions: { where: { userId }, select: { id: true } },
    },
  });
  if (!module) return { module: null, completed: false };
  return { module, completed: module.completions.length > 0 };
}

/** The form for a learner who completed the module; null when the module does not exist or is not completed. */
export async function getEvaluation(
  db: PrismaClient,
  { moduleSlug, userId, locale }: { moduleSlug: string; userId: string; locale: Locale },
): Promise<EvaluationPage | null> {
  const { module, completed } = await completedModule(db, moduleSlug, userId);
  if (!module || !completed) return null;
  const row = await db.moduleEvaluation.findUnique({ where: { userId_moduleId: { userId, moduleId: module.id } } });
  const text = pickLocale(module.locales, locale);
  const values: EvaluationPage["values"] = {};
  if (row && !row.skipped) {
    for (const key of EVALUATION_RATINGS) if (row[key] !== null) values[key] = row[key];
    if (row.minutesSpent !== null) values.minutesSpent = row.minutesSpent;
    if (row.comment !== null) values.comment = row.comment;
  }
  return {
    moduleSlug: module.id,
    moduleTitle: text?.title ?? module.id,
    contentLocale: text?.locale ?? locale,
    values,
    done: row !== null,
  };
}

/** Whether to offer the evaluation: the module is completed and the learner has neither answered nor skipped it. */
export async function evaluationPending(
  db: PrismaClient,
  { moduleSlug, userId }: { moduleSlug: string; userId: string },
): Promise<boolean> {
  const { module, completed } = await completedModule(db, moduleSlug, userId);
  if (!module || !completed) return false;
  const row = await db.moduleEvaluation.findUnique({
    where: { userId_moduleId: { userId, moduleId: module.id } },
    select: { userId: true },
  });
  return row === null;
}

/** yyyymm of the Amsterdam calendar day, as the dashboard's period filter counts months. */
function amsterdamMonth(date: Date): number {
  return Number(amsterdamIsoDate(date).slice(0, 7).replace("-", ""));
}

export type SaveEvaluationResult =
  | { ok: true }
  | { ok: false; error: "not_found" | "not_completed" }
  | { ok: false; error: "invalid"; fields: string[] };

/**
 * Stores the evaluation (or that it was skipped). Input that is not what the form sends —
 * unknown fields, values off the scale, a comment over the limit — is refused and changes nothing.
 */
export async function saveEvaluation(
  db: PrismaClient,
  { moduleSlug, userId, input, now = new Date() }: { moduleSlug: string; userId: string; input: unknown; now?: Date },
): Promise<SaveEvaluationResult> {
  const parsed = EvaluationInput.safeParse(input);
  const { module, completed } = await completedModule(db, moduleSlug, userId);
  if (!module) return { ok: false, error: "not_found" };
  if (!completed) return { ok: false, error: "not_completed" };
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "form")))];
    return { ok: false, error: "invalid", fields };
  }
  const value = parsed.data;
  const answers =
    value.intent === "skip"
      ? {
          skipped: true,
          relevance: null,
          objectivesMet: null,
          quality: null,
          independent: null,
          minutesSpent: null,
          comment: null,
        }
      : {
          skipped: false,
          relevance: value.relevance,
          objectivesMet: value.objectivesMet,
          quality: value.quality,
          independent: value.independent,
          minutesSpent: value.minutesSpent,
          comment: value.comment,
        };
  const data = { ...answers, submittedAt: now, month: amsterdamMonth(now) };
  await db.moduleEvaluation.upsert({
    where: { userId_moduleId: { userId, moduleId: module.id } },
    create: { userId, moduleId: module.id, ...data },
    update: data,
  });
  return { ok: true };
}
