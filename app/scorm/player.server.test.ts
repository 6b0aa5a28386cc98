import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createCountingClient } from "../../tests/setup/statement-counter";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { applyPragmas } from "~/db/client.server";
import { listMyLearning } from "~/learning/progress.server";
import { importScormPackage } from "./import.server";
import { zipFixture } from "./package/zip-test-support";
import { commitSco, launchSco, scormOverview, scoWaitsFor } from "./player.server";
import { deliverSco } from "./sequencing/learner.server";
import { learningEvents } from "~/learning-events.server";

const database = useTestDatabase();
const T0 = new Date("2026-02-02T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let root: string;
let users = 0;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "scorm-player-"));
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function learner(name = "Sam Jansen") {
  users += 1;
  return database.prisma.user.create({
    data: { email: `leerling${users}@example.nl`, name, passwordHash: "x", sector: "care" },
  });
}

async function importFixture(fixture: "player-12" | "player-2004" | "scorm12-multi") {
  const result = await importScormPackage(database.prisma, {
    zip: await zipFixture(fixture),
    uploadedById: null,
    now: T0,
    root,
  });
  if (!result.ok) throw new Error(result.messageKey);
  // Imports start as drafts; learners play what an administrator published.
  await database.prisma.module.update({ where: { id: result.moduleId }, data: { draft: false, archived: false } });
  const scos = await database.prisma.scormSco.findMany({
    where: { package: { moduleId: result.moduleId } },
    orderBy: { position: "asc" },
  });
  return { moduleId: result.moduleId, scoIds: scos.map((sco) => sco.id) };
}

type Learner = Awaited<ReturnType<typeof learner>>;

/** As the player route does: sequencing (SCORM 2004) decides first, then the SCO is launched. */
async function launch(user: Learner, moduleId: string, scoId: string, now = T0) {
  const decision = await deliverSco(database.prisma, { moduleId, scoId, userId: user.id, now, events: learningEvents });
  if (decision && (decision.kind !== "deliver" || decision.scoId !== scoId)) throw new Error("sequencing redirected");
  return launchSco(database.prisma, { moduleId, scoId, user, locale: "nl", now, events: learningEvents });
}

function commit(user: Learner, moduleId: string, scoId: string, session: number | null, body: unknown, now = T0) {
  return commitSco(database.prisma, { moduleId, scoId, userId: user.id, session, body, now, events: learningEvents });
}

function attemptOf(user: Learner, scoId: string) {
  return database.prisma.scormAttempt.findUniqueOrThrow({ where: { userId_scoId: { userId: user.id, scoId } } });
}

describe("launchSco", () => {
  it("enrols the learner and stores the launch state the SCO gets", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const user = await learner("Jansen, Sam");
    const started = await launch(user, moduleId, scoIds[0]!);
    expect(started).toMatchObject({
      version: "1.2",
      session: 1,
      external: false,
      sco: { title: "Praten over sekswerk", kind: "sco" },
      // Opened is in progress.
      scos: [expect.objectContaining({ status: "inProgress" })],
    });
    expect(started!.launchUrl).toMatch(/^\/scorm-inhoud\/[0-9a-f]{32}\/index\.html$/);
    expect(started!.state).toMatchObject({
      "cmi.core.student_id": user.id,
      "cmi.core.student_name": "Jansen, Sam",
      "cmi.core.entry": "ab-initio",
      "cmi.launch_data": "hoofdstuk=1",
      "cmi.student_data.mastery_score": "80",
    });
    const enrollment = await database.prisma.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: user.id, moduleId } },
    });
    expect(enrollment).toMatchObject({ status: "in_progress", startedAt: T0 });
    expect(JSON.parse((await attemptOf(user, scoIds[0]!)).cmi)).toEqual(started!.state);
  });

  it("returns null for an unknown SCO, a SCO of another module and an archived module", async () => {
    const one = await importFixture("player-12");
    const two = await importFixture("player-2004");
    const user = await learner();
    expect(await launch(user, one.moduleId, "unknown")).toBeNull();
    expect(await launch(user, one.moduleId, two.scoIds[0]!)).toBeNull();
    await database.prisma.module.update({ where: { id: one.moduleId }, data: { archived: true } });
    expect(await launch(user, one.moduleId, one.scoIds[0]!)).toBeNull();
  });
});

describe("commitSco", () => {
  it("reads once and writes the attempt and the enrolment in one transaction for a commit without a new status", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const user = await learner();
    const sco = scoIds[0]!;
    const { session } = (await launch(user, moduleId, sco))!;
    await commit(user, moduleId, sco, session, { "cmi.core.lesson_status": "incomplete", commitSequence: 1 });
    const { prisma, log } = createCountingClient(database.url);
    await applyPragmas(prisma);
    log.reset();
    try {
      const outcome = await commitSco(prisma, {
        moduleId,
        scoId: sco,
        userId: user.id,
        session,
        body: { "cmi.core.lesson_location": "pagina-3", commitSequence: 2 },
        now: at(1),
        events: learningEvents,
      });
      expect(outcome.httpStatus).toBe(200);
      expect(
        log.statements.filter((sql) => sql.startsWith("SELECT")),
        log.statements.join("\n"),
      ).toHaveLength(1);
      expect(log.writes().filter((sql) => sql !== "COMMIT")).toHaveLength(2);
      expect(log.transactions).toBe(1);
      expect(JSON.parse((await attemptOf(user, sco)).cmi)).toMatchObject({ "cmi.core.lesson_location": "pagina-3" });
    } finally {
      await prisma.$disconnect();
    }
  });

  it("stores a valid commit and answers what scorm-again expects", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const user = await learner();
    const sco = scoIds[0]!;
    const { session } = (await launch(user, moduleId, sco))!;
    const outcome = await commit(user, moduleId, sco, session, {
      "cmi.core.lesson_status": "incomplete",
      "cmi.core.lesson_location": "pagina-2",
      "cmi.suspend_data": "notitie",
      "cmi.objectives": {},
      commitSequence: 1,
    });
    expect(outcome).toEqual({
      httpStatus: 200,
      body: {
        result: true,
        errorCode: 0,
        status: { completion: "incomplete", success: "unknown", progress: "inProgress", moduleCompleted: false },
      },
    });
    const attempt = await attemptOf(user, sco);
    expect(attempt).toMatchObject({ completion: "incomplete", commitSeq: 1 });
    expect(JSON.parse(attempt.cmi)).toMatchObject({
      "cmi.core.lesson_location": "pagina-2",
      "cmi.suspend_data": "notitie",
    });
  });

  it("refuses an invalid commit as a whole and leaves the stored state as it was", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const user = await learner();
    const sco = scoIds[0]!;
    const { session } = (await launch(user, moduleId, sco))!;
    const before = await attemptOf(user, sco);
    const outcome = await commit(user, moduleId, sco, session, {
      "cmi.core.lesson_location": "pagina-9",
      "cmi.core.lesson_status": "klaar",
      "cmi.core.student_id": "iemand-anders",
    });
    expect(outcome.httpStatus).toBe(400);
    expect(outcome.body).toMatchObject({
      result: false,
      errorCode: 101,
      errors: [
        expect.objectContaining({ element: "cmi.core.lesson_status", code: 405 }),
        expect.objectContaining({ element: "cmi.core.student_id", code: 403 }),
      ],
    });
    expect(await attemptOf(user, sco)).toEqual(before);

    const notJson = await commit(user, moduleId, sco, session, null);
    expect(notJson).toMatchObject({ httpStatus: 400, body: { result: false, errorCode: 101 } });
    expect(await attemptOf(user, sco)).toEqual(before);
  });

  it("is idempotent: the same commit or sequence twice changes nothing more", async () => {
    const { moduleId, scoIds } = await importFixture("player-2004");
    const user = await learner();
    const sco = scoIds[0]!;
    const { session } = (await launch(user, moduleId, sco))!;
    const body = { "cmi.location": "scherm-3", "cmi.session_time": "PT1M", commitSequence: 1 };
    await commit(user, moduleId, sco, session, body, at(1));
    const once = await attemptOf(user, sco);
    await commit(user, moduleId, sco, session, body, at(2));
    expect(await attemptOf(user, sco)).toEqual(once);

    // Without a sequence: compared with the stored state.
    const { commitSequence: _sequence, ...plain } = body;
    await commit(user, moduleId, sco, session, plain, at(3));
    expect(await attemptOf(user, sco)).toEqual(once);

    // An older sequence arriving late is answered but not applied.
    const late = await commit(user, moduleId, sco, session, { "cmi.location": "scherm-1", commitSequence: 0 }, at(4));
    expect(late.body.result).toBe(true);
    expect(JSON.parse((await attemptOf(user, sco)).cmi)["cmi.location"]).toBe("scherm-3");
  });

  it("never lets one learner write another learner's attempt", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const owner = await learner();
    const intruder = await learner();
    const sco = scoIds[0]!;
    const { session } = (await launch(owner, moduleId, sco))!;
    const before = await attemptOf(owner, sco);

    // The intruder has no attempt on this SCO: nothing to write, whatever the body says.
    const refused = await commit(intruder, moduleId, sco, session, {
      "cmi.core.lesson_status": "passed",
      "cmi.core.student_id": owner.id,
    });
    expect(refused).toMatchObject({ httpStatus: 404, body: { result: false } });
    expect(await attemptOf(owner, sco)).toEqual(before);

    // With an attempt of their own, their commits only ever reach their own attempt.
    const own = (await launch(intruder, moduleId, sco))!;
    const forged = await commit(intruder, moduleId, sco, own.session, {
      "cmi.core.student_id": owner.id,
      "cmi.core.lesson_status": "passed",
    });
    expect(forged.httpStatus).toBe(400);
    await commit(intruder, moduleId, sco, own.session, { "cmi.core.lesson_status": "passed" });
    expect(await attemptOf(owner, sco)).toEqual(before);
    expect((await attemptOf(intruder, sco)).completion).toBe("completed");
    expect(await database.prisma.moduleCompletion.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("refuses commits of a session that has been replaced by a new launch", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const user = await learner();
    const sco = scoIds[0]!;
    const first = (await launch(user, moduleId, sco))!;
    const second = (await launch(user, moduleId, sco, at(5)))!;
    expect(second.session).toBe(first.session + 1);
    const stale = await commit(user, moduleId, sco, first.session, { "cmi.core.lesson_location": "oud" });
    expect(stale).toMatchObject({ httpStatus: 409, body: { result: false, errorCode: 101 } });
  });

  it("adds each session's time to the total once, and resumes after a suspend", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const user = await learner();
    const sco = scoIds[0]!;
    const first = (await launch(user, moduleId, sco))!;
    await commit(
      user,
      moduleId,
      sco,
      first.session,
      { "cmi.core.session_time": "00:01:00", "cmi.suspend_data": "a" },
      at(1),
    );
    await commit(
      user,
      moduleId,
      sco,
      first.session,
      { "cmi.core.session_time": "00:01:30", "cmi.suspend_data": "ab" },
      at(2),
    );
    // The terminate commit: scorm-again sends total_time = stored total + session time.
    await commit(
      user,
      moduleId,
      sco,
      first.session,
      {
        "cmi.core.session_time": "00:01:30",
        "cmi.core.total_time": "0000:01:30.00",
        "cmi.core.exit": "suspend",
        "cmi.core.lesson_location": "pagina-2",
      },
      at(2),
    );
    expect((await attemptOf(user, sco)).totalSeconds).toBe(90);
    expect((await attemptOf(user, sco)).suspended).toBe(true);

    const second = (await launch(user, moduleId, sco, at(60)))!;
    expect(second.state).toMatchObject({
      "cmi.core.entry": "resume",
      "cmi.suspend_data": "ab",
      "cmi.core.lesson_location": "pagina-2",
      "cmi.core.total_time": "0000:01:30.00",
    });
    expect(second.state).not.toHaveProperty("cmi.core.exit");
    await commit(user, moduleId, sco, second.session, { "cmi.core.session_time": "00:02:00" }, at(62));
    expect((await attemptOf(user, sco)).totalSeconds).toBe(210);

    // A session that ends without suspending: the next launch is not a resume.
    const third = (await launch(user, moduleId, sco, at(120)))!;
    expect(third.state["cmi.core.entry"]).toBe("");
    expect(third.state["cmi.core.total_time"]).toBe("0000:03:30.00");
  });

  it("keeps 64,000 characters of SCORM 2004 suspend_data", async () => {
    const { moduleId, scoIds } = await importFixture("player-2004");
    const user = await learner();
    const sco = scoIds[0]!;
    const first = (await launch(user, moduleId, sco))!;
    const data = "d".repeat(64_000);
    expect(
      (await commit(user, moduleId, sco, first.session, { "cmi.suspend_data": data, "cmi.exit": "suspend" })).body
        .result,
    ).toBe(true);
    const resumed = (await launch(user, moduleId, sco, at(10)))!;
    expect(resumed.state["cmi.entry"]).toBe("resume");
    expect(resumed.state["cmi.suspend_data"]).toHaveLength(64_000);
  });
});

describe("commitSco progress", () => {
  it("answers the progress under the SCO's pass rule: completed without a pass is still in progress", async () => {
    const { moduleId, scoIds } = await importFixture("player-2004");
    const [lesson, quiz] = scoIds as [string, string];
    const user = await learner();

    const first = (await launch(user, moduleId, lesson))!;
    const done = await commit(user, moduleId, lesson, first.session, { "cmi.completion_status": "completed" });
    expect(done.body.status).toMatchObject({ completion: "completed", progress: "completed" });

    const second = (await launch(user, moduleId, quiz, at(10)))!;
    // The quiz has a passing score: completed with no score yet is not done.
    const unscored = await commit(
      user,
      moduleId,
      quiz,
      second.session,
      { "cmi.completion_status": "completed" },
      at(11),
    );
    expect(unscored.body.status).toMatchObject({ completion: "completed", success: "unknown", progress: "inProgress" });
    const failed = await commit(user, moduleId, quiz, second.session, { "cmi.score.scaled": "0.5" }, at(12));
    expect(failed.body.status).toMatchObject({ success: "failed", progress: "failed" });
    const passed = await commit(user, moduleId, quiz, second.session, { "cmi.score.scaled": "0.8" }, at(13));
    expect(passed.body.status).toMatchObject({ success: "passed", progress: "passed", moduleCompleted: true });
    // The table of contents the loader gives agrees with what the commit answered.
    const overview = (await scormOverview(database.prisma, { moduleId, userId: user.id }))!;
    expect(overview.scos.map((sco) => sco.status)).toEqual(["completed", "passed"]);
  });

  it("answers the admin's mastery override: a 1.2 'passed' below it is failed", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    await database.prisma.module.update({ where: { id: moduleId }, data: { passMark: 95 } });
    const user = await learner();
    const sco = scoIds[0]!;
    const started = (await launch(user, moduleId, sco))!;
    const outcome = await commit(user, moduleId, sco, started.session, {
      "cmi.core.lesson_status": "passed",
      "cmi.core.score.raw": "90",
    });
    expect(outcome.body.status).toMatchObject({ success: "failed", progress: "failed" });
  });
});

describe("SCORM status → module completion", () => {
  it("maps a 1.2 score against the mastery score and completes a single-SCO module with a certificate", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const user = await learner();
    const sco = scoIds[0]!;
    const { session } = (await launch(user, moduleId, sco))!;

    await commit(
      user,
      moduleId,
      sco,
      session,
      { "cmi.core.lesson_status": "completed", "cmi.core.score.raw": "70" },
      at(5),
    );
    expect(await attemptOf(user, sco)).toMatchObject({
      completion: "completed",
      success: "failed",
      scoreRaw: 70,
      scoreScaled: 0.7,
    });
    expect(await database.prisma.moduleCompletion.count()).toBe(0);

    const passed = await commit(user, moduleId, sco, session, { "cmi.core.score.raw": "90" }, at(10));
    expect(passed.body.status).toEqual({
      completion: "completed",
      success: "passed",
      progress: "passed",
      moduleCompleted: true,
    });
    expect(await attemptOf(user, sco)).toMatchObject({ success: "passed", scoreScaled: 0.9, completedAt: at(5) });

    const completion = await database.prisma.moduleCompletion.findUniqueOrThrow({
      where: { userId_moduleId: { userId: user.id, moduleId } },
    });
    expect(completion).toMatchObject({ completedAt: at(10), percent: 90, attemptId: null });
    const certificates = await database.prisma.certificate.findMany({ where: { userId: user.id, moduleId } });
    expect(certificates).toHaveLength(1);
    const enrollment = await database.prisma.enrollment.findUniqueOrThrow({
      where: { userId_moduleId: { userId: user.id, moduleId } },
    });
    expect(enrollment).toMatchObject({ status: "completed", completedAt: at(10) });

    // A later commit neither issues a second certificate nor changes the fact.
    await commit(user, moduleId, sco, session, { "cmi.core.lesson_location": "einde" }, at(20));
    expect(await database.prisma.certificate.count({ where: { userId: user.id } })).toBe(1);
  });

  it("counts in cohort reports like any module: started at launch, completed and passed with the SCO", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    const user = await learner();
    const sco = scoIds[0]!;
    const organisation = await database.prisma.organisation.create({
      data: { name: "Zorggroep Oost", sector: "care" },
    });
    const cohort = await database.prisma.cohort.create({
      data: {
        organisationId: organisation.id,
        name: "Zorggroep Oost — februari",
        joinCode: "ZORG0OST",
        modules: { create: { moduleId, position: 0 } },
        members: { create: { userId: user.id, joinedAt: T0 } },
      },
    });
    const fact = () =>
      database.prisma.reportFact.findUnique({
        where: { cohortId_moduleId_userId: { cohortId: cohort.id, moduleId, userId: user.id } },
      });

    const { session } = (await launch(user, moduleId, sco, at(1)))!;
    expect(await fact()).toMatchObject({ startedAt: at(1), completedAt: null, passedAt: null });

    await commit(
      user,
      moduleId,
      sco,
      session,
      { "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "85" },
      at(30),
    );
    expect(await fact()).toMatchObject({
      startedAt: at(1),
      completedAt: at(30),
      passedAt: at(30),
      bestPercent: 85,
      minutesToComplete: 29,
    });
    expect(await database.prisma.reportRollup.findFirst({ where: { cohortId: cohort.id, moduleId } })).toMatchObject({
      enrolled: 1,
      started: 1,
      completed: 1,
      passed: 1,
    });
  });

  it("holds the SCO to the admin's mastery override", async () => {
    const { moduleId, scoIds } = await importFixture("player-12");
    await database.prisma.module.update({ where: { id: moduleId }, data: { passMark: 95 } });
    const user = await learner();
    const sco = scoIds[0]!;
    const started = (await launch(user, moduleId, sco))!;
    expect(started.state["cmi.student_data.mastery_score"]).toBe("95");
    await commit(user, moduleId, sco, started.session, {
      "cmi.core.lesson_status": "passed",
      "cmi.core.score.raw": "90",
    });
    expect(await attemptOf(user, sco)).toMatchObject({ success: "failed" });
    expect(await database.prisma.moduleCompletion.count()).toBe(0);
  });

  it("completes a multi-SCO module only when every SCO is done and the scored one passed", async () => {
    const { moduleId, scoIds } = await importFixture("player-2004");
    const [lesson, quiz] = scoIds as [string, string];
    const user = await learner();

    const first = (await launch(user, moduleId, lesson))!;
    expect(first.scos.map((sco) => sco.status)).toEqual(["inProgress", "notStarted"]);
    await commit(user, moduleId, lesson, first.session, { "cmi.completion_status": "completed" }, at(5));
    expect(await database.prisma.moduleCompletion.count()).toBe(0);
    expect((await scormOverview(database.prisma, { moduleId, userId: user.id }))!).toMatchObject({
      fractionDone: 0.5,
      resumeScoId: quiz,
    });

    const second = (await launch(user, moduleId, quiz, at(10)))!;
    expect(second.state["cmi.scaled_passing_score"]).toBe("0.6");
    // Below the passing score: completed but failed.
    await commit(
      user,
      moduleId,
      quiz,
      second.session,
      { "cmi.completion_status": "completed", "cmi.score.scaled": "0.5" },
      at(12),
    );
    expect(await attemptOf(user, quiz)).toMatchObject({ completion: "completed", success: "failed" });
    expect(await database.prisma.moduleCompletion.count()).toBe(0);

    const passed = await commit(user, moduleId, quiz, second.session, { "cmi.score.scaled": "0.8" }, at(14));
    expect(passed.body.status).toMatchObject({ success: "passed", moduleCompleted: true });
    const completion = await database.prisma.moduleCompletion.findUniqueOrThrow({
      where: { userId_moduleId: { userId: user.id, moduleId } },
    });
    expect(completion).toMatchObject({ completedAt: at(14), percent: 80 });
    expect(await database.prisma.certificate.count({ where: { userId: user.id, moduleId } })).toBe(1);

    const [entry] = await listMyLearning(database.prisma, { userId: user.id, locale: "nl" });
    expect(entry).toMatchObject({ moduleSlug: moduleId, status: "completed", fractionDone: 1 });
  });

  it("shows SCORM modules in Mijn leren with a path to the player", async () => {
    const { moduleId, scoIds } = await importFixture("player-2004");
    const user = await learner();
    await launch(user, moduleId, scoIds[1]!);
    const [entry] = await listMyLearning(database.prisma, { userId: user.id, locale: "nl" });
    expect(entry).toMatchObject({
      moduleSlug: moduleId,
      status: "in_progress",
      fractionDone: 0,
      resumeLessonSlug: `speler/${scoIds[1]}`,
    });
  });
});

describe("SCORM 1.2 prerequisites", () => {
  it("keeps a part closed until the parts its adlcp:prerequisites names are done", async () => {
    // scorm12-multi: "Kennistoets" (CH-2-A) has the prerequisite CH-1-A ("Wat is stigma?").
    const { moduleId } = await importFixture("scorm12-multi");
    const user = await learner();
    const scos = await database.prisma.scormSco.findMany({ where: { package: { moduleId } } });
    const idOf = (itemId: string) => scos.find((sco) => sco.itemId === itemId)!.id;
    const waitsFor = () => scoWaitsFor(database.prisma, { moduleId, scoId: idOf("CH-2-A"), userId: user.id });

    const before = (await scormOverview(database.prisma, { moduleId, userId: user.id }))!;
    expect(before.scos.find((sco) => sco.id === idOf("CH-2-A"))!.waitsFor).toEqual(["Wat is stigma?"]);
    expect(before.scos.filter((sco) => sco.waitsFor !== null)).toHaveLength(1);
    expect(await waitsFor()).toEqual(["Wat is stigma?"]);

    // Opened but not finished: still closed.
    const { session } = (await launch(user, moduleId, idOf("CH-1-A")))!;
    await commit(user, moduleId, idOf("CH-1-A"), session, { "cmi.core.lesson_status": "incomplete" }, at(1));
    expect(await waitsFor()).toEqual(["Wat is stigma?"]);

    await commit(user, moduleId, idOf("CH-1-A"), session, { "cmi.core.lesson_status": "completed" }, at(2));
    expect(await waitsFor()).toBeNull();
    const after = (await scormOverview(database.prisma, { moduleId, userId: user.id }))!;
    expect(after.scos.every((sco) => sco.waitsFor === null)).toBe(true);
  });

  it("lets 'continue' skip a closed part, and never closes a part for an anonymous visitor", async () => {
    const { moduleId } = await importFixture("scorm12-multi");
    const user = await learner();
    const scos = await database.prisma.scormSco.findMany({
      where: { package: { moduleId } },
      orderBy: { position: "asc" },
    });
    // Every part but the test is done, the test waits for one that is now failed.
    for (const sco of scos.filter((sco) => sco.itemId !== "CH-2-A" && sco.visible)) {
      const { session } = (await launch(user, moduleId, sco.id))!;
      await commit(
        user,
        moduleId,
        sco.id,
        session,
        { "cmi.core.lesson_status": sco.itemId === "CH-1-A" ? "failed" : "completed" },
        at(1),
      );
    }
    const overview = (await scormOverview(database.prisma, { moduleId, userId: user.id }))!;
    const test = overview.scos.find((sco) => sco.title === "Kennistoets")!;
    expect(test.waitsFor).toEqual(["Wat is stigma?"]);
    expect(overview.resumeScoId).not.toBe(test.id);

    const anonymous = (await scormOverview(database.prisma, { moduleId, userId: null }))!;
    expect(anonymous.scos.every((sco) => sco.waitsFor === null)).toBe(true);
  });

  it("never closes a part whose expression names an item that is not a part of the package", async () => {
    const { moduleId } = await importFixture("scorm12-multi");
    const user = await learner();
    const test = await database.prisma.scormSco.findFirstOrThrow({
      where: { package: { moduleId }, itemId: "CH-2-A" },
    });
    const runtime = JSON.parse(test.runtime) as Record<string, unknown>;
    // CH-1 is a block (an item without a resource), not a part the learner plays.
    await database.prisma.scormSco.update({
      where: { id: test.id },
      data: { runtime: JSON.stringify({ ...runtime, prerequisites: "CH-1 & CH-1-A" }) },
    });
    expect(await scoWaitsFor(database.prisma, { moduleId, scoId: test.id, userId: user.id })).toBeNull();
  });
});

describe("SCORM contents list", () => {
  it("keeps the chapters (enclosing items) each part sits in", async () => {
    const { moduleId } = await importFixture("scorm12-multi");
    const overview = (await scormOverview(database.prisma, { moduleId, userId: null }))!;
    expect(overview.scos.map((sco) => [sco.title, sco.parents])).toEqual([
      ["Wat is stigma?", ["Hoofdstuk 1: Introductie"]],
      ["Voorbeelden", ["Hoofdstuk 1: Introductie"]],
      ["Samenvatting", ["Hoofdstuk 1: Introductie"]],
      ["Kennistoets", ["Hoofdstuk 2: Toets"]],
    ]);
  });
});
