import type { PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";

import { startAttempt } from "~/assessment/attempts.server";
import { recertificationOpen, renewalOpen } from "~/assessment/recertification.server";
import { currentCertificate, currentCertificatesByModule } from "~/certificates/latest.server";
import { missingRegisters, missingRegistrationsForModule } from "~/certificates/registration.server";
import { syncCourses } from "~/content/sync.server";
import type { ParsedSurvey } from "~/content/types";
import { learningEvents } from "~/learning-events.server";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { completeLessons, insertCertificate, passAssessment } from "../../tests/unit/support/certificates";
import { parsedModule, question, surveyItem } from "../../tests/unit/support/courses";

import { evaluationPending, saveEvaluation } from "./evaluation.server";
import { readLearnerModuleFacts, type LearnerModuleFacts } from "./module-facts.server";
import { pickNextModule, suggestNextModule } from "./next-module.server";
import { getModuleOverview } from "./progress.server";
import { saveSurvey, surveyPending } from "./survey.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-06-01T10:00:00.000Z");
const SURVEY: ParsedSurvey = { key: "houding", items: [surveyItem("werk"), surveyItem("respect")] };
const QUESTIONS = [question("q1", "single", "CWW"), question("q2", "true_false", "CW")];
const ASSESSMENT = { passMark: 50, draw: QUESTIONS.length, maxAttempts: 3, waitMinutes: 0, questions: QUESTIONS };

/** "basis" asks the survey and has an assessment; two more modules in catalogue order, one for care only. */
async function seed() {
  await syncCourses(
    db(),
    [
      parsedModule({ slug: "basis", position: 1, lessons: ["een", "twee"], survey: SURVEY, assessment: ASSESSMENT }),
      { ...parsedModule({ slug: "zorg", position: 2, lessons: ["een"] }), sectors: ["care"] },
      { ...parsedModule({ slug: "bank", position: 3, lessons: ["een"] }), sectors: ["bank"] },
    ],
    undefined,
    { sharedSurvey: SURVEY },
  );
}

async function learner(sector: string) {
  const user = await db().user.create({
    data: { email: `feiten-${sector}-${Math.random()}@example.nl`, name: "Leerling", passwordHash: "x", sector },
  });
  return user.id;
}

/** What the one statement says, next to what the separate functions (the reference) say. */
async function compare(prisma: PrismaClient, userId: string, now: Date) {
  const facts: LearnerModuleFacts = await readLearnerModuleFacts(prisma, { userId, moduleId: "basis" });
  const [attempts, survey, evaluation, certificates, next, recertify] = await Promise.all([
    prisma.assessmentAttempt.findMany({
      where: { userId, moduleId: "basis" },
      orderBy: { number: "asc" },
      select: { id: true, number: true, status: true, startedAt: true, submittedAt: true, percent: true, passed: true },
    }),
    surveyPending(prisma, { moduleSlug: "basis", userId, phase: "after" }),
    evaluationPending(prisma, { moduleSlug: "basis", userId }),
    currentCertificatesByModule(prisma, { userId, moduleIds: ["basis"], now }),
    suggestNextModule(prisma, { userId, locale: "en", currentModuleId: "basis" }),
    recertificationOpen(prisma, { userId, moduleId: "basis", now }),
  ]);
  expect(facts.attempts.map(({ items: _items, answered: _answered, ...attempt }) => attempt)).toEqual(attempts);
  expect(facts.surveyAfterPending).toBe(survey);
  expect(facts.evaluationPending).toBe(evaluation);
  expect(currentCertificate(facts.certificates, now)).toEqual(certificates.get("basis") ?? null);
  expect(pickNextModule(facts.nextCandidates, facts.sector, "en")).toEqual(next);
  expect(renewalOpen(facts.certificates[0], facts.reminderDays, now)).toBe(recertify);
  expect(missingRegisters(facts.accreditedRegisters, facts.registeredRegisters)).toEqual(
    await missingRegistrationsForModule(prisma, { userId, moduleId: "basis" }),
  );
  // The module page's open attempt from the facts, as openAttemptProgress reads it.
  expect(
    await getModuleOverview(prisma, { moduleSlug: "basis", locale: "nl", userId, attempts: facts.attempts }),
  ).toEqual(await getModuleOverview(prisma, { moduleSlug: "basis", locale: "nl", userId }));
  return facts;
}

describe("readLearnerModuleFacts", () => {
  it("agrees with the separate reads before, during and after the module", async () => {
    await seed();
    const userId = await learner("care");

    const fresh = await compare(db(), userId, T0);
    expect(fresh).toMatchObject({ attempts: [], allLessonsDone: false, certificates: [], sector: "care" });
    expect(fresh.nextCandidates.map((module) => module.id)).toEqual(["zorg", "bank"]);

    await completeLessons(db(), userId, "basis", T0);
    expect((await compare(db(), userId, T0)).allLessonsDone).toBe(true);

    // An attempt left open with one answer saved: the module page shows its progress.
    const open = await startAttempt(db(), { moduleSlug: "basis", userId, now: T0, seed: "open" });
    if (!open.ok) throw new Error("start refused");
    await db().attemptItem.updateMany({ where: { attemptId: open.attemptId, position: 0 }, data: { selected: "[0]" } });
    const during = await compare(db(), userId, T0);
    expect(during.attempts[0]).toMatchObject({ status: "in_progress", items: 2, answered: 1 });
    await db().attemptItem.deleteMany({ where: { attemptId: open.attemptId } });
    await db().assessmentAttempt.delete({ where: { id: open.attemptId } });

    await passAssessment(db(), userId, "basis", T0);
    const passed = await compare(db(), userId, T0);
    expect(passed.attempts).toHaveLength(1);
    expect(passed.attempts[0]).toMatchObject({ number: 1, status: "submitted", passed: true });
    expect(passed.surveyAfterPending).toBe(true);
    expect(passed.evaluationPending).toBe(true);

    await saveSurvey(db(), {
      moduleSlug: "basis",
      userId,
      phase: "after",
      answers: { skip: true },
      now: T0,
      events: learningEvents,
    });
    await saveEvaluation(db(), { moduleSlug: "basis", userId, input: { intent: "skip" }, now: T0 });
    const answered = await compare(db(), userId, T0);
    expect(answered).toMatchObject({ surveyAfterPending: false, evaluationPending: false });
  });

  it("picks the newest certificate that is not revoked and sees re-certification open", async () => {
    await seed();
    await db().moduleCertification.create({ data: { moduleId: "basis", validityMonths: 12, reminderDays: 60 } });
    for (const register of ["vvn", "skj"])
      await db().accreditation.create({ data: { moduleId: "basis", register, accreditationId: "A-1", points: 2 } });
    const userId = await learner("bank");
    await db().registrationNumber.create({ data: { userId, register: "skj", number: "123" } });
    const older = await insertCertificate(db(), {
      userId,
      moduleId: "basis",
      completedAt: new Date("2024-01-01T00:00:00.000Z"),
      expiresAt: new Date("2025-01-01T00:00:00.000Z"),
    });
    await insertCertificate(db(), {
      userId,
      moduleId: "basis",
      completedAt: new Date("2024-06-01T00:00:00.000Z"),
      expiresAt: new Date("2025-06-30T00:00:00.000Z"),
      revokedAt: new Date("2024-07-01T00:00:00.000Z"),
    });
    const facts = await compare(db(), userId, T0);
    expect(facts.reminderDays).toBe(60);
    expect(missingRegisters(facts.accreditedRegisters, facts.registeredRegisters)).toEqual(["vvn"]);
    expect(facts.certificates[0]?.revokedAt).toEqual(new Date("2024-07-01T00:00:00.000Z"));
    expect(currentCertificate(facts.certificates, T0)).toEqual({ code: older.code, status: "expired" });

    const current = await insertCertificate(db(), {
      userId,
      moduleId: "basis",
      completedAt: new Date("2024-08-01T00:00:00.000Z"),
      expiresAt: new Date("2025-07-15T00:00:00.000Z"),
    });
    const renewing = await compare(db(), userId, T0);
    expect(currentCertificate(renewing.certificates, T0)).toEqual({ code: current.code, status: "valid" });
    expect(renewalOpen(renewing.certificates[0], renewing.reminderDays, T0)).toBe(true);
    expect(pickNextModule(renewing.nextCandidates, renewing.sector, "nl")?.slug).toBe("bank");
  });

  it("says nothing is pending for an archived module", async () => {
    await seed();
    const userId = await learner("care");
    await completeLessons(db(), userId, "basis", T0);
    await passAssessment(db(), userId, "basis", T0);
    await db().module.update({ where: { id: "basis" }, data: { archived: true } });
    const facts = await compare(db(), userId, T0);
    expect(facts).toMatchObject({ surveyAfterPending: false, evaluationPending: false });
  });
});
