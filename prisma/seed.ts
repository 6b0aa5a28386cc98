// Demo data for a fresh install. Safe to re-run: existing rows are left as they are.
import path from "node:path";

import { startAttempt, submitAttempt } from "../app/assessment/attempts.server";
import type { Question } from "../app/content/questions";
import { hashPassword } from "../app/auth/password.server";
import { loadCourses } from "../app/content/load.server";
import { syncCourses } from "../app/content/sync.server";
import type { ParsedModule } from "../app/content/types";
import { applyPragmas, createPrismaClient } from "../app/db/client.server";
import { completeLesson, openLesson } from "../app/learning/progress.server";
import { saveSurvey } from "../app/learning/survey.server";
import { joinCohort } from "../app/organisations/cohort-membership.server";
import { deadlineFromDay, dayOf } from "../app/organisations/deadline";
import { rebuildAllReports } from "../app/reports/refresh.server";
import { pointsForMinutes } from "../app/reports/study-load";

import { DEMO_ACCOUNTS, DEMO_ACCREDITATION, DEMO_ORGANISATION } from "./demo-accounts";
import { learningEvents } from "../app/learning-events.server";

const prisma = createPrismaClient();

async function seed() {
  // The demo accounts (an administrator among them) have passwords published in the README: they
  // must never appear on a production database, which `npm run setup` would otherwise give them.
  if (process.env.NODE_ENV === "production") {
    console.log("seed: skipped (NODE_ENV=production): the demo accounts' passwords are public");
    return;
  }
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
  const modules = await seedAccreditedCompletion();
  await seedDemobank(modules, organisation.id);
  // The report tables are derived data: rebuilt whole, so they always match what the seed made.
  await rebuildAllReports(prisma, { now: new Date() });
}

/**
 * Syncs the courses (the server would do it at start anyway), accredits the care module and lets
 * the care demo learner complete it through the platform's own functions, which issues a
 * certificate. Skipped when the learner already completed it.
 */
async function seedAccreditedCompletion(): Promise<ParsedModule[]> {
  const { modules, sharedSurvey, problems } = await loadCourses(path.resolve("courses"));
  if (problems.length > 0) console.warn(`seed: courses/ has ${problems.length} problem(s); run npm run courses:check`);
  await syncCourses(prisma, modules, undefined, { sharedSurvey });
  const demo = DEMO_ACCREDITATION;
  const module = modules.find((candidate) => candidate.slug === demo.moduleId);
  const learner = await prisma.user.findUnique({ where: { email: demo.learnerEmail }, select: { id: true } });
  if (!module || !learner) return modules;

  await prisma.moduleCertification.upsert({
    where: { moduleId: demo.moduleId },
    create: { moduleId: demo.moduleId, validityMonths: demo.validityMonths, reminderDays: demo.reminderDays },
    update: {},
  });
  // Honest points: the module's stated study load at one point per hour (new rows only, like the rest of the seed).
  const points = pointsForMinutes(module.minutes);
  for (const accreditation of demo.accreditations) {
    await prisma.accreditation.upsert({
      where: { moduleId_register: { moduleId: demo.moduleId, register: accreditation.register } },
      create: { moduleId: demo.moduleId, ...accreditation, points },
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
  if (done) return modules;
  await saveSurvey(prisma, {
    moduleSlug: demo.moduleId,
    userId: learner.id,
    phase: "before",
    answers: { skip: true },
    events: learningEvents,
  });
  for (const lesson of module.lessons) {
    await completeLesson(prisma, {
      moduleSlug: demo.moduleId,
      lessonSlug: lesson.slug,
      userId: learner.id,
      events: learningEvents,
    });
  }
  await sitAssessment(demo.moduleId, learner.id, { correct: true, now: new Date() });
  console.log(`seed: ${demo.learnerEmail} completed ${demo.moduleId} (certificate issued)`);
  return modules;
}

/** Starts an attempt and submits every question answered correctly, or every one wrongly. */
async function sitAssessment(moduleId: string, userId: string, { correct, now }: { correct: boolean; now: Date }) {
  const started = await startAttempt(prisma, { moduleSlug: moduleId, userId, now });
  if (!started.ok) return;
  const items = await prisma.attemptItem.findMany({ where: { attemptId: started.attemptId } });
  const answers = new Map(
    items.map((item) => {
      const question = JSON.parse(item.question) as Question;
      const order = JSON.parse(item.optionOrder) as number[];
      const right = order.flatMap((authored, shown) => (question.options[authored]?.correct ? [shown] : []));
      const wrong = order.findIndex((authored) => !question.options[authored]?.correct);
      return [question.id, correct ? right : [wrong]] as const;
    }),
  );
  await submitAttempt(prisma, {
    attemptId: started.attemptId,
    userId,
    answers,
    reportedMinutes: 30,
    now,
    events: learningEvents,
  });
}

// --- Demobank: an organisation with a trainer and a cohort in progress (issue #6) ---------------

const DEMOBANK = {
  name: "Demobank",
  sector: "bank" as const,
  cohortName: "Demobank — regio Utrecht — maart",
  /** Fixed so the README can name it; a valid Crockford code (no I, L, O or U). */
  joinCode: "DEM0BANK",
  trainerEmail: "trainer@stigmavrij.test",
  modules: ["sekswerk-en-stigma-de-basis", "bank-en-financiele-dienstverlening"],
  password: "demo-demobank1",
};

/**
 * How far each demo learner got: the basics and bank modules completed (true), lessons opened
 * (a number), or nothing; `failsBank` sits the bank assessment and fails it. Attitude answers are
 * given before and after each completed module, so the dashboard has at least five pairs.
 */
const DEMOBANK_LEARNERS: { name: string; basics: boolean | number; bank: boolean | number; failsBank?: boolean }[] = [
  { name: "Daan Bakker", basics: true, bank: true },
  { name: "Fatima El Amrani", basics: true, bank: true },
  { name: "Joris de Boer", basics: true, bank: true },
  { name: "Lisa Visser", basics: true, bank: 2 },
  { name: "Mehmet Yılmaz", basics: true, bank: true, failsBank: true },
  { name: "Sophie Mulder", basics: 2, bank: 0 },
  { name: "Ruben Smit", basics: 0, bank: 0 },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Demobank with the demo trainer appointed (also to the demo organisation they belong to), a
 * cohort with a join code, and learners whose progress is made through the platform's own
 * learning functions over the past six weeks, so the dashboard shows unsuppressed figures.
 * Skipped when the cohort exists.
 */
async function seedDemobank(modules: ParsedModule[], demoOrganisationId: string) {
  const trainer = await prisma.user.findUnique({ where: { email: DEMOBANK.trainerEmail }, select: { id: true } });
  const courseModules = DEMOBANK.modules.map((id) => modules.find((m) => m.slug === id));
  if (!trainer || courseModules.some((m) => !m)) return;
  const organisation =
    (await prisma.organisation.findFirst({ where: { name: DEMOBANK.name }, select: { id: true } })) ??
    (await prisma.organisation.create({
      data: { name: DEMOBANK.name, sector: DEMOBANK.sector },
      select: { id: true },
    }));
  for (const organisationId of [organisation.id, demoOrganisationId]) {
    await prisma.organisationTrainer.upsert({
      where: { organisationId_userId: { organisationId, userId: trainer.id } },
      create: { organisationId, userId: trainer.id },
      update: {},
    });
  }
  if (await prisma.cohort.findUnique({ where: { joinCode: DEMOBANK.joinCode }, select: { id: true } })) return;

  const start = new Date(Date.now() - 42 * DAY_MS);
  const at = (days: number, hours = 0) => new Date(start.getTime() + days * DAY_MS + hours * 60 * 60 * 1000);
  const cohort = await prisma.cohort.create({
    data: {
      organisationId: organisation.id,
      name: DEMOBANK.cohortName,
      joinCode: DEMOBANK.joinCode,
      // A deadline a week ago: the learners who did not finish show as overdue.
      deadline: deadlineFromDay(dayOf(at(35))),
      createdById: trainer.id,
      createdAt: start,
      modules: { create: DEMOBANK.modules.map((moduleId, position) => ({ moduleId, position })) },
    },
    select: { id: true },
  });
  const passwordHash = await hashPassword(DEMOBANK.password);

  for (const [index, plan] of DEMOBANK_LEARNERS.entries()) {
    const email = `demobank${index + 1}@stigmavrij.test`;
    const learner =
      (await prisma.user.findUnique({ where: { email }, select: { id: true } })) ??
      (await prisma.user.create({
        data: { email, name: plan.name, passwordHash, role: "learner", locale: "nl", sector: "bank" },
        select: { id: true },
      }));
    await joinCohort(prisma, {
      userId: learner.id,
      cohortId: cohort.id,
      now: at(1 + index * 0.5),
      events: learningEvents,
    });
    let day = 2 + index;
    for (const [moduleIndex, module] of courseModules.entries()) {
      if (!module) continue;
      const progress = moduleIndex === 0 ? plan.basics : plan.bank;
      if (progress === 0 || progress === false) continue;
      const { surveyKey } = await prisma.module.findUniqueOrThrow({
        where: { id: module.slug },
        select: { surveyKey: true },
      });
      const surveyItems = await prisma.surveyItem.findMany({
        where: { surveyKey: surveyKey ?? "", archived: false },
        orderBy: { position: "asc" },
      });
      // Before: mildly stigmatising answers; after: a step towards the non-stigmatising end.
      const answer = (phase: "before" | "after") =>
        new Map(
          surveyItems.map((item, i) => [
            item.slug,
            item.reverse
              ? (phase === "before" ? 4 : 2) + ((i + index) % 2)
              : (phase === "before" ? 2 : 4) + ((i + index) % 2),
          ]),
        );
      await saveSurvey(prisma, {
        moduleSlug: module.slug,
        userId: learner.id,
        phase: "before",
        answers: { skip: false, values: answer("before") },
        now: at(day),
        events: learningEvents,
      });
      const lessons = progress === true ? module.lessons : module.lessons.slice(0, progress);
      for (const lesson of lessons) {
        await openLesson(prisma, {
          moduleSlug: module.slug,
          lessonSlug: lesson.slug,
          locale: "nl",
          userId: learner.id,
          now: at(day, 1),
          events: learningEvents,
        });
        await completeLesson(prisma, {
          moduleSlug: module.slug,
          lessonSlug: lesson.slug,
          userId: learner.id,
          now: at(day, 2),
          events: learningEvents,
        });
        day += 1;
      }
      if (progress !== true) continue;
      const fails = moduleIndex === 1 && plan.failsBank === true;
      await sitAssessment(module.slug, learner.id, { correct: !fails, now: at(day, 3) });
      if (!fails)
        await saveSurvey(prisma, {
          moduleSlug: module.slug,
          userId: learner.id,
          phase: "after",
          answers: { skip: false, values: answer("after") },
          now: at(day, 4),
          events: learningEvents,
        });
      day += 2;
    }
  }
  console.log(
    `seed: ${DEMOBANK.name} with cohort "${DEMOBANK.cohortName}" (code ${DEMOBANK.joinCode}) and ${DEMOBANK_LEARNERS.length} learners`,
  );
}

seed()
  .catch((error: unknown) => {
    console.error("seed failed:", error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
