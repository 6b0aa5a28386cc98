import type { PrismaClient } from "@prisma/client";

import { isFullyCorrect, scoreQuestion, validateSelection } from "~/assessment/scoring";
import type { Question } from "~/content/questions";
import { publicQuestion, reviewedQuestion, toAuthored } from "~/assessment/view";
import type { PublicQuestion, ReviewedQuestion } from "~/assessment/view";
import { lessonId as toLessonId } from "~/content/sync.server";
import type { Locale } from "~/domain/constants";

/**
 * Knowledge checks: ungraded questions inside a lesson. Options keep their authored order
 * (nothing is at stake), feedback is given at once and the learner's latest answer is kept.
 * As with the assessment, feedback reaches the page only after the learner answered.
 */

export type LessonCheck =
  | { id: string; answered: false; question: PublicQuestion }
  | { id: string; answered: true; correct: boolean; question: ReviewedQuestion };

function authoredOrder(question: Question): number[] {
  return question.options.map((_, index) => index);
}

export async function getLessonChecks(
  db: PrismaClient,
  {
    moduleSlug,
    lessonSlug,
    userId,
    locale,
  }: { moduleSlug: string; lessonSlug: string; userId: string; locale: Locale },
): Promise<LessonCheck[]> {
  const rows = await db.question.findMany({
    where: { lessonId: toLessonId(moduleSlug, lessonSlug), kind: "check", archived: false },
    orderBy: { position: "asc" },
    select: { slug: true, data: true, checkAnswers: { where: { userId }, select: { selected: true, correct: true } } },
  });
  return rows.map((row) =>
    lessonCheckView({ slug: row.slug, question: JSON.parse(row.data) as Question }, row.checkAnswers[0], locale),
  );
}

/** One check as the page shows it: the question alone, or with feedback once answered. */
export function lessonCheckView(
  check: { slug: string; question: Question },
  answer: { selected: string; correct: boolean } | undefined,
  locale: Locale,
): LessonCheck {
  const { slug, question } = check;
  const order = authoredOrder(question);
  if (!answer) return { id: slug, answered: false, question: publicQuestion(question, order, locale) };
  const selected = JSON.parse(answer.selected) as number[];
  return {
    id: slug,
    answered: true,
    correct: answer.correct,
    question: reviewedQuestion(question, order, selected, scoreQuestion(question, selected), locale),
  };
}

export type AnswerCheckResult = { ok: true; correct: boolean } | { ok: false; error: "not_found" | "invalid_answer" };

/** Records (or replaces) the learner's answer to one check of this lesson. */
export async function answerCheck(
  db: PrismaClient,
  {
    moduleSlug,
    lessonSlug,
    checkSlug,
    userId,
    selected,
    now = new Date(),
  }: { moduleSlug: string; lessonSlug: string; checkSlug: string; userId: string; selected: number[]; now?: Date },
): Promise<AnswerCheckResult> {
  const row = await db.question.findFirst({
    where: { lessonId: toLessonId(moduleSlug, lessonSlug), slug: checkSlug, kind: "check", archived: false },
    select: { id: true, data: true },
  });
  if (!row) return { ok: false, error: "not_found" };
  const question = JSON.parse(row.data) as Question;
  const authored = toAuthored(authoredOrder(question), selected);
  if (!authored || validateSelection(question, authored) !== "ok") return { ok: false, error: "invalid_answer" };
  const correct = isFullyCorrect(question, authored);
  const data = { selected: JSON.stringify(authored), correct, answeredAt: now };
  await db.checkAnswer.upsert({
    where: { userId_questionId: { userId, questionId: row.id } },
    create: { userId, questionId: row.id, ...data },
    update: data,
  });
  return { ok: true, correct };
}

/** Forgets the answer so the learner can try the check again. */
export async function resetCheck(
  db: PrismaClient,
  {
    moduleSlug,
    lessonSlug,
    checkSlug,
    userId,
  }: { moduleSlug: string; lessonSlug: string; checkSlug: string; userId: string },
): Promise<void> {
  await db.checkAnswer.deleteMany({
    where: { userId, question: { lessonId: toLessonId(moduleSlug, lessonSlug), slug: checkSlug } },
  });
}
