import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { writeAudit } from "~/db/audit.server";
import { jsonColumn } from "~/db/json-column";
import { verifyPassword } from "~/auth/password.server";
import { THROTTLE_RULES, reserveThrottle, throttleKeys } from "~/auth/throttle.server";
import type { LearningEvents } from "~/domain/learning-events";
import { scormRecordsOfLearner, type ScormAttemptRecord, type ScormSharedDataRecord } from "~/scorm/records.server";

/**
 * GDPR self-service: the right of access (Art. 15, as a download in a machine-readable format,
 * Art. 20) and the right to erasure (Art. 17) for the signed-in learner.
 */

/** Bumped whenever a field is renamed or removed, so anyone processing exports can tell versions apart. */
export const EXPORT_FORMAT = "stigmavrij-export/2";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Dates are ISO 8601 strings in UTC, so the object survives JSON.stringify/parse unchanged. */
export interface UserDataExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  profile: {
    name: string;
    email: string;
    role: string;
    locale: string;
    sector: string;
    organisation: string | null;
    createdAt: string;
    updatedAt: string;
  };
  enrollments: {
    moduleId: string;
    status: string;
    startedAt: string;
    completedAt: string | null;
    lastActivityAt: string;
    lastLessonId: string | null;
    contentHash: string;
    preSurvey: string | null;
    postSurvey: string | null;
  }[];
  lessonProgress: {
    lessonId: string;
    firstSeenAt: string;
    lastSeenAt: string;
    completedAt: string | null;
    contentHash: string;
    activeSeconds: number;
  }[];
  /** Final assessment attempts with the drawn questions (ids) and the learner's answers. */
  assessmentAttempts: {
    moduleId: string;
    number: number;
    status: string;
    startedAt: string;
    submittedAt: string | null;
    percent: number | null;
    passed: boolean | null;
    reportedMinutes: number | null;
    answers: { questionId: string; selectedOptions: number[]; score: number | null }[];
  }[];
  knowledgeCheckAnswers: { questionId: string; selectedOptions: number[]; correct: boolean; answeredAt: string }[];
  /** Attitude survey answers on the 1–5 scale, before and after the module. */
  attitudeAnswers: { moduleId: string; itemId: string; before: number | null; after: number | null }[];
  evaluations: {
    moduleId: string;
    skipped: boolean;
    relevance: number | null;
    objectivesMet: number | null;
    quality: number | null;
    independent: number | null;
    minutesSpent: number | null;
    comment: string | null;
    submittedAt: string;
  }[];
  completions: { moduleId: string; completedAt: string; contentHash: string; percent: number | null }[];
  /** Imported SCORM content: each attempt's status and everything the content stored (objectives, interactions, …). */
  scormAttempts: ScormAttemptRecord[];
  /** SCORM 2004 shared data stores (adl.data) written by content for the learner. */
  scormSharedData: ScormSharedDataRecord[];
  registrationNumbers: { register: string; number: string; createdAt: string }[];
  /** Cohorts the learner joined (a trainer of the organisation sees their progress in it). */
  cohorts: { name: string; organisation: string; joinedAt: string }[];
  certificates: {
    code: string;
    moduleId: string;
    learnerName: string;
    completedAt: string;
    issuedAt: string;
    expiresAt: string | null;
    revokedAt: string | null;
    revokedReason: string | null;
    version: number;
  }[];
  /** Only how many and until when: a session id is a credential, even hashed it has no use to the learner. */
  sessions: { count: number; expiresAt: string[] };
  auditLog: { action: string; createdAt: string; details: JsonValue }[];
  /** Token hashes are left out for the same reason as session ids. */
  passwordResetRequests: { createdAt: string; expiresAt: string; usedAt: string | null }[];
  /**
   * Failed password checks and reset requests are kept (for at most a day) under a key that
   * contains the email address, so they are data about the learner too.
   */
  securityEvents: { kind: SecurityEventKind; createdAt: string }[];
}

export type SecurityEventKind = "password_check_failed" | "password_reset_requested";

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** Selections are stored as JSON arrays of authored option indices (0 = the first option in the course file). */
const selectionColumn = jsonColumn(
  z.array(z.unknown()).transform((values) => values.filter((value): value is number => typeof value === "number")),
  [] as number[],
);

function parseSelection(json: string | null): number[] {
  return selectionColumn.parse(json);
}

/** Audit details are stored as JSON text; a row that is not valid JSON is exported as the raw text. */
function parseDetails(details: string): JsonValue {
  try {
    return JSON.parse(details) as JsonValue;
  } catch {
    return details;
  }
}

function detailsSubject(details: JsonValue): unknown {
  return details !== null && typeof details === "object" && !Array.isArray(details) ? details.userId : undefined;
}

/**
 * Audit rows the learner is part of: those recorded under their id (what they did) and those an
 * administrator recorded about them (e.g. a role change, which names them in `details.userId`).
 * The row's own userId is never exported, so an administrator's id does not leak.
 */
async function auditEntriesAbout(db: PrismaClient, userId: string) {
  const rows = await db.auditLog.findMany({
    where: { OR: [{ userId }, { details: { contains: JSON.stringify({ userId }).slice(1, -1) } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { userId: true, action: true, details: true, createdAt: true },
  });
  return (
    rows
      .map((row) => ({ ...row, parsed: parseDetails(row.details) }))
      // `contains` is a text match; keep only rows whose details really name this user.
      .filter((row) => row.userId === userId || detailsSubject(row.parsed) === userId)
      .map((row) => ({ action: row.action, createdAt: iso(row.createdAt), details: row.parsed }))
  );
}

function emailThrottleKeys(email: string): Record<string, SecurityEventKind> {
  return {
    [throttleKeys.loginEmail(email)]: "password_check_failed",
    [throttleKeys.resetEmail(email)]: "password_reset_requested",
  };
}

async function securityEventsOf(db: PrismaClient, email: string) {
  const kinds = emailThrottleKeys(email);
  const events = await db.throttleEvent.findMany({
    where: { key: { in: Object.keys(kinds) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { key: true, createdAt: true },
  });
  return events.flatMap((e) => {
    const kind = kinds[e.key];
    return kind ? [{ kind, createdAt: iso(e.createdAt) }] : [];
  });
}

/** Everything stored about a user, without secrets (password hash, session ids, token hashes); null if the user is gone. */
export async function exportUserData(
  db: PrismaClient,
  userId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<UserDataExport | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      name: true,
      email: true,
      role: true,
      locale: true,
      sector: true,
      createdAt: true,
      updatedAt: true,
      organisation: { select: { name: true } },
      enrollments: {
        orderBy: { startedAt: "asc" },
        select: {
          moduleId: true,
          status: true,
          startedAt: true,
          completedAt: true,
          lastActivityAt: true,
          lastLessonId: true,
          contentHash: true,
          preSurvey: true,
          postSurvey: true,
        },
      },
      lessonProgress: {
        orderBy: { firstSeenAt: "asc" },
        select: {
          lessonId: true,
          firstSeenAt: true,
          lastSeenAt: true,
          completedAt: true,
          contentHash: true,
          activeSeconds: true,
        },
      },
      attempts: {
        orderBy: [{ moduleId: "asc" }, { number: "asc" }],
        select: {
          moduleId: true,
          number: true,
          status: true,
          startedAt: true,
          submittedAt: true,
          percent: true,
          passed: true,
          reportedMinutes: true,
          items: { orderBy: { position: "asc" }, select: { questionId: true, selected: true, score: true } },
        },
      },
      checkAnswers: {
        orderBy: { answeredAt: "asc" },
        select: { questionId: true, selected: true, correct: true, answeredAt: true },
      },
      attitudeAnswers: {
        orderBy: [{ moduleId: "asc" }, { itemId: "asc" }],
        select: { moduleId: true, itemId: true, before: true, after: true },
      },
      evaluations: {
        orderBy: { moduleId: "asc" },
        select: {
          moduleId: true,
          skipped: true,
          relevance: true,
          objectivesMet: true,
          quality: true,
          independent: true,
          minutesSpent: true,
          comment: true,
          submittedAt: true,
        },
      },
      completions: {
        orderBy: { completedAt: "asc" },
        select: { moduleId: true, completedAt: true, contentHash: true, percent: true },
      },
      registrationNumbers: { orderBy: { createdAt: "asc" }, select: { register: true, number: true, createdAt: true } },
      cohortMemberships: {
        orderBy: { joinedAt: "asc" },
        select: { joinedAt: true, cohort: { select: { name: true, organisation: { select: { name: true } } } } },
      },
      certificates: {
        orderBy: { issuedAt: "asc" },
        select: {
          code: true,
          moduleId: true,
          learnerName: true,
          completedAt: true,
          issuedAt: true,
          expiresAt: true,
          revokedAt: true,
          revokedReason: true,
          version: true,
        },
      },
      sessions: { orderBy: { expiresAt: "asc" }, select: { expiresAt: true } },
      passwordResets: { orderBy: { createdAt: "asc" }, select: { createdAt: true, expiresAt: true, usedAt: true } },
    },
  });
  if (!user) return null;
  const [auditLog, securityEvents, scorm] = await Promise.all([
    auditEntriesAbout(db, userId),
    securityEventsOf(db, user.email),
    scormRecordsOfLearner(db, userId),
  ]);
  return {
    format: EXPORT_FORMAT,
    exportedAt: iso(now),
    profile: {
      name: user.name,
      email: user.email,
      role: user.role,
      locale: user.locale,
      sector: user.sector,
      organisation: user.organisation?.name ?? null,
      createdAt: iso(user.createdAt),
      updatedAt: iso(user.updatedAt),
    },
    enrollments: user.enrollments.map((e) => ({
      ...e,
      startedAt: iso(e.startedAt),
      completedAt: isoOrNull(e.completedAt),
      lastActivityAt: iso(e.lastActivityAt),
    })),
    lessonProgress: user.lessonProgress.map((p) => ({
      ...p,
      firstSeenAt: iso(p.firstSeenAt),
      lastSeenAt: iso(p.lastSeenAt),
      completedAt: isoOrNull(p.completedAt),
    })),
    assessmentAttempts: user.attempts.map(({ items, ...attempt }) => ({
      ...attempt,
      startedAt: iso(attempt.startedAt),
      submittedAt: isoOrNull(attempt.submittedAt),
      answers: items.map((item) => ({
        questionId: item.questionId,
        selectedOptions: parseSelection(item.selected),
        score: item.score,
      })),
    })),
    knowledgeCheckAnswers: user.checkAnswers.map((answer) => ({
      questionId: answer.questionId,
      selectedOptions: parseSelection(answer.selected),
      correct: answer.correct,
      answeredAt: iso(answer.answeredAt),
    })),
    attitudeAnswers: user.attitudeAnswers,
    evaluations: user.evaluations.map((evaluation) => ({ ...evaluation, submittedAt: iso(evaluation.submittedAt) })),
    completions: user.completions.map((completion) => ({ ...completion, completedAt: iso(completion.completedAt) })),
    scormAttempts: scorm.attempts,
    scormSharedData: scorm.sharedData,
    registrationNumbers: user.registrationNumbers.map((entry) => ({ ...entry, createdAt: iso(entry.createdAt) })),
    cohorts: user.cohortMemberships.map((m) => ({
      name: m.cohort.name,
      organisation: m.cohort.organisation.name,
      joinedAt: iso(m.joinedAt),
    })),
    certificates: user.certificates.map((certificate) => ({
      ...certificate,
      completedAt: iso(certificate.completedAt),
      issuedAt: iso(certificate.issuedAt),
      expiresAt: isoOrNull(certificate.expiresAt),
      revokedAt: isoOrNull(certificate.revokedAt),
    })),
    sessions: { count: user.sessions.length, expiresAt: user.sessions.map((s) => iso(s.expiresAt)) },
    auditLog,
    passwordResetRequests: user.passwordResets.map((r) => ({
      createdAt: iso(r.createdAt),
      expiresAt: iso(r.expiresAt),
      usedAt: isoOrNull(r.usedAt),
    })),
    securityEvents,
  };
}

export type DeleteAccountResult =
  | { ok: true }
  | { ok: false; error: "wrong_password" | "last_admin" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

export interface DeleteAccountInput {
  userId: string;
  password: string;
  events: LearningEvents;
  /** Clock for throttling (tests). */
  now?: Date;
}

/**
 * Deletes the account after the password is confirmed. The foreign keys remove sessions, reset
 * tokens, enrollments, lesson progress and cohort memberships with the user and set the user's
 * audit rows to userId NULL; throttle events are keyed by email rather than linked, so they are
 * removed here, and the report rows of the learner's cohorts are rebuilt without them.
 *
 * Wrong passwords count against the same per-account budget as failed logins (as in
 * changePassword), so a hijacked session cannot be used to guess the password.
 */
export async function deleteAccount(
  db: PrismaClient,
  { userId, password, events, now = new Date() }: DeleteAccountInput,
): Promise<DeleteAccountResult> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) return { ok: false, error: "wrong_password" };
  const accountKeys = [throttleKeys.loginEmail(user.email)];
  // Reserved before the password is checked, so parallel guesses through several processes or
  // instances share one budget; a right password takes its attempt back.
  const attempt = await reserveThrottle(accountKeys, THROTTLE_RULES.loginAccount, { db, now });
  if (!attempt.allowed) return { ok: false, error: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, error: "wrong_password" };
  await attempt.release();

  const { value } = await events.record(db, now, async (tx) => {
    const refused = (error: "wrong_password" | "last_admin") => ({
      value: { ok: false, error } as DeleteAccountResult,
      event: null,
    });
    // Role is read inside the transaction so two administrators deleting themselves at the same
    // moment cannot both pass the check and leave nobody to manage the site.
    const current = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!current) return refused("wrong_password");
    if (current.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1)
      return refused("last_admin");
    const memberships = await tx.cohortMember.findMany({ where: { userId }, select: { cohortId: true } });
    await tx.user.delete({ where: { id: userId } });
    await tx.throttleEvent.deleteMany({ where: { key: { in: Object.keys(emailThrottleKeys(user.email)) } } });
    // Proof that a deletion happened (accountability), deliberately without anything about whom.
    await writeAudit(tx, { actorId: null, action: "account.deleted", at: now });
    // Report rows are derived data without foreign keys: the event rebuilds the learner's cohorts
    // without them. It names the cohorts only, not the learner.
    const cohortIds = memberships.map((m) => m.cohortId);
    return {
      value: { ok: true } as DeleteAccountResult,
      event: cohortIds.length > 0 ? ({ type: "accountDeleted", cohortIds } as const) : null,
    };
  });
  return value;
}
