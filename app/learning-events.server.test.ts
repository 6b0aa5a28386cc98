import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { useTestDatabase } from "../tests/setup/use-test-database";
import { completeLessons, createUser, passAssessment, seedCertifiedModules } from "../tests/unit/support/certificates";
import { parsedModule, surveyItem } from "../tests/unit/support/courses";

import { deleteAccount } from "./account/privacy.server";
import { startAttempt, submitAttempt } from "./assessment/attempts.server";
import { hashPassword } from "./auth/password.server";
import { issueCertificate } from "./certificates/issue.server";
import { syncCourses } from "./content/sync.server";
import type { ParsedSurvey } from "./content/types";
import { createLearningEvents, type LearningEventConsequences } from "./events/learning-events.server";
import { completeLesson, openLesson } from "./learning/progress.server";
import { saveSurvey } from "./learning/survey.server";
import { joinCohort, removeLearner } from "./organisations/cohort-membership.server";
import { rebuildCohortReports, refreshLearnerReports } from "./reports/refresh.server";
import { importScormPackage } from "./scorm/import.server";
import { zipFixture } from "./scorm/package/zip-test-support";
import { commitSco, launchSco } from "./scorm/player.server";

/**
 * Every path that causes a learning event, run through an event service whose consequences are
 * the real ones wrapped in spies: each event issues at most one certificate and updates the
 * reports exactly once, and what a crash leaves in the outbox is applied later, once.
 */

const database = useTestDatabase();
const db = () => database.prisma;
const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const PASSWORD = "correct horse battery";
// Each test runs several real transactions; a busy shared machine must not fail them.
const BUDGET = { timeout: 30_000 };

function spiedEvents(overrides: Partial<LearningEventConsequences> = {}) {
  const consequences = {
    issueCertificate: vi.fn(overrides.issueCertificate ?? issueCertificate),
    refreshLearnerReports: vi.fn(overrides.refreshLearnerReports ?? refreshLearnerReports),
    rebuildCohortReports: vi.fn(overrides.rebuildCohortReports ?? rebuildCohortReports),
  };
  const events = createLearningEvents(consequences);
  return {
    events,
    consequences,
    certificateIssues: () => consequences.issueCertificate.mock.calls.length,
    reportUpdates: () =>
      consequences.refreshLearnerReports.mock.calls.length + consequences.rebuildCohortReports.mock.calls.length,
    reset: () => Object.values(consequences).forEach((spy) => spy.mockClear()),
  };
}

/** "zorg": two lessons and an assessment, certificates valid a year; "basis": two lessons only. */
async function seedModules() {
  await seedCertifiedModules(db(), [
    { slug: "zorg", validityMonths: 12, reminderDays: 30 },
    { slug: "basis", assessment: false, validityMonths: null },
  ]);
}

async function seedCohort(name = "Zorg voorjaar", joinCode = "ABCD2345") {
  const organisation = await db().organisation.create({ data: { name: `Organisatie ${name}`, sector: "care" } });
  return db().cohort.create({
    data: {
      organisationId: organisation.id,
      name,
      joinCode,
      modules: {
        create: [
          { moduleId: "zorg", position: 1 },
          { moduleId: "basis", position: 2 },
        ],
      },
    },
    select: { id: true, organisationId: true },
  });
}

async function outboxRows() {
  return db().learningEventOutbox.findMany({ orderBy: { occurredAt: "asc" } });
}

beforeEach(seedModules);

describe("lessonOpened", BUDGET, () => {
  it("updates the reports once when a module is started, and not again on reopening", async () => {
    const spy = spiedEvents();
    const userId = await createUser(db());
    await openLesson(db(), {
      moduleSlug: "basis",
      lessonSlug: "een",
      locale: "nl",
      userId,
      now: T0,
      events: spy.events,
    });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
    expect(spy.consequences.refreshLearnerReports).toHaveBeenCalledWith(expect.anything(), {
      userId,
      moduleId: "basis",
      now: T0,
    });

    await openLesson(db(), {
      moduleSlug: "basis",
      lessonSlug: "twee",
      locale: "nl",
      userId,
      now: at(5),
      events: spy.events,
    });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
    expect(await outboxRows()).toEqual([]);
  });
});

describe("lessonCompleted", BUDGET, () => {
  it("completes a module without assessment with one certificate and one report update", async () => {
    const spy = spiedEvents();
    const userId = await createUser(db());
    const first = await completeLesson(db(), {
      moduleSlug: "basis",
      lessonSlug: "een",
      userId,
      now: T0,
      events: spy.events,
    });
    expect(first).toMatchObject({ ok: true, moduleCompleted: false });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);

    spy.reset();
    const last = await completeLesson(db(), {
      moduleSlug: "basis",
      lessonSlug: "twee",
      userId,
      now: at(10),
      events: spy.events,
    });
    expect(last).toMatchObject({ ok: true, moduleCompleted: true });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([1, 1]);
    expect(await db().certificate.count({ where: { userId } })).toBe(1);
    expect(
      await db().moduleCompletion.findUniqueOrThrow({ where: { userId_moduleId: { userId, moduleId: "basis" } } }),
    ).toMatchObject({
      completedAt: at(10),
    });

    // Revisiting a done lesson updates the reports once and issues nothing.
    spy.reset();
    await completeLesson(db(), { moduleSlug: "basis", lessonSlug: "twee", userId, now: at(20), events: spy.events });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
    expect(await db().certificate.count({ where: { userId } })).toBe(1);
  });

  it("does not complete a module whose assessment is not passed yet", async () => {
    const spy = spiedEvents();
    const userId = await createUser(db());
    await completeLessons(db(), userId, "zorg", T0, spy.events);
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 2]);
    expect(await db().moduleCompletion.count()).toBe(0);
  });
});

describe("assessmentSubmitted", BUDGET, () => {
  it("a pass completes the module with one certificate and one report update; a fail only updates the reports", async () => {
    const userId = await createUser(db());
    await completeLessons(db(), userId, "zorg", T0);

    const spy = spiedEvents();
    const started = await startAttempt(db(), { moduleSlug: "zorg", userId, now: at(1), seed: "fail" });
    if (!started.ok) throw new Error("not started");
    const failed = await submitAttempt(db(), {
      attemptId: started.attemptId,
      userId,
      answers: new Map(),
      reportedMinutes: 10,
      now: at(2),
      events: spy.events,
    });
    expect(failed).toMatchObject({ ok: true, passed: false, moduleCompleted: false });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);

    spy.reset();
    const attemptId = await passAssessment(db(), userId, "zorg", at(30), spy.events);
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([1, 1]);
    const certificates = await db().certificate.findMany({ where: { userId } });
    expect(certificates).toMatchObject([{ attemptId, completedAt: at(30) }]);

    // A refused (second) submission is no event at all.
    spy.reset();
    const again = await submitAttempt(db(), {
      attemptId,
      userId,
      answers: new Map(),
      reportedMinutes: 10,
      now: at(31),
      events: spy.events,
    });
    expect(again).toEqual({ ok: false, error: "already_submitted" });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 0]);
  });

  it("a pass in the re-certification window re-issues exactly one certificate", async () => {
    const userId = await createUser(db());
    await completeLessons(db(), userId, "zorg", T0);
    await passAssessment(db(), userId, "zorg", T0);

    const spy = spiedEvents();
    const renewal = new Date("2027-02-20T09:00:00.000Z");
    const attemptId = await passAssessment(db(), userId, "zorg", renewal, spy.events);
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([1, 1]);
    const certificates = await db().certificate.findMany({ where: { userId }, orderBy: { completedAt: "asc" } });
    expect(certificates).toHaveLength(2);
    expect(certificates[1]).toMatchObject({ attemptId, completedAt: renewal });
  });
});

describe("surveyAnswered", BUDGET, () => {
  it("updates the reports once and issues nothing", async () => {
    const shared: ParsedSurvey = { key: "shared", items: [surveyItem("werk")] };
    await syncCourses(
      db(),
      [parsedModule({ slug: "basis", position: 1, lessons: ["een"], survey: shared })],
      undefined,
      { sharedSurvey: shared },
    );
    const spy = spiedEvents();
    const userId = await createUser(db());
    const answers = { skip: false as const, values: new Map([["werk", 4]]) };
    const saved = await saveSurvey(db(), {
      moduleSlug: "basis",
      userId,
      phase: "before",
      answers,
      now: T0,
      events: spy.events,
    });
    expect(saved).toEqual({ ok: true });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
    expect(await db().attitudeAnswer.count({ where: { userId } })).toBe(1);
  });
});

describe("SCORM", BUDGET, () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "learning-events-"));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("scormLaunched and scormStatusChanged: one report update each, one certificate at completion, none for a commit without a new status", async () => {
    const imported = await importScormPackage(db(), {
      zip: await zipFixture("player-12"),
      uploadedById: null,
      now: T0,
      root,
    });
    if (!imported.ok) throw new Error(imported.messageKey);
    // Imports start as drafts; learners play what an administrator published.
    await db().module.update({ where: { id: imported.moduleId }, data: { draft: false, archived: false } });
    const sco = (await db().scormSco.findFirstOrThrow({ where: { package: { moduleId: imported.moduleId } } })).id;
    const moduleId = imported.moduleId;
    const user = { id: await createUser(db()), name: "Sam" };
    const spy = spiedEvents();

    const launched = await launchSco(db(), { moduleId, scoId: sco, user, locale: "nl", now: T0, events: spy.events });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);

    spy.reset();
    const commit = (body: Record<string, string>, now: Date) =>
      commitSco(db(), {
        moduleId,
        scoId: sco,
        userId: user.id,
        session: launched!.session,
        body,
        now,
        events: spy.events,
      });
    await commit({ "cmi.core.lesson_location": "pagina-2" }, at(1));
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 0]);

    const passed = await commit({ "cmi.core.lesson_status": "completed", "cmi.core.score.raw": "90" }, at(5));
    expect(passed.body.status).toMatchObject({ moduleCompleted: true });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([1, 1]);
    expect(await db().certificate.count({ where: { userId: user.id, moduleId } })).toBe(1);
  });
});

describe("cohortJoined, cohortLeft and accountDeleted", BUDGET, () => {
  it("joining updates the learner's reports once; joining again is no event", async () => {
    const cohort = await seedCohort();
    const userId = await createUser(db());
    const spy = spiedEvents();
    expect(await joinCohort(db(), { userId, cohortId: cohort.id, now: T0, events: spy.events })).toEqual({
      ok: true,
      alreadyMember: false,
    });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
    expect(spy.consequences.refreshLearnerReports).toHaveBeenCalledWith(expect.anything(), { userId, now: T0 });
    expect(await db().reportFact.count({ where: { cohortId: cohort.id, userId } })).toBe(2);

    await joinCohort(db(), { userId, cohortId: cohort.id, now: at(1), events: spy.events });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
  });

  it("leaving rebuilds the cohort's reports once", async () => {
    const cohort = await seedCohort();
    const userId = await createUser(db());
    await joinCohort(db(), { userId, cohortId: cohort.id, now: T0, events: spiedEvents().events });
    const spy = spiedEvents();
    const removed = await removeLearner(db(), {
      scope: { kind: "all" },
      actorId: userId,
      cohortId: cohort.id,
      userId,
      now: at(5),
      events: spy.events,
    });
    expect(removed).toEqual({ ok: true });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
    expect(spy.consequences.rebuildCohortReports).toHaveBeenCalledWith(expect.anything(), {
      cohortIds: [cohort.id],
      now: at(5),
    });
    expect(await db().reportFact.count({ where: { cohortId: cohort.id } })).toBe(0);
  });

  it("deleting an account rebuilds all of its cohorts in one report update, and the stored event names no one", async () => {
    const one = await seedCohort("Een", "ABCD2345");
    const two = await seedCohort("Twee", "EFGH6789");
    const user = await db().user.create({
      data: { email: "weg@example.nl", name: "Weg", passwordHash: await hashPassword(PASSWORD), sector: "care" },
    });
    for (const cohort of [one, two])
      await joinCohort(db(), { userId: user.id, cohortId: cohort.id, now: T0, events: spiedEvents().events });

    const failing = spiedEvents({ rebuildCohortReports: async () => Promise.reject(new Error("simulated crash")) });
    await expect(
      deleteAccount(db(), { userId: user.id, password: PASSWORD, now: at(5), events: failing.events }),
    ).rejects.toThrow("simulated crash");
    const [row] = await outboxRows();
    expect(row?.event).not.toContain(user.id);

    const spy = spiedEvents();
    expect(await spy.events.drain(db())).toEqual({ applied: 1, failed: 0 });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
    const [, input] = spy.consequences.rebuildCohortReports.mock.calls[0]!;
    expect([...input.cohortIds].sort()).toEqual([one.id, two.id].sort());
    expect(await db().reportFact.count()).toBe(0);
  });
});

describe("the outbox", BUDGET, () => {
  /** A learner of "basis" who has completed its first lesson (the second completes the module). */
  async function learnerWithFirstLessonDone() {
    const userId = await createUser(db());
    await completeLesson(db(), {
      moduleSlug: "basis",
      lessonSlug: "een",
      userId,
      now: T0,
      events: spiedEvents().events,
    });
    return userId;
  }

  it("keeps the change, its completion and certificate when the report refresh fails, and a later drain refreshes once", async () => {
    const userId = await learnerWithFirstLessonDone();

    // The process "crashes" after the commit: the report step fails, its transaction rolls back.
    const crashing = spiedEvents({ refreshLearnerReports: async () => Promise.reject(new Error("simulated crash")) });
    await expect(
      completeLesson(db(), { moduleSlug: "basis", lessonSlug: "twee", userId, now: at(10), events: crashing.events }),
    ).rejects.toThrow("simulated crash");
    const lesson = await db().lessonProgress.findFirstOrThrow({ where: { userId, lessonId: "basis/twee" } });
    expect(lesson.completedAt).toEqual(at(10));
    // What the learner sees committed with the change (docs/decisions/017-deferred-report-refresh.md).
    expect(await db().moduleCompletion.findFirstOrThrow({ where: { userId } })).toMatchObject({ completedAt: at(10) });
    expect(await db().certificate.count({ where: { userId } })).toBe(1);
    expect(crashing.certificateIssues()).toBe(1);
    expect(await outboxRows()).toMatchObject([
      { type: "lessonCompleted", occurredAt: at(10), attempts: 1, lastError: "simulated crash" },
    ]);

    // Two drains at once (say, two instances starting): the reports are refreshed once, and the
    // certificate is not issued again.
    const spy = spiedEvents();
    const results = await Promise.all([spy.events.drain(db()), spy.events.drain(db())]);
    expect(results.reduce((sum, r) => sum + r.applied, 0)).toBe(1);
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
    expect(await db().certificate.count({ where: { userId } })).toBe(1);
    expect(await outboxRows()).toEqual([]);

    expect(await spy.events.drain(db())).toEqual({ applied: 0, failed: 0 });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([0, 1]);
  });

  it("refuses the change when a consequence the learner sees fails: no progress, no completion, no stored event", async () => {
    const userId = await learnerWithFirstLessonDone();
    const failing = spiedEvents({ issueCertificate: async () => Promise.reject(new Error("no certificate")) });
    await expect(
      completeLesson(db(), { moduleSlug: "basis", lessonSlug: "twee", userId, now: at(10), events: failing.events }),
    ).rejects.toThrow("no certificate");
    expect(await db().lessonProgress.count({ where: { userId, lessonId: "basis/twee" } })).toBe(0);
    expect(await db().moduleCompletion.count()).toBe(0);
    expect(await outboxRows()).toEqual([]);
  });

  it("an event stored whole (before the split, or by a crash) gets its completion, certificate and reports from the drain", async () => {
    const userId = await createUser(db());
    for (const lesson of ["een", "twee"])
      await db().lessonProgress.create({
        data: {
          userId,
          lessonId: `basis/${lesson}`,
          contentHash: "h",
          firstSeenAt: T0,
          lastSeenAt: T0,
          completedAt: T0,
        },
      });
    await db().learningEventOutbox.create({
      data: {
        type: "lessonCompleted",
        event: JSON.stringify({ type: "lessonCompleted", userId, moduleId: "basis" }),
        occurredAt: at(5),
      },
    });
    const spy = spiedEvents();
    expect(await spy.events.drain(db())).toEqual({ applied: 1, failed: 0 });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([1, 1]);
    expect(await db().moduleCompletion.findFirstOrThrow({ where: { userId } })).toMatchObject({ completedAt: at(5) });
  });

  it("with a background applier, the answer carries the completion and certificate while the reports wait for it, applied once per learner and module", async () => {
    const userId = await createUser(db());
    const spy = spiedEvents();
    const handed: string[] = [];
    spy.events.deferTo((id) => handed.push(id));
    for (const [lesson, minutes] of [
      ["een", 0],
      ["twee", 5],
      ["twee", 6],
    ] as const) {
      const result = await completeLesson(db(), {
        moduleSlug: "basis",
        lessonSlug: lesson,
        userId,
        now: at(minutes),
        events: spy.events,
      });
      expect(result).toMatchObject({ ok: true, moduleCompleted: lesson === "twee" });
    }
    expect(await db().certificate.count({ where: { userId } })).toBe(1);
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([1, 0]);
    expect(handed).toHaveLength(3);
    expect(await outboxRows()).toHaveLength(3);

    // The three rows carry the same refresh: claimed together, applied once; a second call finds none.
    expect(await spy.events.applyStored(db(), handed)).toEqual({ applied: 3, failed: 0 });
    expect([spy.certificateIssues(), spy.reportUpdates()]).toEqual([1, 1]);
    expect(spy.consequences.refreshLearnerReports.mock.calls[0]?.[1]).toEqual({
      userId,
      moduleId: "basis",
      now: at(6),
    });
    expect(await outboxRows()).toEqual([]);
    expect(await spy.events.applyStored(db(), handed)).toEqual({ applied: 0, failed: 0 });
    spy.events.deferTo(null);
  });

  it("leaves an unreadable stored event in place, counted as failed", async () => {
    await db().learningEventOutbox.create({
      data: { type: "lessonCompleted", event: JSON.stringify({ type: "lessonCompleted" }), occurredAt: T0 },
    });
    const spy = spiedEvents();
    expect(await spy.events.drain(db())).toEqual({ applied: 0, failed: 1 });
    expect(await outboxRows()).toMatchObject([{ attempts: 1 }]);
    expect(spy.reportUpdates()).toBe(0);
  });
});
