// Demo data for a fresh install. Safe to re-run: existing rows are left as they are.
import path from "node:path";

import { startAttempt, submitAttempt } from "../app/assessment/attempts.server";
import type { Question } from "../app/assessment/types";
import { hashPassword } from "../app/auth/password.server";
import { loadCourses } from "../app/content/load.server";
import { syncCourses } from "../app/content/sync.server";
import { applyPragmas, createPrismaClient } from "../app/db/client.server";
import { completeLesson } from "../app/learning/progress.server";
import { saveSurvey } from "../app/learning/survey.server";

import { DEMO_ACCOUNTS, DEMO_ACCREDITATION, DEMO_ORGANISATION } from "./demo-accounts";

const prisma = createPrismaClient();

async function seed() {
  await applyPragmas(prisma);
  const organisation =
    (await prisma.organisation.findUnique({ where: { joinCode: DEMO_ORGANISATION.joinCode } })) ??
    (await prisma.organisation.create({ data: DEMO_ORGANISATION }));

  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const exists = await prisma.user.findUnique({ where: { email: account.email }, select: { id: true } });
    if (exists) continue;
    await prisma.user.create({
      data: {
        email: account.email,
        name: account.name,
        role: account.role,
        locale: account.locale,
        sector: account.sector,
        passwordHash: await hashPassword(account.password),
        organisationId: account.inDemoOrganisation ? organisation.id : null,
      },
    });
    created += 1;
  }
  console.log(`seed: ${created} demo account(s) created, ${DEMO_ACCOUNTS.length - created} already present`);
  await seedAccreditedCompletion();
}

/**
 * Syncs the courses (the server would do it at start anyway), accredits the care module and lets
 * the care demo learner complete it through the platform's own functions, which issues a
 * certificate. Skipped when the learner already completed it.
 */
async function seedAccreditedCompletion() {
  const { modules, sharedSurvey, problems } = await loadCourses(path.resolve("courses"));
  if (problems.length > 0) console.warn(`seed: courses/ has ${problems.length} problem(s); run npm run courses:check`);
  await syncCourses(prisma, modules, undefined, { sharedSurvey });
  const demo = DEMO_ACCREDITATION;
  const module = modules.find((candidate) => candidate.slug === demo.moduleId);
  const learner = await prisma.user.findUnique({ where: { email: demo.learnerEmail }, select: { id: true } });
  if (!module || !learner) return;

  await prisma.moduleCertification.upsert({
    where: { moduleId: demo.moduleId },
    create: { moduleId: demo.moduleId, validityMonths: demo.validityMonths, reminderDays: demo.reminderDays },
    update: {},
  });
  for (const accreditation of demo.accreditations) {
    await prisma.accreditation.upsert({
      where: { moduleId_register: { moduleId: demo.moduleId, register: accreditation.register } },
      create: { moduleId: demo.moduleId, ...accreditation },
      update: {},
    });
  }
  for (const { register, number } of demo.learnerNumbers) {
    await prisma.registrationNumber.upsert({
      where: { userId_register_number: { userId: learner.id, register, number } },
      create: { userId: learner.id, register, number },
      update: {},
    });
  }

  const done = await prisma.moduleCompletion.findUnique({
    where: { userId_moduleId: { userId: learner.id, moduleId: demo.moduleId } },
    select: { id: true },
  });
  if (done) return;
  await saveSurvey(prisma, { moduleSlug: demo.moduleId, userId: learner.id, phase: "before", answers: { skip: true } });
  for (const lesson of module.lessons) {
    await completeLesson(prisma, { moduleSlug: demo.moduleId, lessonSlug: lesson.slug, userId: learner.id });
  }
  const started = await startAttempt(prisma, { moduleSlug: demo.moduleId, userId: learner.id });
  if (!started.ok) return;
  const items = await prisma.attemptItem.findMany({ where: { attemptId: started.attemptId } });
  const answers = new Map(
    items.map((item) => {
      const question = JSON.parse(item.question) as Question;
      const order = JSON.parse(item.optionOrder) as number[];
      const correct = order.flatMap((authored, shown) => (question.options[authored]?.correct ? [shown] : []));
      return [question.id, correct] as const;
    })
  );
  await submitAttempt(prisma, { attemptId: started.attemptId, userId: learner.id, answers, reportedMinutes: 30 });
  console.log(`seed: ${demo.learnerEmail} completed ${demo.moduleId} (certificate issued)`);
}

seed()
  .catch((error: unknown) => {
    console.error("seed failed:", error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
