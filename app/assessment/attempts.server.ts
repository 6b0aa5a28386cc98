import { randomBytes } from "node:crypto";

import type { PrismaClient } from "@prisma/client";

import type { Db } from "~/db/types";
import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import type { LearningEvents } from "~/domain/learning-events";
import { pickLocale } from "~/domain/module-title";
import { drawQuestions, optionOrder } from "./draw";
import { recertificationOpen } from "./recertification.server";
import { REPORTED_MINUTES_MAX, ReportedMinutesSchema } from "./schemas";
import { scoreAttempt, scoreQuestion, validateSelection } from "./scoring";
import type { Question } from "~/content/questions";
import { publicQuestion, reviewedQuestion, toAuthored, toDisplayed } from "./view";
import type { PostedAnswers, PublicQuestion, ReviewedQuestion } from "./view";

/**
 * The final assessment: starting an attempt (a fresh draw), saving answers to resume later,
 * submitting (scored here, and only here) and the overview of attempts. Correct answers and
 * feedback leave this module only through `reviewedQuestion`, for submitted attempts.
 */

export interface AttemptSummary {
  id: string;
  number: number;
  status: "in_progress" | "submitted";
  startedAt: Date;
  submittedAt: Date | null;
  percent: number | null;
  passed: boolean | null;
}

export type AssessmentState =
  | { kind: "lessons_open" }
  | { kind: "can_start"; resit: boolean; recertify: boolean }
  | { kind: "in_progress"; attemptId: string }
  | { kind: "waiting"; until: Date }
  | { kind: "passed" }
  | { kind: "no_attempts_left" };

export interface AssessmentOverview {
  moduleSlug: string;
  moduleTitle: string;
  contentLocale: string;
  passMark: number;
  drawCount: number;
  maxAttempts: number;
  waitMinutes: number;
  attempts: AttemptSummary[];
  state: AssessmentState;
}

interface ModuleRules {
  id: string;
  contentHash: string;
  passMark: number;
  drawCount: number;
  maxAttempts: number;
  waitMinutes: number;
}

async function findModule(db: Db, moduleSlug: string) {
  return db.module.findFirst({
    where: { id: moduleSlug, archived: false, hasAssessment: true },
    select: {
      id: true,
      contentHash: true,
      passMark: true,
      drawCount: true,
      maxAttempts: true,
      waitMinutes: true,
      locales: { select: { locale: true, title: true } },
    },
  });
}

async function listAttempts(db: Db, userId: string, moduleId: string): Promise<AttemptSummary[]> {
  const rows = await db.assessmentAttempt.findMany({
    where: { userId, moduleId },
    orderBy: { number: "asc" },
    select: { id: true, number: true, status: true, startedAt: true, submittedAt: true, percent: true, passed: true },
  });
  return rows.map((row) => ({ ...row, status: row.status === "submitted" ? "submitted" : "in_progress" }));
}

async function allLessonsDone(db: Db, userId: string, moduleId: string): Promise<boolean> {
  const lessons = await db.lesson.findMany({
    where: { moduleId, archived: false },
    select: { progress: { where: { userId, completedAt: { not: null } }, select: { userId: true } } },
  });
  return lessons.length > 0 && lessons.every((lesson) => lesson.progress.length > 0);
}

/** The rules of docs/course-format.md, in the order a learner meets them. */
export function assessmentState(
  rules: Pick<ModuleRules, "maxAttempts" | "waitMinutes">,
  allAttempts: readonly AttemptSummary[],
  lessonsDone: boolean,
  now: Date,
  /** The certificate is about to expire: a new cycle of attempts may start after the last pass. */
  recertify = false,
): AssessmentState {
  const lastPass = allAttempts.reduce((index, attempt, at) => (attempt.passed === true ? at : index), -1);
  if (lastPass >= 0 && !recertify) return { kind: "passed" };
  // Each re-certification is a new cycle with its own attempts and waiting time.
  const attempts = allAttempts.slice(lastPass + 1);
  const open = attempts.find((attempt) => attempt.status === "in_progress");
  if (open) return { kind: "in_progress", attemptId: open.id };
  if (!lessonsDone) return { kind: "lessons_open" };
  if (attempts.length >= rules.maxAttempts) return { kind: "no_attempts_left" };
  const last = attempts[attempts.length - 1];
  if (last?.submittedAt) {
    const until = new Date(last.submittedAt.getTime() + rules.waitMinutes * 60_000);
    if (until > now) return { kind: "waiting", until };
  }
  return { kind: "can_start", resit: attempts.length > 0, recertify: lastPass >= 0 };
}

export async function getAssessmentOverview(
  db: PrismaClient,
  { moduleSlug, userId, locale, now = new Date() }: { moduleSlug: string; userId: string; locale: Locale; now?: Date },
): Promise<AssessmentOverview | null> {
  const module = await findModule(db, moduleSlug);
  if (!module) return null;
  const [attempts, lessonsDone, recertify] = await Promise.all([
    listAttempts(db, userId, module.id),
    allLessonsDone(db, userId, module.id),
    recertificationOpen(db, { userId, moduleId: module.id, now }),
  ]);
  const text = pickLocale(module.locales, locale);
  return {
    moduleSlug: module.id,
    moduleTitle: text?.title ?? module.id,
    contentLocale: text?.locale ?? DEFAULT_LOCALE,
    passMark: module.passMark,
    drawCount: module.drawCount,
    maxAttempts: module.maxAttempts,
    waitMinutes: module.waitMinutes,
    attempts,
    state: assessmentState(module, attempts, lessonsDone, now, recertify),
  };
}

export type StartResult =
  | { ok: true; attemptId: string }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "refused"; state: AssessmentState };

/**
 * Starts an attempt when the rules allow it: a draw that covers every topic and prefers questions
 * this learner has not seen. An unfinished attempt is returned instead of starting a second one.
 */
export async function startAttempt(
  db: PrismaClient,
  {
    moduleSlug,
    userId,
    now = new Date(),
    seed = randomBytes(16).toString("hex"),
  }: { moduleSlug: string; userId: string; now?: Date; seed?: string },
): Promise<StartResult> {
  return db.$transaction(async (tx) => {
    const module = await findModule(tx, moduleSlug);
    if (!module) return { ok: false, error: "not_found" } as const;
    const attempts = await listAttempts(tx, userId, module.id);
    const recertify = await recertificationOpen(tx, { userId, moduleId: module.id, now });
    const state = assessmentState(module, attempts, await allLessonsDone(tx, userId, module.id), now, recertify);
    if (state.kind === "in_progress") return { ok: true, attemptId: state.attemptId } as const;
    if (state.kind !== "can_start") return { ok: false, error: "refused", state } as const;

    const bank = await tx.question.findMany({
      where: { moduleId: module.id, kind: "assessment", archived: false },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, topic: true, data: true },
    });
    const history = await tx.attemptItem.findMany({
      where: { attempt: { userId, moduleId: module.id } },
      select: { attemptId: true, questionId: true },
    });
    const byAttempt = new Map<string, string[]>();
    for (const item of history)
      byAttempt.set(item.attemptId, [...(byAttempt.get(item.attemptId) ?? []), item.questionId]);

    const count = Math.min(module.drawCount, bank.length);
    const drawn = drawQuestions({
      bank: bank.map((question) => ({ id: question.id, topic: question.topic })),
      count,
      seed,
      history: [...byAttempt.values()],
    });
    const attempt = await tx.assessmentAttempt.create({
      data: {
        userId,
        moduleId: module.id,
        number: attempts.length + 1,
        seed,
        contentHash: module.contentHash,
        passMark: module.passMark,
        startedAt: now,
        savedAt: now,
        items: {
          create: drawn.map((id, position) => {
            const row = bank.find((question) => question.id === id);
            const question = JSON.parse(row?.data ?? "{}") as Question;
            return {
              position,
              questionId: id,
              question: row?.data ?? "{}",
              optionOrder: JSON.stringify(optionOrder(question, `${seed}:${question.id}`)),
            };
          }),
        },
      },
      select: { id: true },
    });
    return { ok: true, attemptId: attempt.id } as const;
  });
}

interface LoadedItem {
  position: number;
  questionId: string;
  question: Question;
  order: number[];
  selected: number[] | null;
  score: number | null;
}

async function loadAttempt(db: Db, attemptId: string, userId: string) {
  const attempt = await db.assessmentAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      userId: true,
      moduleId: true,
      number: true,
      status: true,
      passMark: true,
      startedAt: true,
      submittedAt: true,
      earned: true,
      possible: true,
      percent: true,
      passed: true,
      reportedMinutes: true,
      items: { orderBy: { position: "asc" } },
    },
  });
  // Another learner's attempt is reported exactly like one that does not exist.
  if (!attempt || attempt.userId !== userId) return null;
  const items: LoadedItem[] = attempt.items.map((item) => ({
    position: item.position,
    questionId: item.questionId,
    question: JSON.parse(item.question) as Question,
    order: JSON.parse(item.optionOrder) as number[],
    selected: item.selected === null ? null : (JSON.parse(item.selected) as number[]),
    score: item.score,
  }));
  return { ...attempt, items };
}

export type AttemptPage =
  | {
      status: "in_progress";
      attemptId: string;
      moduleSlug: string;
      contentLocale: string;
      number: number;
      maxAttempts: number;
      questions: Array<PublicQuestion & { selected: number[] }>;
    }
  | {
      status: "submitted";
      attemptId: string;
      moduleSlug: string;
      contentLocale: string;
      number: number;
      maxAttempts: number;
      submittedAt: Date;
      percent: number;
      /** Points scored and questions drawn (each worth one point). */
      earned: number;
      possible: number;
      passMark: number;
      passed: boolean;
      reportedMinutes: number | null;
      questions: ReviewedQuestion[];
      /** What the learner may do next (resit, wait, done). */
      next: AssessmentState;
    };

/** An attempt as its owner sees it: questions only while open, the full review once submitted. */
export async function getAttemptPage(
  db: PrismaClient,
  {
    moduleSlug,
    attemptId,
    userId,
    locale,
    now = new Date(),
  }: { moduleSlug: string; attemptId: string; userId: string; locale: Locale; now?: Date },
): Promise<AttemptPage | null> {
  const attempt = await loadAttempt(db, attemptId, userId);
  const module = await findModule(db, moduleSlug);
  if (!attempt || !module || attempt.moduleId !== module.id) return null;
  const common = {
    attemptId: attempt.id,
    moduleSlug: module.id,
    // Question texts come in the learner's language when the module has it, else in Dutch.
    contentLocale: pickLocale(module.locales, locale)?.locale ?? DEFAULT_LOCALE,
    number: attempt.number,
    maxAttempts: module.maxAttempts,
  };
  if (attempt.status !== "submitted") {
    return {
      status: "in_progress",
      ...common,
      questions: attempt.items.map((item) => ({
        ...publicQuestion(item.question, item.order, locale),
        selected: toDisplayed(item.order, item.selected ?? []),
      })),
    };
  }
  const [attempts, lessonsDone, recertify] = await Promise.all([
    listAttempts(db, userId, module.id),
    allLessonsDone(db, userId, module.id),
    recertificationOpen(db, { userId, moduleId: module.id, now }),
  ]);
  return {
    status: "submitted",
    ...common,
    submittedAt: attempt.submittedAt ?? now,
    percent: attempt.percent ?? 0,
    earned: attempt.earned ?? 0,
    possible: attempt.possible ?? attempt.items.length,
    passMark: attempt.passMark,
    passed: attempt.passed ?? false,
    reportedMinutes: attempt.reportedMinutes,
    questions: attempt.items.map((item) =>
      reviewedQuestion(item.question, item.order, item.selected ?? [], item.score ?? 0, locale),
    ),
    next: assessmentState(module, attempts, lessonsDone, now, recertify),
  };
}

export type AnswerError = "not_found" | "already_submitted" | "not_drawn" | "invalid_answer" | "missing_minutes";

export type SaveResult = { ok: true } | { ok: false; error: AnswerError };

/**
 * Checks posted answers against the attempt's own questions: an answer to a question that was
 * not drawn, an option that does not exist, a repeated option or two options for a one-answer
 * question refuses the whole post. Returns authored selections by item position.
 */
function checkAnswers(
  items: readonly LoadedItem[],
  answers: PostedAnswers,
): { ok: true; selections: Map<number, number[]> } | { ok: false; error: "not_drawn" | "invalid_answer" } {
  const selections = new Map<number, number[]>();
  for (const [questionSlug, displayed] of answers) {
    const item = items.find((candidate) => candidate.question.id === questionSlug);
    if (!item) return { ok: false, error: "not_drawn" };
    const authored = toAuthored(item.order, displayed);
    if (!authored || validateSelection(item.question, authored) !== "ok") return { ok: false, error: "invalid_answer" };
    selections.set(item.position, authored);
  }
  return { ok: true, selections };
}

/** The learner's own unsubmitted attempt, with the posted answers checked against its questions. */
async function openAttemptWithAnswers(db: Db, attemptId: string, userId: string, answers: PostedAnswers) {
  const attempt = await loadAttempt(db, attemptId, userId);
  if (!attempt) return { ok: false, error: "not_found" } as const;
  if (attempt.status === "submitted") return { ok: false, error: "already_submitted" } as const;
  const checked = checkAnswers(attempt.items, answers);
  if (!checked.ok) return checked;
  return { ok: true, attempt, selections: checked.selections } as const;
}

/** Saves answers so the attempt can be left and resumed. Unanswered questions stay unanswered. */
export async function saveAnswers(
  db: PrismaClient,
  {
    attemptId,
    userId,
    answers,
    now = new Date(),
  }: { attemptId: string; userId: string; answers: PostedAnswers; now?: Date },
): Promise<SaveResult> {
  return db.$transaction(async (tx) => {
    const checked = await openAttemptWithAnswers(tx, attemptId, userId, answers);
    if (!checked.ok) return checked;
    const { attempt } = checked;
    for (const item of attempt.items) {
      const selected = checked.selections.get(item.position);
      await tx.attemptItem.update({
        where: { attemptId_position: { attemptId, position: item.position } },
        data: { selected: selected && selected.length > 0 ? JSON.stringify(selected) : null },
      });
    }
    await tx.assessmentAttempt.update({ where: { id: attemptId }, data: { savedAt: now } });
    return { ok: true } as const;
  });
}

export type SubmitResult =
  { ok: true; passed: boolean; percent: number; moduleCompleted: boolean } | { ok: false; error: AnswerError };

/**
 * Scores and closes an attempt. The status changes from in_progress to submitted in one
 * conditional update, so a double submission (two tabs, a resent form) is refused, not re-scored.
 */
export async function submitAttempt(
  db: PrismaClient,
  {
    attemptId,
    userId,
    answers,
    reportedMinutes,
    events,
    now = new Date(),
  }: {
    attemptId: string;
    userId: string;
    answers: PostedAnswers;
    reportedMinutes: number | null;
    events: LearningEvents;
    now?: Date;
  },
): Promise<SubmitResult> {
  type Scored = { ok: true; passed: boolean; percent: number } | { ok: false; error: AnswerError };
  const { value, outcome } = await events.record<Scored>(db, now, async (tx) => {
    const refused = (error: AnswerError) => ({ value: { ok: false, error } as const, event: null });
    const checked = await openAttemptWithAnswers(tx, attemptId, userId, answers);
    if (!checked.ok) return refused(checked.error);
    const { attempt } = checked;
    if (
      reportedMinutes === null ||
      !Number.isInteger(reportedMinutes) ||
      reportedMinutes < 1 ||
      reportedMinutes > REPORTED_MINUTES_MAX
    ) {
      return refused("missing_minutes");
    }

    const closed = await tx.assessmentAttempt.updateMany({
      where: { id: attemptId, userId, status: "in_progress" },
      data: { status: "submitted", submittedAt: now, savedAt: now, reportedMinutes },
    });
    if (closed.count !== 1) return refused("already_submitted");

    const scored = attempt.items.map((item) => {
      const selected = checked.selections.get(item.position) ?? [];
      return { item, selected, score: scoreQuestion(item.question, selected) };
    });
    for (const { item, selected, score } of scored) {
      await tx.attemptItem.update({
        where: { attemptId_position: { attemptId, position: item.position } },
        data: { selected: selected.length > 0 ? JSON.stringify(selected) : null, score },
      });
    }
    const result = scoreAttempt(
      scored.map(({ item, selected }) => ({ question: item.question, selected })),
      attempt.passMark,
    );
    await tx.assessmentAttempt.update({
      where: { id: attemptId },
      data: { earned: result.earned, possible: result.possible, percent: result.percent, passed: result.passed },
    });
    await tx.enrollment.updateMany({ where: { userId, moduleId: attempt.moduleId }, data: { lastActivityAt: now } });
    return {
      value: { ok: true, passed: result.passed, percent: result.percent } as const,
      event: {
        type: "assessmentSubmitted",
        userId,
        moduleId: attempt.moduleId,
        attemptId,
        passed: result.passed,
      } as const,
    };
  });
  if (!value.ok) return value;
  // A pass completes the module, or re-certifies it (app/events).
  return { ...value, moduleCompleted: outcome?.moduleCompleted ?? false };
}

/**
 * The submission as the attempt form posts it: the study minutes as typed (anything the schema
 * refuses counts as missing) and the answers. When only the minutes are wrong, the answers are
 * saved, so the learner keeps them while filling in the one field that was missing.
 */
export async function submitAttemptForm(
  db: PrismaClient,
  {
    attemptId,
    userId,
    answers,
    reportedMinutes,
    events,
    now = new Date(),
  }: {
    attemptId: string;
    userId: string;
    answers: PostedAnswers;
    /** The posted reportedMinutes field, unchecked. */
    reportedMinutes: unknown;
    events: LearningEvents;
    now?: Date;
  },
): Promise<SubmitResult> {
  const minutes = ReportedMinutesSchema.safeParse(reportedMinutes ?? "");
  const result = await submitAttempt(db, {
    attemptId,
    userId,
    answers,
    reportedMinutes: minutes.success ? minutes.data : null,
    events,
    now,
  });
  if (!result.ok && result.error === "missing_minutes") await saveAnswers(db, { attemptId, userId, answers, now });
  return result;
}
