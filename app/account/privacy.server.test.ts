import type { PrismaClient } from "@prisma/client";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { sha256Hex } from "~/auth/accounts.server";
import { hashPassword } from "~/auth/password.server";
import { THROTTLE_RULES, throttleKeys } from "~/auth/throttle.server";
import type { Role } from "~/domain/constants";

import { refreshLearnerReports } from "~/reports/refresh.server";

import { EXPORT_FORMAT, deleteAccount, exportUserData } from "./privacy.server";
import { learningEvents } from "~/learning-events.server";

const PASSWORD = "correct horse battery";
const NOW = new Date("2026-03-01T12:00:00.000Z");
const MODULE_ID = "stigma-basis";
const LESSON_ID = `${MODULE_ID}/wat-is-sekswerk`;
const SESSION_ID = "a".repeat(64);
const TOKEN_HASH = sha256Hex("reset-token");
const CHECK_ID = `${MODULE_ID}/check`;
const SURVEY_ITEM_ID = "shared/werk";

const database = useTestDatabase();
let prisma: PrismaClient;
let passwordHash: string;

beforeAll(async () => {
  // Hashing is deliberately slow; one hash serves every test user.
  passwordHash = await hashPassword(PASSWORD);
});

beforeEach(async () => {
  // Users cascade to sessions, reset tokens, enrollments and progress; modules to lessons.
  prisma = database.prisma;
  await prisma.module.create({
    data: {
      id: MODULE_ID,
      position: 1,
      sectors: JSON.stringify(["care"]),
      minutes: 20,
      contentHash: "module-hash",
      lessons: {
        create: { id: LESSON_ID, slug: "wat-is-sekswerk", position: 1, minutes: 5, contentHash: "lesson-hash" },
      },
      questions: {
        create: {
          id: CHECK_ID,
          slug: "check",
          kind: "check",
          type: "single",
          position: 0,
          data: "{}",
          lessonId: LESSON_ID,
        },
      },
    },
  });
  await prisma.surveyItem.create({
    data: { id: SURVEY_ITEM_ID, surveyKey: "shared", slug: "werk", position: 0, text: "{}" },
  });
});

async function createUser(email: string, role: Role = "learner") {
  return prisma.user.create({
    data: { email, name: "Ada Lovelace", passwordHash, role, sector: "care", locale: "en" },
    select: { id: true, email: true },
  });
}

/** A learner with something in every table that holds personal data. */
async function createLearnerWithHistory() {
  const organisation = await prisma.organisation.create({ data: { name: "GGD Testdam", sector: "care" } });
  const user = await createUser("ada@example.org");
  await prisma.user.update({ where: { id: user.id }, data: { organisationId: organisation.id } });
  await prisma.enrollment.create({
    data: {
      userId: user.id,
      moduleId: MODULE_ID,
      contentHash: "module-hash",
      lastLessonId: LESSON_ID,
      startedAt: NOW,
      lastActivityAt: NOW,
    },
  });
  await prisma.lessonProgress.create({
    data: {
      userId: user.id,
      lessonId: LESSON_ID,
      contentHash: "lesson-hash",
      firstSeenAt: NOW,
      lastSeenAt: NOW,
      completedAt: NOW,
      activeSeconds: 95,
    },
  });
  const attempt = await prisma.assessmentAttempt.create({
    data: {
      userId: user.id,
      moduleId: MODULE_ID,
      number: 1,
      seed: "seed",
      contentHash: "module-hash",
      passMark: 70,
      status: "submitted",
      startedAt: NOW,
      submittedAt: NOW,
      percent: 100,
      passed: true,
      reportedMinutes: 25,
      items: {
        create: {
          position: 0,
          questionId: `${MODULE_ID}/vraag`,
          question: "{}",
          optionOrder: "[1,0]",
          selected: "[1]",
          score: 1,
        },
      },
    },
  });
  await prisma.checkAnswer.create({
    data: { userId: user.id, questionId: CHECK_ID, selected: "[0]", correct: true, answeredAt: NOW },
  });
  await prisma.attitudeAnswer.create({
    data: {
      userId: user.id,
      moduleId: MODULE_ID,
      itemId: SURVEY_ITEM_ID,
      before: 2,
      beforeAt: NOW,
      after: 4,
      afterAt: NOW,
    },
  });
  await prisma.moduleCompletion.create({
    data: {
      userId: user.id,
      moduleId: MODULE_ID,
      completedAt: NOW,
      contentHash: "module-hash",
      attemptId: attempt.id,
      percent: 100,
    },
  });
  await prisma.registrationNumber.create({
    data: { userId: user.id, register: "vvn", number: "00012345678", createdAt: NOW },
  });
  await prisma.certificate.create({
    data: {
      code: "K7QM-2XPD-9HTR-WB4N",
      userId: user.id,
      moduleId: MODULE_ID,
      learnerName: "Ada Lovelace",
      moduleTitles: "{}",
      contentHash: "module-hash",
      completedAt: NOW,
      studyMinutes: 20,
      issuedAt: NOW,
    },
  });
  await prisma.session.create({
    data: { id: SESSION_ID, userId: user.id, expiresAt: new Date("2026-03-31T12:00:00.000Z") },
  });
  await prisma.passwordResetToken.create({
    data: { userId: user.id, tokenHash: TOKEN_HASH, expiresAt: new Date("2026-03-01T13:00:00.000Z"), createdAt: NOW },
  });
  await prisma.auditLog.create({
    data: {
      userId: user.id,
      action: "account.registered",
      details: JSON.stringify({ organisationId: organisation.id }),
    },
  });
  await prisma.throttleEvent.create({ data: { key: throttleKeys.resetEmail(user.email), createdAt: NOW } });
  await prisma.cohort.create({
    data: {
      organisationId: organisation.id,
      name: "GGD Testdam — maart",
      joinCode: "TESTDAM1",
      modules: { create: { moduleId: MODULE_ID, position: 0 } },
      members: { create: { userId: user.id, joinedAt: NOW } },
    },
  });
  await refreshLearnerReports(prisma, { userId: user.id, now: NOW });
  return user;
}

async function countRows(userId: string) {
  const [
    users,
    sessions,
    enrollments,
    progress,
    resets,
    auditRows,
    attempts,
    checks,
    attitudes,
    completions,
    memberships,
    reportFacts,
  ] = await Promise.all([
    prisma.user.count({ where: { id: userId } }),
    prisma.session.count({ where: { userId } }),
    prisma.enrollment.count({ where: { userId } }),
    prisma.lessonProgress.count({ where: { userId } }),
    prisma.passwordResetToken.count({ where: { userId } }),
    prisma.auditLog.count({ where: { userId } }),
    prisma.assessmentAttempt.count({ where: { userId } }),
    prisma.checkAnswer.count({ where: { userId } }),
    prisma.attitudeAnswer.count({ where: { userId } }),
    prisma.moduleCompletion.count({ where: { userId } }),
    prisma.cohortMember.count({ where: { userId } }),
    prisma.reportFact.count({ where: { userId } }),
  ]);
  return {
    users,
    sessions,
    enrollments,
    progress,
    resets,
    auditRows,
    attempts,
    checks,
    attitudes,
    completions,
    memberships,
    reportFacts,
  };
}

describe("exportUserData", () => {
  it("contains the profile, progress and account history", async () => {
    const user = await createLearnerWithHistory();
    const exported = await exportUserData(prisma, user.id, { now: NOW });

    expect(exported).toMatchObject({
      format: EXPORT_FORMAT,
      exportedAt: NOW.toISOString(),
      profile: {
        name: "Ada Lovelace",
        email: "ada@example.org",
        role: "learner",
        locale: "en",
        sector: "care",
        organisation: "GGD Testdam",
      },
      enrollments: [
        {
          moduleId: MODULE_ID,
          status: "in_progress",
          startedAt: NOW.toISOString(),
          completedAt: null,
          contentHash: "module-hash",
        },
      ],
      lessonProgress: [
        { lessonId: LESSON_ID, firstSeenAt: NOW.toISOString(), completedAt: NOW.toISOString(), activeSeconds: 95 },
      ],
      assessmentAttempts: [
        {
          moduleId: MODULE_ID,
          number: 1,
          status: "submitted",
          percent: 100,
          passed: true,
          reportedMinutes: 25,
          answers: [{ questionId: `${MODULE_ID}/vraag`, selectedOptions: [1], score: 1 }],
        },
      ],
      knowledgeCheckAnswers: [
        { questionId: CHECK_ID, selectedOptions: [0], correct: true, answeredAt: NOW.toISOString() },
      ],
      attitudeAnswers: [{ moduleId: MODULE_ID, itemId: SURVEY_ITEM_ID, before: 2, after: 4 }],
      completions: [{ moduleId: MODULE_ID, completedAt: NOW.toISOString(), contentHash: "module-hash", percent: 100 }],
      registrationNumbers: [{ register: "vvn", number: "00012345678", createdAt: NOW.toISOString() }],
      cohorts: [{ name: "GGD Testdam — maart", organisation: "GGD Testdam", joinedAt: NOW.toISOString() }],
      certificates: [
        {
          code: "K7QM-2XPD-9HTR-WB4N",
          moduleId: MODULE_ID,
          learnerName: "Ada Lovelace",
          completedAt: NOW.toISOString(),
          issuedAt: NOW.toISOString(),
          expiresAt: null,
          revokedAt: null,
          revokedReason: null,
          version: 1,
        },
      ],
      sessions: { count: 1, expiresAt: ["2026-03-31T12:00:00.000Z"] },
      auditLog: [{ action: "account.registered" }],
      passwordResetRequests: [{ createdAt: NOW.toISOString(), expiresAt: "2026-03-01T13:00:00.000Z", usedAt: null }],
      securityEvents: [{ kind: "password_reset_requested", createdAt: NOW.toISOString() }],
    });
  });

  it("never contains the password hash, session ids or reset token hashes", async () => {
    const user = await createLearnerWithHistory();
    const text = JSON.stringify(await exportUserData(prisma, user.id, { now: NOW }));

    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain(passwordHash);
    expect(text).not.toContain("$argon2");
    expect(text).not.toContain(SESSION_ID);
    expect(text).not.toContain(TOKEN_HASH);
    expect(text).not.toContain("tokenHash");
  });

  it("round-trips through JSON unchanged", async () => {
    const user = await createLearnerWithHistory();
    const exported = await exportUserData(prisma, user.id, { now: NOW });
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it("includes what an administrator recorded about the user, without the administrator's id", async () => {
    const admin = await createUser("beheer@example.org", "admin");
    const user = await createUser("ada@example.org");
    const other = await createUser("bob@example.org");
    const roleChange = (userId: string) =>
      prisma.auditLog.create({
        data: {
          userId: admin.id,
          action: "user.role_changed",
          details: JSON.stringify({ userId, from: "learner", to: "trainer" }),
        },
      });
    await roleChange(user.id);
    await roleChange(other.id);

    const exported = await exportUserData(prisma, user.id, { now: NOW });

    expect(exported?.auditLog).toEqual([
      {
        action: "user.role_changed",
        createdAt: expect.any(String),
        details: { userId: user.id, from: "learner", to: "trainer" },
      },
    ]);
    expect(JSON.stringify(exported)).not.toContain(admin.id);
  });

  it("gives null for a user that does not exist", async () => {
    expect(await exportUserData(prisma, "no-such-user")).toBeNull();
  });
});

describe("deleteAccount", () => {
  it("changes nothing with a wrong password", async () => {
    const user = await createLearnerWithHistory();
    const before = await countRows(user.id);

    expect(
      await deleteAccount(prisma, { userId: user.id, password: "not my password", now: NOW, events: learningEvents }),
    ).toEqual({
      ok: false,
      error: "wrong_password",
    });

    expect(await countRows(user.id)).toEqual(before);
    expect(before).toEqual({
      users: 1,
      sessions: 1,
      enrollments: 1,
      progress: 1,
      resets: 1,
      auditRows: 1,
      attempts: 1,
      checks: 1,
      attitudes: 1,
      completions: 1,
      memberships: 1,
      reportFacts: 1,
    });
    expect(await prisma.auditLog.count({ where: { action: "account.deleted" } })).toBe(0);
  });

  it("stops guessing after as many wrong passwords as a login allows", async () => {
    const user = await createUser("ada@example.org");
    for (let i = 0; i < THROTTLE_RULES.loginAccount.max; i++) {
      await deleteAccount(prisma, { userId: user.id, password: `guess ${i}`, now: NOW, events: learningEvents });
    }
    const result = await deleteAccount(prisma, {
      userId: user.id,
      password: PASSWORD,
      now: NOW,
      events: learningEvents,
    });
    expect(result).toMatchObject({ ok: false, error: "throttled" });
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
  });

  it("removes the user with everything linked to them and leaves one anonymous audit row", async () => {
    const user = await createLearnerWithHistory();
    const other = await createUser("bob@example.org");
    await prisma.throttleEvent.create({ data: { key: throttleKeys.loginEmail(user.email), createdAt: NOW } });

    expect(
      await deleteAccount(prisma, { userId: user.id, password: PASSWORD, now: NOW, events: learningEvents }),
    ).toEqual({ ok: true });

    expect(await countRows(user.id)).toEqual({
      users: 0,
      sessions: 0,
      enrollments: 0,
      progress: 0,
      resets: 0,
      auditRows: 0,
      attempts: 0,
      checks: 0,
      attitudes: 0,
      completions: 0,
      memberships: 0,
      reportFacts: 0,
    });
    // The cohort's rollups no longer count the learner.
    expect(await prisma.reportRollup.aggregate({ _sum: { enrolled: true } })).toEqual({ _sum: { enrolled: null } });
    // The email address is part of the throttle keys, so those rows go too.
    expect(await prisma.throttleEvent.count()).toBe(0);
    const deletions = await prisma.auditLog.findMany({ where: { action: "account.deleted" } });
    expect(deletions).toEqual([expect.objectContaining({ userId: null, details: "{}" })]);
    // Earlier audit rows stay for accountability, detached from the person.
    expect(
      await prisma.auditLog.findMany({ where: { action: "account.registered" }, select: { userId: true } }),
    ).toEqual([{ userId: null }]);
    // Shared data and other learners are untouched.
    expect(await prisma.user.count({ where: { id: other.id } })).toBe(1);
    expect(await prisma.lesson.count()).toBe(1);
    expect(await prisma.organisation.count()).toBe(1);
  });

  it("keeps the last administrator", async () => {
    const admin = await createUser("beheer@example.org", "admin");
    expect(
      await deleteAccount(prisma, { userId: admin.id, password: PASSWORD, now: NOW, events: learningEvents }),
    ).toEqual({ ok: false, error: "last_admin" });
    expect(await prisma.user.count({ where: { id: admin.id } })).toBe(1);
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("lets an administrator go while another one remains", async () => {
    const first = await createUser("beheer@example.org", "admin");
    const second = await createUser("beheer2@example.org", "admin");

    expect(
      await deleteAccount(prisma, { userId: first.id, password: PASSWORD, now: NOW, events: learningEvents }),
    ).toEqual({ ok: true });
    expect(
      await deleteAccount(prisma, { userId: second.id, password: PASSWORD, now: NOW, events: learningEvents }),
    ).toEqual({ ok: false, error: "last_admin" });
    expect(await prisma.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("checks the password before telling an administrator they are the last one", async () => {
    const admin = await createUser("beheer@example.org", "admin");
    expect(
      await deleteAccount(prisma, { userId: admin.id, password: "not my password", now: NOW, events: learningEvents }),
    ).toEqual({
      ok: false,
      error: "wrong_password",
    });
  });
});
