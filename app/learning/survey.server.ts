import type { PrismaClient } from "@prisma/client";

import { LIKERT_MAX, LIKERT_MIN } from "~/content/questions";
import type { LocalText } from "~/content/questions";
import { localText } from "~/assessment/view";
import type { Locale } from "~/domain/constants";
import type { LearningEvents } from "~/domain/learning-events";
import { pickLocale } from "~/domain/module-title";

/**
 * The attitude survey before the first lesson ("before") and after completion ("after"). A
 * learner's two answers to an item sit in one AttitudeAnswer row, so pairing is structural: the
 * reports read the change per item from it with one aggregate over the (moduleId, itemId) index.
 */

export const SURVEY_PHASES = ["before", "after"] as const;
export type SurveyPhase = (typeof SURVEY_PHASES)[number];

export interface SurveyPage {
  moduleSlug: string;
  moduleTitle: string;
  contentLocale: string;
  phase: SurveyPhase;
  items: Array<{ id: string; text: string; value: number | null }>;
  /** "answered" | "skipped" | null: what the learner did with this phase so far. */
  status: string | null;
}

async function surveyItems(db: PrismaClient, surveyKey: string) {
  return db.surveyItem.findMany({
    where: { surveyKey, archived: false },
    orderBy: { position: "asc" },
    select: { id: true, slug: true, text: true },
  });
}

export async function getSurvey(
  db: PrismaClient,
  { moduleSlug, userId, locale, phase }: { moduleSlug: string; userId: string; locale: Locale; phase: SurveyPhase },
): Promise<SurveyPage | null> {
  const module = await db.module.findFirst({
    where: { id: moduleSlug, archived: false },
    select: {
      id: true,
      surveyKey: true,
      locales: { select: { locale: true, title: true } },
      enrollments: { where: { userId }, select: { preSurvey: true, postSurvey: true } },
    },
  });
  if (!module?.surveyKey) return null;
  const items = await surveyItems(db, module.surveyKey);
  if (items.length === 0) return null;
  const answers = await db.attitudeAnswer.findMany({
    where: { userId, moduleId: module.id },
    select: { itemId: true, before: true, after: true },
  });
  const text = pickLocale(module.locales, locale);
  const enrollment = module.enrollments[0];
  return {
    moduleSlug: module.id,
    moduleTitle: text?.title ?? module.id,
    contentLocale: text?.locale ?? locale,
    phase,
    items: items.map((item) => {
      const answer = answers.find((candidate) => candidate.itemId === item.id);
      return {
        id: item.slug,
        text: localText(JSON.parse(item.text) as LocalText, locale),
        value: (phase === "before" ? answer?.before : answer?.after) ?? null,
      };
    }),
    status: (phase === "before" ? enrollment?.preSurvey : enrollment?.postSurvey) ?? null,
  };
}

/**
 * Whether the survey of `phase` should be offered: the module has one, it was neither answered
 * nor skipped, and it is the right moment (before the first lesson; after completion).
 */
export async function surveyPending(
  db: PrismaClient,
  { moduleSlug, userId, phase }: { moduleSlug: string; userId: string; phase: SurveyPhase },
): Promise<boolean> {
  const module = await db.module.findFirst({
    where: { id: moduleSlug, archived: false },
    select: { surveyKey: true, enrollments: { where: { userId }, select: { preSurvey: true, postSurvey: true } } },
  });
  if (!module?.surveyKey) return false;
  const enrollment = module.enrollments[0];
  const status = phase === "before" ? enrollment?.preSurvey : enrollment?.postSurvey;
  if (status) return false;
  if (phase === "before") {
    // "Before" means before any lesson: a learner who already started is not asked afterwards,
    // which would mix answers given after reading into the baseline.
    const started = await db.lessonProgress.count({ where: { userId, lesson: { moduleId: moduleSlug } } });
    if (started > 0) return false;
  } else {
    const completion = await db.moduleCompletion.findUnique({
      where: { userId_moduleId: { userId, moduleId: moduleSlug } },
      select: { id: true },
    });
    if (!completion) return false;
  }
  return (await db.surveyItem.count({ where: { surveyKey: module.surveyKey, archived: false } })) > 0;
}

export type SurveyAnswers = { skip: true } | { skip: false; values: Map<string, number> };

export type SaveSurveyResult = { ok: true } | { ok: false; error: "not_found" | "invalid_answer" | "not_completed" };

/**
 * Stores the answers of one phase (or that the learner skipped it). Every value must be on the
 * scale and belong to an item of this module's survey; unanswered items are allowed.
 */
export async function saveSurvey(
  db: PrismaClient,
  {
    moduleSlug,
    userId,
    phase,
    answers,
    events,
    now = new Date(),
  }: {
    moduleSlug: string;
    userId: string;
    phase: SurveyPhase;
    answers: SurveyAnswers;
    events: LearningEvents;
    now?: Date;
  },
): Promise<SaveSurveyResult> {
  const module = await db.module.findFirst({
    where: { id: moduleSlug, archived: false },
    select: { id: true, surveyKey: true, contentHash: true },
  });
  if (!module?.surveyKey) return { ok: false, error: "not_found" };
  if (phase === "after") {
    const completed = await db.moduleCompletion.findUnique({
      where: { userId_moduleId: { userId, moduleId: module.id } },
      select: { id: true },
    });
    if (!completed) return { ok: false, error: "not_completed" };
  }
  const items = await surveyItems(db, module.surveyKey);
  const rows: Array<{ itemId: string; value: number }> = [];
  if (!answers.skip) {
    for (const [slug, value] of answers.values) {
      const item = items.find((candidate) => candidate.slug === slug);
      if (!item || !Number.isInteger(value) || value < LIKERT_MIN || value > LIKERT_MAX) {
        return { ok: false, error: "invalid_answer" };
      }
      rows.push({ itemId: item.id, value });
    }
  }
  const status = answers.skip || rows.length === 0 ? "skipped" : "answered";
  await events.record(db, now, async (tx) => {
    for (const { itemId, value } of rows) {
      const data = phase === "before" ? { before: value, beforeAt: now } : { after: value, afterAt: now };
      await tx.attitudeAnswer.upsert({
        where: { userId_moduleId_itemId: { userId, moduleId: module.id, itemId } },
        create: { userId, moduleId: module.id, itemId, ...data },
        update: data,
      });
    }
    const field = phase === "before" ? { preSurvey: status } : { postSurvey: status };
    await tx.enrollment.upsert({
      where: { userId_moduleId: { userId, moduleId: module.id } },
      create: {
        userId,
        moduleId: module.id,
        contentHash: module.contentHash,
        startedAt: now,
        lastActivityAt: now,
        ...field,
      },
      update: field,
    });
    return { value: undefined, event: { type: "surveyAnswered", userId, moduleId: module.id } };
  });
  return { ok: true };
}
