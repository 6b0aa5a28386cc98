import { Prisma } from "@prisma/client";

import type { Question } from "~/content/questions";
import type { Db } from "~/db/types";

/**
 * The part of an attempt that never changes after the draw: whose it is, its module, and the
 * drawn questions with their option order (snapshotted in AttemptItem). Every save and submit
 * checks posted answers against it, so it is held in memory per attempt: a save then needs no
 * read before its one UPDATE. Safe with several processes because nothing here is ever updated;
 * what does change (the status, the answers) is read or checked in SQL each time.
 */
export interface AttemptSnapshot {
  userId: string;
  moduleId: string;
  /** The pass mark that applied at the draw. */
  passMark: number;
  items: SnapshotItem[];
}

export interface SnapshotItem {
  position: number;
  questionId: string;
  question: Question;
  /** Authored option indices in display order. */
  order: number[];
}

/** A Map that forgets its oldest entry past `limit` (insertion order; a hit re-inserts). */
class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K);
  }
}

// An attempt's entry is small (the questions are shared below); 20,000 attempts in progress at once
// is far beyond a busy day, and a forgotten one costs one read.
const snapshots = new BoundedCache<string, AttemptSnapshot>(20_000);
// Attempts of one content version share their question texts: parse each distinct text once.
const questions = new BoundedCache<string, Question>(5_000);

export function parseSnapshotQuestion(json: string): Question {
  let question = questions.get(json);
  if (!question) {
    question = JSON.parse(json) as Question;
    questions.set(json, question);
  }
  return question;
}

export function rememberSnapshot(attemptId: string, snapshot: AttemptSnapshot): void {
  snapshots.set(attemptId, snapshot);
}

export function cachedSnapshot(attemptId: string): AttemptSnapshot | undefined {
  return snapshots.get(attemptId);
}

interface SnapshotRow {
  userId: string;
  moduleId: string;
  passMark: number;
  position: number | null;
  questionId: string | null;
  question: string | null;
  optionOrder: string | null;
}

/** Builds a snapshot from rows of the attempt LEFT JOIN its items (ordered by position). */
export function snapshotFromRows(rows: readonly SnapshotRow[]): AttemptSnapshot | null {
  const first = rows[0];
  if (!first) return null;
  const items: SnapshotItem[] = [];
  for (const row of rows) {
    if (row.position === null || row.questionId === null || row.question === null || row.optionOrder === null) continue;
    items.push({
      position: Number(row.position),
      questionId: row.questionId,
      question: parseSnapshotQuestion(row.question),
      order: JSON.parse(row.optionOrder) as number[],
    });
  }
  return { userId: first.userId, moduleId: first.moduleId, passMark: Number(first.passMark), items };
}

/**
 * The learner's own attempt's snapshot: from memory, else one read. Another learner's attempt is
 * null, exactly like one that does not exist.
 */
export async function attemptSnapshot(db: Db, attemptId: string, userId: string): Promise<AttemptSnapshot | null> {
  let snapshot: AttemptSnapshot | null | undefined = snapshots.get(attemptId);
  if (!snapshot) {
    const rows = await db.$queryRaw<SnapshotRow[]>(Prisma.sql`
      SELECT a."userId", a."moduleId", a."passMark", i."position", i."questionId", i."question", i."optionOrder"
      FROM "AssessmentAttempt" a LEFT JOIN "AttemptItem" i ON i."attemptId" = a."id"
      WHERE a."id" = ${attemptId}
      ORDER BY i."position"`);
    snapshot = snapshotFromRows(rows);
    if (snapshot) snapshots.set(attemptId, snapshot);
  }
  return snapshot && snapshot.userId === userId ? snapshot : null;
}
