import { randomBytes } from "node:crypto";

import { Prisma, type PrismaClient } from "@prisma/client";

import type { Db } from "~/db/types";
import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import type { LearningEvents } from "~/domain/learning-events";
import { pickLocale } from "~/domain/module-title";
import { drawQuestions, optionOrder } from "./draw";
import { recertificationOpen } from "./recertification.server";
import { REPORTED_MINUTES_MAX, ReportedMinutesSchema } from "./schemas";
import { scoreAttempt, scoreQuestion, validateSelection } from "./scoring";
import {
  attemptSnapshot,
  cachedSnapshot,
  parseSnapshotQuestion,
  rememberSnapshot,
  snapshotFromRows,
  type AttemptSnapshot,
  type SnapshotItem,
} from "./snapshots.server";
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
  const started = await db.$transaction(async (tx) => {
    const module = await findModule(tx, moduleSlug);
    if (!module) return { ok: false, error: "not_found" } as const;
    const attempts = await listAttempts(tx, userId, module.id);
    const recertify = await recertificationOpen(tx, { userId, moduleId: module.id, now });
    const state = assessmentState(module, attempts, await allLessonsDone(tx, userId, module.id), now, recertify);
    if (state.kind === "in_progress") return { ok: true, attemptId: state.attemptId, snapshot: null } as const;
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
    const items: SnapshotItem[] = drawn.map((id, position) => {
      const question = parseSnapshotQuestion(bank.find((row) => row.id === id)?.data ?? "{}");
      return { position, questionId: id, question, order: optionOrder(question, `${seed}:${question.id}`) };
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
        items: {
          create: items.map((item) => ({
            position: item.position,
            questionId: item.questionId,
            question: bank.find((row) => row.id === item.questionId)?.data ?? "{}",
            optionOrder: JSON.stringify(item.order),
          })),
        },
      },
      select: { id: true },
    });
    const snapshot: AttemptSnapshot = { userId, moduleId: module.id, passMark: module.passMark, items };
    return { ok: true, attemptId: attempt.id, snapshot } as const;
  });
  if (!started.ok) return started;
  // The learner's next request (the attempt page, then autosaves) finds the drawn questions here.
  if (started.snapshot) rememberSnapshot(started.attemptId, started.snapshot);
  return { ok: true, attemptId: started.attemptId };
}

interface PageRow {
  userId: string;
  moduleId: string;
  number: number;
  status: string;
  passMark: number;
  submittedAt: Date | null;
  earned: number | null;
  possible: number | null;
  percent: number | null;
  passed: boolean | number | null;
  reportedMinutes: number | null;
  maxAttempts: number;
  waitMinutes: number;
  contentLocale: string | null;
  position: number | null;
  selected: string | null;
  score: number | null;
  questionId: string | null;
  question: string | null;
  optionOrder: string | null;
}

const parseSelection = (json: string | null): number[] | null =>
  json === null ? null : (JSON.parse(json) as number[]);

/**
 * Everything the attempt page shows, in one statement: the learner's own attempt of this module
 * (a live module with an assessment), its module's rules, the content language and the saved
 * answers per item. The question snapshots come from memory when this process has them.
 */
async function readAttemptPage(
  db: Db,
  input: { attemptId: string; userId: string; moduleSlug: string; locale: Locale },
) {
  const known = cachedSnapshot(input.attemptId);
  const rows = await db.$queryRaw<PageRow[]>(Prisma.sql`
    SELECT a."userId", a."moduleId", a."number", a."status", a."passMark", a."submittedAt",
           a."earned", a."possible", a."percent", a."passed", a."reportedMinutes",
           m."maxAttempts", m."waitMinutes",
           (SELECT l."locale" FROM "ModuleLocale" l WHERE l."moduleId" = m."id"
            ORDER BY CASE WHEN l."locale" = ${input.locale} THEN 0 WHEN l."locale" = ${DEFAULT_LOCALE} THEN 1 ELSE 2 END,
                     l."locale"
            LIMIT 1) AS "contentLocale",
           i."position", i."selected", i."score", i."questionId",
           ${known ? Prisma.sql`NULL AS "question", NULL AS "optionOrder"` : Prisma.sql`i."question", i."optionOrder"`}
    FROM "AssessmentAttempt" a
    JOIN "Module" m ON m."id" = a."moduleId"
    LEFT JOIN "AttemptItem" i ON i."attemptId" = a."id"
    WHERE a."id" = ${input.attemptId} AND a."userId" = ${input.userId} AND a."moduleId" = ${input.moduleSlug}
      AND m."archived" = false AND m."hasAssessment" = true
    ORDER BY i."position"`);
  const first = rows[0];
  if (!first) return null;
  const snapshot = known ?? snapshotFromRows(rows);
  if (!snapshot) return null;
  if (!known) rememberSnapshot(input.attemptId, snapshot);
  const answers = new Map(rows.map((row) => [Number(row.position), row]));
  const items = snapshot.items.map((item) => {
    const row = answers.get(item.position);
    return { ...item, selected: parseSelection(row?.selected ?? null), score: row?.score ?? null };
  });
  return {
    number: Number(first.number),
    status: first.status,
    passMark: Number(first.passMark),
    submittedAt: first.submittedAt,
    earned: first.earned,
    possible: first.possible === null ? null : Number(first.possible),
    percent: first.percent,
    passed: first.passed === null ? null : Boolean(first.passed),
    reportedMinutes: first.reportedMinutes === null ? null : Number(first.reportedMinutes),
    moduleId: first.moduleId,
    rules: { maxAttempts: Number(first.maxAttempts), waitMinutes: Number(first.waitMinutes) },
    contentLocale: first.contentLocale ?? DEFAULT_LOCALE,
    items,
  };
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
  const attempt = await readAttemptPage(db, { attemptId, userId, moduleSlug, locale });
  if (!attempt) return null;
  const common = {
    attemptId,
    moduleSlug: attempt.moduleId,
    // Question texts come in the learner's language when the module has it, else in Dutch.
    contentLocale: attempt.contentLocale,
    number: attempt.number,
    maxAttempts: attempt.rules.maxAttempts,
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
    listAttempts(db, userId, attempt.moduleId),
    allLessonsDone(db, userId, attempt.moduleId),
    recertificationOpen(db, { userId, moduleId: attempt.moduleId, now }),
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
    next: assessmentState(attempt.rules, attempts, lessonsDone, now, recertify),
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
  items: readonly SnapshotItem[],
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

/**
 * Why a save or submit changed nothing. Only this refusal path reads the status (the happy path
 * checks it inside its UPDATE), so that a submitted attempt is reported as such whatever else
 * is wrong with the post, as before.
 */
async function refusal(db: Db, attemptId: string, userId: string, error: AnswerError): Promise<AnswerError> {
  const attempt = await db.assessmentAttempt.findFirst({ where: { id: attemptId, userId }, select: { status: true } });
  if (!attempt) return "not_found";
  return attempt.status === "submitted" ? "already_submitted" : error;
}

/** The learner's own attempt, with the posted answers checked against its questions. */
async function checkedAnswers(db: Db, attemptId: string, userId: string, answers: PostedAnswers) {
  const snapshot = await attemptSnapshot(db, attemptId, userId);
  if (!snapshot) return { ok: false, error: "not_found" } as const;
  const checked = checkAnswers(snapshot.items, answers);
  if (!checked.ok) return { ok: false, error: await refusal(db, attemptId, userId, checked.error) } as const;
  return { ok: true, snapshot, selections: checked.selections } as const;
}

/** The stored form of a selection: null for "not answered". */
const selectionJson = (selected: readonly number[] | undefined) =>
  selected && selected.length > 0 ? JSON.stringify(selected) : null;

/**
 * Writes every item's answer (and score, when given) in one UPDATE, only while the attempt is
 * the learner's and has `status` (in progress for a save; submitted for the scores written in the
 * same transaction that closed it). Returns the number of items written: 0 means refused.
 */
function writeItems(
  db: Db,
  {
    attemptId,
    userId,
    status,
    items,
  }: {
    attemptId: string;
    userId: string;
    status: "in_progress" | "submitted";
    items: { position: number; selected: string | null; score?: number }[];
  },
): Promise<number> {
  const answered = items.filter((item) => item.selected !== null);
  const selected =
    answered.length === 0
      ? Prisma.sql`NULL`
      : Prisma.sql`CASE "position" ${Prisma.join(
          answered.map((item) => Prisma.sql`WHEN ${item.position} THEN ${item.selected}`),
          " ",
        )} ELSE NULL END`;
  const scored = items.filter((item) => item.score !== undefined);
  const score =
    scored.length === 0
      ? Prisma.empty
      : Prisma.sql`, "score" = CASE "position" ${Prisma.join(
          // Typed: PostgreSQL reads a bare parameter in a CASE as text, not as the column's type.
          scored.map((item) => Prisma.sql`WHEN ${item.position} THEN CAST(${item.score} AS DOUBLE PRECISION)`),
          " ",
        )} END`;
  return db.$executeRaw(Prisma.sql`
    UPDATE "AttemptItem" SET "selected" = ${selected}${score}
    WHERE "attemptId" = ${attemptId}
      AND EXISTS (SELECT 1 FROM "AssessmentAttempt" a
                  WHERE a."id" = ${attemptId} AND a."userId" = ${userId} AND a."status" = ${status})`);
}

/**
 * Saves answers so the attempt can be left and resumed (the form autosaves on every change).
 * Unanswered questions stay unanswered. One statement: the questions to check against are in
 * memory (snapshots.server), and ownership and status are conditions of the UPDATE itself.
 */
export async function saveAnswers(
  db: Db,
  { attemptId, userId, answers }: { attemptId: string; userId: string; answers: PostedAnswers },
): Promise<SaveResult> {
  const checked = await checkedAnswers(db, attemptId, userId, answers);
  if (!checked.ok) return checked;
  const items = checked.snapshot.items.map((item) => ({
    position: item.position,
    selected: selectionJson(checked.selections.get(item.position)),
  }));
  const written = await writeItems(db, { attemptId, userId, status: "in_progress", items });
  if (written === 0 && items.length > 0) return { ok: false, error: await refusal(db, attemptId, userId, "not_found") };
  return { ok: true };
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
    const checked = await checkedAnswers(tx, attemptId, userId, answers);
    if (!checked.ok) return refused(checked.error);
    const attempt = checked.snapshot;
    if (
      reportedMinutes === null ||
      !Number.isInteger(reportedMinutes) ||
      reportedMinutes < 1 ||
      reportedMinutes > REPORTED_MINUTES_MAX
    ) {
      return refused(await refusal(tx, attemptId, userId, "missing_minutes"));
    }

    const scored = attempt.items.map((item) => {
      const selected = checked.selections.get(item.position) ?? [];
      return { item, selected, score: scoreQuestion(item.question, selected) };
    });
    const result = scoreAttempt(
      scored.map(({ item, selected }) => ({ question: item.question, selected })),
      attempt.passMark,
    );
    // One conditional update closes and scores the attempt: a second submission finds it closed.
    const closed = await tx.assessmentAttempt.updateMany({
      where: { id: attemptId, userId, status: "in_progress" },
      data: {
        status: "submitted",
        submittedAt: now,
        reportedMinutes,
        earned: result.earned,
        possible: result.possible,
        percent: result.percent,
        passed: result.passed,
      },
    });
    if (closed.count !== 1) return refused("already_submitted");
    await writeItems(tx, {
      attemptId,
      userId,
      status: "submitted",
      items: scored.map(({ item, selected, score }) => ({
        position: item.position,
        selected: selectionJson(selected),
        score,
      })),
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
  if (!result.ok && result.error === "missing_minutes") await saveAnswers(db, { attemptId, userId, answers });
  return result;
}
