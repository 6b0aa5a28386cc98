import { drawQuestions, optionOrder } from "~/assessment/draw";
import { isFullyCorrect, scoreAttempt, scoreQuestion, validateSelection } from "~/assessment/scoring";
import type { Question } from "~/content/questions";
import { publicQuestion, reviewedQuestion, toAuthored, toDisplayed } from "~/assessment/view";
import type { PublicQuestion, ReviewedQuestion } from "~/assessment/view";
import type { LearnerReport, LmsConnection } from "./lms";
import type { PackageData } from "./package-data";
import { decodeProgress, emptyProgress, encodeProgress, reportedPercent, SUSPEND_DATA_LIMIT } from "./progress";
import type { Progress } from "./progress";

/**
 * The learner's session inside an exported package: which pages were read, knowledge check
 * answers, the final assessment (drawn, scored and limited with the platform's own rules from
 * app/assessment) and what of it the LMS is told. No DOM here: ui.ts draws, this decides.
 */

export interface SessionClock {
  now(): number;
  /** A fresh random seed for an attempt's option order. */
  seed(): string;
}

export type AssessmentState =
  | { kind: "none" }
  | { kind: "lessons_open"; nextPageId: string }
  | { kind: "in_progress"; attempt: AttemptView }
  | { kind: "can_start"; resit: boolean; number: number }
  | { kind: "waiting"; until: number }
  | { kind: "passed"; percent: number }
  | { kind: "no_attempts_left" };

export interface AttemptView {
  number: number;
  questions: Array<{ question: PublicQuestion; selected: number[] }>;
}

export interface AttemptResult {
  number: number;
  percent: number;
  passed: boolean;
  reviews: ReviewedQuestion[];
  /** What the learner may do next. */
  next: AssessmentState;
}

export type CheckAnswer =
  { ok: true; correct: boolean; review: ReviewedQuestion } | { ok: false; error: "no_answer" | "unknown_check" };

export interface SessionStart {
  connected: boolean;
  readOnly: boolean;
  /** Page to show first: where the learner left off, when the LMS resumes the package. */
  location: string | null;
}

export class CourseSession {
  private progress: Progress = emptyProgress();
  private location: string;
  private startedAt = 0;
  private readOnly = false;
  private connected = false;

  constructor(
    private readonly data: PackageData,
    private readonly lms: LmsConnection | null,
    private readonly clock: SessionClock,
  ) {
    this.location = data.pages[0]?.id ?? "";
  }

  start(): SessionStart {
    this.startedAt = this.clock.now();
    const resume = this.lms?.start() ?? null;
    this.connected = resume !== null;
    if (!resume) return { connected: false, readOnly: false, location: null };
    this.readOnly = resume.readOnly;
    this.progress = resume.suspendData ? decodeProgress(resume.suspendData, this.data.contentKey) : emptyProgress();
    const known = this.pageIndex(resume.location) >= 0;
    if (known) this.location = resume.location;
    // The first write marks the attempt as started ("incomplete") even before a page is read.
    this.save(true);
    return { connected: true, readOnly: this.readOnly, location: known ? resume.location : null };
  }

  /** The learner opened a page: a lesson counts as read once it has been opened. */
  openPage(pageId: string): void {
    const index = this.pageIndex(pageId);
    if (index < 0) return;
    this.location = pageId;
    if (!this.progress.visited.includes(index))
      this.progress.visited = [...this.progress.visited, index].sort((a, b) => a - b);
    this.save(true);
  }

  visitedPageIds(): string[] {
    return this.progress.visited.flatMap((index) => {
      const page = this.data.pages[index];
      return page ? [page.id] : [];
    });
  }

  // -------------------------------------------------------------------------------------------
  // Knowledge checks (not graded; the last answer is remembered)

  answerCheck(checkId: string, authoredSelection: number[]): CheckAnswer {
    const index = this.data.checks.findIndex((check) => check.id === checkId);
    const check = this.data.checks[index];
    if (!check) return { ok: false, error: "unknown_check" };
    const validity = validateSelection(check, authoredSelection);
    if (validity !== "ok") return { ok: false, error: "no_answer" };
    this.progress.checks = { ...this.progress.checks, [index]: [...authoredSelection] };
    this.save(false);
    return {
      ok: true,
      correct: isFullyCorrect(check, authoredSelection),
      review: this.checkReview(check, authoredSelection),
    };
  }

  retryCheck(checkId: string): void {
    const index = this.data.checks.findIndex((check) => check.id === checkId);
    if (index < 0) return;
    const { [index]: _removed, ...rest } = this.progress.checks;
    this.progress.checks = rest;
    this.save(false);
  }

  /** A remembered answer, for showing a check as answered after re-entry. */
  savedCheck(checkId: string): { correct: boolean; review: ReviewedQuestion } | null {
    const index = this.data.checks.findIndex((check) => check.id === checkId);
    const check = this.data.checks[index];
    const selected = this.progress.checks[index];
    if (!check || !selected || validateSelection(check, selected) !== "ok") return null;
    return { correct: isFullyCorrect(check, selected), review: this.checkReview(check, selected) };
  }

  private checkReview(check: Question, selected: number[]): ReviewedQuestion {
    const order = check.options.map((_, index) => index);
    return reviewedQuestion(check, order, selected, scoreQuestion(check, selected), this.data.locale);
  }

  // -------------------------------------------------------------------------------------------
  // The final assessment

  assessmentState(): AssessmentState {
    const assessment = this.data.assessment;
    if (!assessment) return { kind: "none" };
    const attempts = this.progress.attempts;
    const passed = attempts.find((attempt) => attempt.passed);
    if (passed) return { kind: "passed", percent: passed.percent };
    if (this.progress.open) return { kind: "in_progress", attempt: this.attemptView() };
    const unread = this.data.pages.find(
      (page, index) => page.kind === "lesson" && !this.progress.visited.includes(index),
    );
    if (unread) return { kind: "lessons_open", nextPageId: unread.id };
    if (attempts.length >= assessment.maxAttempts) return { kind: "no_attempts_left" };
    const last = attempts[attempts.length - 1];
    if (last) {
      const until = last.submittedAt + assessment.waitMinutes * 60_000;
      if (until > this.clock.now()) return { kind: "waiting", until };
    }
    return { kind: "can_start", resit: attempts.length > 0, number: attempts.length + 1 };
  }

  /** Draws a new attempt when the rules allow one; returns the state either way. */
  startAttempt(): AssessmentState {
    const state = this.assessmentState();
    const assessment = this.data.assessment;
    if (state.kind !== "can_start" || !assessment) return state;
    const bank = assessment.questions;
    const seed = this.clock.seed();
    const ids = drawQuestions({
      bank: bank.map((question) => ({ id: question.id, topic: question.topic })),
      count: assessment.draw,
      seed,
      history: this.progress.attempts.map((attempt) => attempt.questions.flatMap((index) => bank[index]?.id ?? [])),
    });
    this.progress.open = {
      seed,
      questions: ids.map((id) => bank.findIndex((question) => question.id === id)),
      answers: {},
    };
    this.save(true);
    return this.assessmentState();
  }

  /** Stores an answer of the open attempt (display positions, as the form has them). */
  saveAnswer(questionId: string, displayed: number[]): boolean {
    const open = this.progress.open;
    const bank = this.data.assessment?.questions ?? [];
    const bankIndex = bank.findIndex((question) => question.id === questionId);
    const question = bank[bankIndex];
    if (!open || !question || !open.questions.includes(bankIndex)) return false;
    const authored = toAuthored(optionOrder(question, `${open.seed}:${question.id}`), displayed);
    if (!authored) return false;
    const validity = validateSelection(question, authored);
    if (validity !== "ok" && validity !== "empty") return false;
    open.answers = { ...open.answers, [bankIndex]: authored };
    this.save(false);
    return true;
  }

  submitAttempt(): AttemptResult | null {
    const open = this.progress.open;
    const assessment = this.data.assessment;
    if (!open || !assessment) return null;
    const items = open.questions.flatMap((bankIndex) => {
      const question = assessment.questions[bankIndex];
      if (!question) return [];
      const saved = open.answers[bankIndex] ?? [];
      // suspend_data comes back from the LMS: an answer the question cannot take counts as none.
      const selected = validateSelection(question, saved) === "ok" ? saved : [];
      return [{ question, selected, order: optionOrder(question, `${open.seed}:${question.id}`) }];
    });
    const score = scoreAttempt(items, assessment.passMark);
    const percent = reportedPercent(score.earned, score.possible);
    const number = this.progress.attempts.length + 1;
    this.progress.attempts = [
      ...this.progress.attempts,
      { questions: open.questions, percent, passed: score.passed, submittedAt: this.clock.now() },
    ];
    this.progress.open = null;
    if (this.lms && this.connected) {
      const submittedAt = this.clock.now();
      this.lms.recordInteractions(
        items.map(({ question, selected }) => ({
          id: `${question.id}.a${number}`,
          type: question.type === "true_false" ? "true-false" : "choice",
          chosen: [...selected].sort((a, b) => a - b),
          correct: question.options.flatMap((option, index) => (option.correct ? [index] : [])),
          result: isFullyCorrect(question, selected) ? "correct" : "incorrect",
          submittedAt,
          description: question.text[this.data.locale] ?? Object.values(question.text)[0] ?? "",
        })),
      );
    }
    this.save(true);
    return {
      number,
      percent,
      passed: score.passed,
      reviews: items.map(({ question, selected, order }) =>
        reviewedQuestion(question, order, selected, scoreQuestion(question, selected), this.data.locale),
      ),
      next: this.assessmentState(),
    };
  }

  private attemptView(): AttemptView {
    const open = this.progress.open;
    const bank = this.data.assessment?.questions ?? [];
    const questions = (open?.questions ?? []).flatMap((bankIndex) => {
      const question = bank[bankIndex];
      if (!open || !question) return [];
      const order = optionOrder(question, `${open.seed}:${question.id}`);
      return [
        {
          question: publicQuestion(question, order, this.data.locale),
          selected: toDisplayed(order, open.answers[bankIndex] ?? []),
        },
      ];
    });
    return { number: this.progress.attempts.length + 1, questions };
  }

  // -------------------------------------------------------------------------------------------
  // Reporting

  report(): LearnerReport {
    const assessment = this.data.assessment;
    const lessonIndices = this.data.pages.flatMap((page, index) => (page.kind === "lesson" ? [index] : []));
    const readLessons = lessonIndices.filter((index) => this.progress.visited.includes(index)).length;
    const lessonsDone = readLessons === lessonIndices.length;
    const attempts = this.progress.attempts;
    const passedAttempt = attempts.find((attempt) => attempt.passed);
    const lastAttempt = attempts[attempts.length - 1];
    const finished = assessment ? Boolean(passedAttempt) || attempts.length >= assessment.maxAttempts : lessonsDone;
    const steps = lessonIndices.length + (assessment ? 1 : 0);
    const stepsDone = readLessons + (assessment && finished ? 1 : 0);
    return {
      location: this.location,
      suspendData: encodeProgress(this.progress, this.data.contentKey, SUSPEND_DATA_LIMIT[this.data.version]),
      completion: lessonsDone && finished ? "completed" : "incomplete",
      success: !assessment || !lastAttempt ? "unknown" : passedAttempt ? "passed" : "failed",
      percent: (passedAttempt ?? lastAttempt)?.percent ?? null,
      progress: steps === 0 ? 1 : stepsDone / steps,
      finished: lessonsDone && finished,
    };
  }

  /** Ends the LMS session (page hidden or closed); safe to call more than once. */
  end(): void {
    if (!this.lms || !this.connected) return;
    this.lms.finish(this.report(), (this.clock.now() - this.startedAt) / 1000);
  }

  private save(commit: boolean): void {
    if (!this.lms || !this.connected) return;
    this.lms.write(this.report());
    if (commit) this.lms.commit();
  }

  private pageIndex(pageId: string): number {
    return this.data.pages.findIndex((page) => page.id === pageId);
  }
}
