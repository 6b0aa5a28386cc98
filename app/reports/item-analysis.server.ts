import { Prisma, type PrismaClient } from "@prisma/client";

import type { Question } from "~/content/questions";
import { localText } from "~/assessment/view";
import { dialectOf } from "~/db/dialect.server";
import type { Locale } from "~/domain/constants";
import { createTranslator } from "~/i18n";
import type { OrganisationScope } from "~/auth/scope.server";

import type { ReportFilter } from "./filter";
import { count, MIN_GROUP_SIZE, moduleTitles, rollupWhere } from "./report-query.server";

/**
 * Item analysis of a module's assessment: per question how often it was answered, the share
 * answered correctly, the mean score and how often each option was chosen (from ItemRollup).
 * Questions with fewer than MIN_GROUP_SIZE answers are suppressed.
 */

export interface ItemOption {
  text: string;
  correct: boolean;
  chosen: number;
  /** chosen ÷ answered, 0..1 */
  share: number | null;
}

export interface ItemRow {
  questionId: string;
  /** 1-based number of the question in the module's item bank order. */
  position: number;
  type: string;
  topic: string | null;
  text: string;
  /** Times the question was sat in a submitted attempt (a blank answer counts). */
  answered: number;
  suppressed: boolean;
  /** Fully correct answers ÷ answered, 0..1 */
  shareCorrect: number | null;
  /** Mean score per answer, 0..1 (partial credit counts). */
  averageScore: number | null;
  options: ItemOption[];
}

export async function getItemAnalysis(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  opts: { locale: Locale },
): Promise<{ moduleId: string; moduleTitle: string; rows: ItemRow[] } | null> {
  const moduleId = filter.moduleId;
  if (moduleId === null) return null;
  const bank = await db.question.findMany({
    where: { moduleId, kind: "assessment" },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, position: true, type: true, topic: true, data: true, archived: true },
  });
  const parsed = new Map(bank.map((question) => [question.id, JSON.parse(question.data) as Question]));
  let width = 0;
  for (const data of parsed.values()) width = Math.max(width, data.options.length);

  const where = rollupWhere(scope, filter, { period: true });
  // Option counts summed per position (a JSON path per position): several times faster on
  // SQLite than expanding each array.
  const d = dialectOf(db);
  const optionSums = Array.from(
    { length: width },
    (_, index) =>
      Prisma.sql`, sum(${d.jsonArrayNumber(Prisma.sql`r."optionCounts"`, index)}) AS ${Prisma.raw(`"option${index}"`)}`,
  );
  const totals = await db.$queryRaw<Array<Record<string, number | bigint | string | null>>>`
    SELECT r."questionId" AS "questionId", sum(r."answered") AS "answered", sum(r."correct") AS "correct",
       coalesce(sum(r."scoreSum"), 0) AS "scoreSum" ${Prisma.join(optionSums, " ", "", "")}
     FROM "ItemRollup" r WHERE ${where} GROUP BY r."questionId"`;
  const totalsByQuestion = new Map(totals.map((row) => [String(row.questionId), row]));
  // The current item bank, and archived questions that still have answers in the selection.
  const questions = bank.filter((question) => !question.archived || totalsByQuestion.has(question.id));
  const titles = await moduleTitles(db, [moduleId], opts.locale);
  const t = createTranslator(opts.locale);

  const rows = questions.map((question, index): ItemRow => {
    const data = parsed.get(question.id)!;
    const total = totalsByQuestion.get(question.id);
    const answered = count(total?.answered);
    const suppressed = answered < MIN_GROUP_SIZE;
    return {
      questionId: question.id,
      position: index + 1,
      type: question.type,
      topic: question.topic,
      text: localText(data.text, opts.locale),
      answered,
      suppressed,
      shareCorrect: suppressed || !total ? null : count(total.correct) / answered,
      averageScore: suppressed || !total ? null : count(total.scoreSum) / answered,
      options: data.options.map((option, optionIndex) => {
        const times = suppressed ? 0 : count(total?.[`option${optionIndex}`]);
        return {
          text: option.text ? localText(option.text, opts.locale) : t(optionIndex === 0 ? "quiz.true" : "quiz.false"),
          correct: option.correct,
          chosen: times,
          share: suppressed ? null : times / answered,
        };
      }),
    };
  });
  return { moduleId, moduleTitle: titles.get(moduleId) ?? moduleId, rows };
}
