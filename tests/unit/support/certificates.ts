import type { PrismaClient } from "@prisma/client";

import { startAttempt, submitAttempt } from "../../../app/assessment/attempts.server";
import type { Question } from "../../../app/content/questions";
import type { PostedAnswers } from "../../../app/assessment/view";
import { syncCourses } from "../../../app/content/sync.server";
import { completeLesson } from "../../../app/learning/progress.server";
import type { LearningEvents } from "../../../app/domain/learning-events";
import { learningEvents } from "../../../app/learning-events.server";
import { parsedModule, question } from "./courses";

/**
 * Modules with certification settings, learners who pass them through the real completion path,
 * and certificate rows written directly for lifecycle tests that need exact dates.
 */

const LESSONS = ["een", "twee"];
/** Every question is drawn, so answering each correctly always passes. */
const BANK: Question[] = [question("q1", "single", "CWW"), question("q2", "true_false", "CW")];

export interface CertifiedModuleSpec {
  slug: string;
  assessment?: boolean;
  /** null: certificates do not expire; undefined: no ModuleCertification row at all. */
  validityMonths?: number | null;
  reminderDays?: number;
  accreditations?: Array<{ register: string; accreditationId: string; points: number }>;
}

/**
 * Syncs the modules (all at once: a sync archives modules it is not given) and writes their
 * certification settings and accreditations.
 */
export async function seedCertifiedModules(db: PrismaClient, specs: CertifiedModuleSpec[]): Promise<void> {
  await syncCourses(
    db,
    specs.map((spec, index) =>
      parsedModule({
        slug: spec.slug,
        position: index + 1,
        lessons: LESSONS,
        assessment:
          spec.assessment === false
            ? null
            : { passMark: 50, draw: BANK.length, maxAttempts: 3, waitMinutes: 0, questions: BANK },
      }),
    ),
  );
  for (const spec of specs) {
    if (spec.validityMonths !== undefined) {
      const settings = { validityMonths: spec.validityMonths, reminderDays: spec.reminderDays ?? 30 };
      await db.moduleCertification.upsert({
        where: { moduleId: spec.slug },
        create: { moduleId: spec.slug, ...settings },
        update: settings,
      });
    }
    for (const accreditation of spec.accreditations ?? []) {
      await db.accreditation.create({ data: { moduleId: spec.slug, ...accreditation } });
    }
  }
}

export async function seedCertifiedModule(db: PrismaClient, spec: CertifiedModuleSpec): Promise<void> {
  await seedCertifiedModules(db, [spec]);
}

export async function completeLessons(
  db: PrismaClient,
  userId: string,
  moduleSlug: string,
  now: Date,
  events: LearningEvents = learningEvents,
): Promise<void> {
  for (const lessonSlug of LESSONS) {
    const result = await completeLesson(db, { moduleSlug, lessonSlug, userId, now, events });
    if (!result.ok) throw new Error(`lesson ${moduleSlug}/${lessonSlug} not found`);
  }
}

/** Starts an attempt and submits every answer correct; returns the attempt id. */
export async function passAssessment(
  db: PrismaClient,
  userId: string,
  moduleSlug: string,
  now: Date,
  events: LearningEvents = learningEvents,
): Promise<string> {
  const started = await startAttempt(db, { moduleSlug, userId, now, seed: `seed-${now.toISOString()}` });
  if (!started.ok) throw new Error(`start refused: ${JSON.stringify(started)}`);
  const items = await db.attemptItem.findMany({
    where: { attemptId: started.attemptId },
    orderBy: { position: "asc" },
  });
  const answers: PostedAnswers = new Map();
  for (const item of items) {
    const drawn = JSON.parse(item.question) as Question;
    const order = JSON.parse(item.optionOrder) as number[];
    const correct = drawn.options.flatMap((option, index) => (option.correct ? [index] : []));
    answers.set(
      drawn.id,
      correct.map((index) => order.indexOf(index)),
    );
  }
  const submitted = await submitAttempt(db, {
    attemptId: started.attemptId,
    userId,
    answers,
    reportedMinutes: 20,
    now,
    events,
  });
  if (!submitted.ok || !submitted.passed) throw new Error(`not passed: ${JSON.stringify(submitted)}`);
  return started.attemptId;
}

let users = 0;

export async function createUser(
  db: PrismaClient,
  { name = "Sanne de Vries", role = "learner", locale = "nl" }: { name?: string; role?: string; locale?: string } = {},
): Promise<string> {
  users++;
  const user = await db.user.create({
    data: { email: `cert-user-${users}@example.nl`, name, role, locale, passwordHash: "x", sector: "care" },
  });
  return user.id;
}

let codes = 0;

/** A certificate row with exactly the given dates (issued and completed at `completedAt`). */
export async function insertCertificate(
  db: PrismaClient,
  input: {
    userId: string;
    moduleId: string;
    completedAt: Date;
    expiresAt: Date | null;
    learnerName?: string;
    revokedAt?: Date | null;
    reminderSentAt?: Date | null;
    code?: string;
  },
): Promise<{ id: string; code: string }> {
  codes++;
  const code = input.code ?? `TEST-0000-0000-${String(codes).padStart(4, "0")}`;
  return db.certificate.create({
    data: {
      code,
      userId: input.userId,
      moduleId: input.moduleId,
      attemptId: null,
      learnerName: input.learnerName ?? "Sanne de Vries",
      moduleTitles: JSON.stringify({ nl: `Module ${input.moduleId}`, en: `Module ${input.moduleId} (en)` }),
      contentHash: `hash-${input.moduleId}-1`,
      completedAt: input.completedAt,
      studyMinutes: 20,
      issuedAt: input.completedAt,
      expiresAt: input.expiresAt,
      revokedAt: input.revokedAt ?? null,
      revokedReason: input.revokedAt ? "Test" : null,
      reminderSentAt: input.reminderSentAt ?? null,
      events: { create: { action: "issued", createdAt: input.completedAt, details: "{}" } },
    },
    select: { id: true, code: true },
  });
}
