/**
 * The learner's progress inside a package, kept in SCORM suspend_data. SCORM 1.2 allows only 4,096
 * characters, so the format is compact: pages, checks and questions are referred to by their index
 * in the package data, and the oldest attempts' question lists are dropped first when space runs out.
 */

export interface FinishedAttempt {
  /** Indices into the item bank of the questions drawn. */
  questions: number[];
  /** Percentage as reported to the LMS (see reportedPercent). */
  percent: number;
  passed: boolean;
  /** When it was submitted, in ms since the epoch (for the waiting time). */
  submittedAt: number;
}

export interface OpenAttempt {
  /** Seed of the option order. */
  seed: string;
  questions: number[];
  /** Bank index → authored option indices chosen so far. */
  answers: Record<number, number[]>;
}

export interface Progress {
  /** Page indices the learner has opened. */
  visited: number[];
  /** Check index → authored option indices of the last answer. */
  checks: Record<number, number[]>;
  attempts: FinishedAttempt[];
  open: OpenAttempt | null;
}

export const SUSPEND_DATA_LIMIT: Record<"1.2" | "2004", number> = { "1.2": 4096, "2004": 64000 };

export function emptyProgress(): Progress {
  return { visited: [], checks: {}, attempts: [], open: null };
}

interface Stored {
  k: string;
  v: number[];
  c: Record<string, number[]>;
  h: Array<[number[], number, 0 | 1, number]>;
  o: { s: string; q: number[]; a: Record<string, number[]> } | null;
}

export function encodeProgress(progress: Progress, contentKey: string, limit: number): string {
  const stored: Stored = {
    k: contentKey,
    v: progress.visited,
    c: progress.checks,
    h: progress.attempts.map((attempt) => [
      attempt.questions,
      attempt.percent,
      attempt.passed ? 1 : 0,
      attempt.submittedAt,
    ]),
    o: progress.open ? { s: progress.open.seed, q: progress.open.questions, a: progress.open.answers } : null,
  };
  let text = JSON.stringify(stored);
  // Old question lists only steer a resit towards new questions; the attempt itself must stay.
  for (const entry of stored.h) {
    if (text.length <= limit) break;
    entry[0] = [];
    text = JSON.stringify(stored);
  }
  for (const key of Object.keys(stored.c)) {
    if (text.length <= limit) break;
    delete stored.c[key];
    text = JSON.stringify(stored);
  }
  return text;
}

/**
 * Reads suspend_data written by encodeProgress. Anything unreadable is ignored. Data from another
 * version of the package keeps only the attempts used (so the attempt limit still holds): its
 * indices may point at other pages and questions now.
 */
export function decodeProgress(text: string, contentKey: string): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return emptyProgress();
  }
  if (!isRecord(raw)) return emptyProgress();
  const attempts = Array.isArray(raw.h) ? raw.h.flatMap(readAttempt) : [];
  if (raw.k !== contentKey)
    return { ...emptyProgress(), attempts: attempts.map((attempt) => ({ ...attempt, questions: [] })) };
  const open =
    isRecord(raw.o) && typeof raw.o.s === "string" && isIndexList(raw.o.q)
      ? { seed: raw.o.s, questions: raw.o.q, answers: readIndexMap(raw.o.a) }
      : null;
  return {
    visited: isIndexList(raw.v) ? raw.v : [],
    checks: readIndexMap(raw.c),
    attempts,
    open,
  };
}

function readAttempt(entry: unknown): FinishedAttempt[] {
  if (!Array.isArray(entry) || entry.length !== 4) return [];
  const [questions, percent, passed, submittedAt] = entry as unknown[];
  if (!isIndexList(questions) || typeof percent !== "number" || typeof submittedAt !== "number") return [];
  return [{ questions, percent, passed: passed === 1, submittedAt }];
}

function readIndexMap(value: unknown): Record<number, number[]> {
  const result: Record<number, number[]> = {};
  if (!isRecord(value)) return result;
  for (const [key, list] of Object.entries(value)) {
    if (/^\d+$/.test(key) && isIndexList(list)) result[Number(key)] = list;
  }
  return result;
}

function isIndexList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => Number.isInteger(item) && item >= 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The percentage the LMS gets: cut (not rounded) to two decimals, so an LMS comparing it with the
 * pass mark (SCORM 1.2 masteryscore, 2004 minNormalizedMeasure) reaches the same verdict as
 * scoreAttempt. The small allowance absorbs float noise in sums of fractional scores.
 */
export function reportedPercent(earned: number, possible: number): number {
  if (possible <= 0) return 0;
  return Math.min(100, Math.floor((earned * 10000) / possible + 1e-6) / 100);
}
