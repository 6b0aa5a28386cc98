import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { learningEvents } from "~/learning-events.server";
import { importScormPackage } from "./import.server";
import { testPackage, type TestItem } from "./package/test-packages";
import { commitSco, launchSco, TERMINATE_FIELD } from "./player.server";
import { scormInteractionsOfModule, scormRecordsOfLearner } from "./records.server";
import { deliverSco } from "./sequencing/learner.server";

/*
 * What the content stores is kept (issue 16 item 4) and relaunches behave as authoring tools
 * expect (item 5): manifest objectives, interactions, shared data, suspend/resume, new attempts.
 */

const database = useTestDatabase();
const T0 = new Date("2026-03-02T09:00:00.000Z");
let root: string;
let users = 0;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "scorm-data-"));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function learner() {
  users += 1;
  return database.prisma.user.create({
    data: { email: `data${users}@example.nl`, name: "Sam Jansen", passwordHash: "x", sector: "care" },
  });
}
type Learner = Awaited<ReturnType<typeof learner>>;

async function importItems(version: "1.2" | "2004", items: TestItem[]) {
  const result = await importScormPackage(database.prisma, {
    zip: await testPackage(version, "Data test", items),
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

const item = (identifier: string, itemExtra = ""): TestItem => ({
  identifier,
  title: `SCO ${identifier}`,
  href: `${identifier}.html`,
  page: "<!doctype html><title>x</title>",
  itemExtra,
});

/** As the player route does: sequencing (SCORM 2004) decides first, then the SCO is launched. */
async function launch(user: Learner, moduleId: string, scoId: string) {
  const decision = await deliverSco(database.prisma, {
    moduleId,
    scoId,
    userId: user.id,
    now: T0,
    events: learningEvents,
  });
  if (decision && (decision.kind !== "deliver" || decision.scoId !== scoId)) throw new Error("sequencing redirected");
  return launchSco(database.prisma, {
    moduleId,
    scoId,
    user,
    locale: "nl",
    now: T0,
    events: learningEvents,
  }).then((launched) => launched!);
}

function commit(user: Learner, moduleId: string, scoId: string, session: number, body: Record<string, unknown>) {
  return commitSco(database.prisma, {
    moduleId,
    scoId,
    userId: user.id,
    session,
    body,
    now: T0,
    events: learningEvents,
  });
}

const OBJECTIVES = `
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="obj-module" satisfiedByMeasure="false"/>
            <imsss:objective objectiveID="obj-question-1"/>
            <imsss:objective objectiveID="obj-question-2"/>
          </imsss:objectives>
        </imsss:sequencing>`;

describe("manifest objectives (RTE 4.2.17)", () => {
  it("are in cmi.objectives at launch, accept the content's status and are kept without duplicates", async () => {
    const { moduleId, scoIds } = await importItems("2004", [item("A", OBJECTIVES)]);
    const user = await learner();
    const first = await launch(user, moduleId, scoIds[0]!);
    expect(first.state).toMatchObject({
      "cmi.objectives.0.id": "obj-module",
      "cmi.objectives.1.id": "obj-question-1",
      "cmi.objectives.2.id": "obj-question-2",
    });
    expect(first.state["cmi.objectives.3.id"]).toBeUndefined();

    // What failed with 401/351 before: status on an objective the content did not create.
    const outcome = await commit(user, moduleId, scoIds[0]!, first.session, {
      "cmi.objectives.2.success_status": "passed",
      "cmi.objectives.2.score.scaled": "0.9",
      "cmi.exit": "suspend",
      commitSequence: 1,
    });
    expect(outcome).toMatchObject({ httpStatus: 200, body: { result: true } });

    const second = await launch(user, moduleId, scoIds[0]!);
    expect(second.state).toMatchObject({
      "cmi.entry": "resume",
      "cmi.objectives.2.id": "obj-question-2",
      "cmi.objectives.2.success_status": "passed",
      "cmi.objectives.2.score.scaled": "0.9",
    });
    expect(second.state["cmi.objectives.3.id"]).toBeUndefined();
  });

  it("keeps objectives the content added itself and appends the declared ones after them", async () => {
    const { moduleId, scoIds } = await importItems("2004", [item("A", OBJECTIVES)]);
    const user = await learner();
    const first = await launch(user, moduleId, scoIds[0]!);
    await commit(user, moduleId, scoIds[0]!, first.session, {
      "cmi.objectives.3.id": "content-own",
      "cmi.exit": "suspend",
      commitSequence: 1,
    });
    const second = await launch(user, moduleId, scoIds[0]!);
    expect(second.state["cmi.objectives.3.id"]).toBe("content-own");
    expect(second.state["cmi.objectives.4.id"]).toBeUndefined();
  });
});

describe("interactions are stored and returned on resume", () => {
  it("SCORM 1.2", async () => {
    const { moduleId, scoIds } = await importItems("1.2", [item("A")]);
    const user = await learner();
    const first = await launch(user, moduleId, scoIds[0]!);
    await commit(user, moduleId, scoIds[0]!, first.session, {
      "cmi.interactions.0.id": "q1",
      "cmi.interactions.0.type": "choice",
      "cmi.interactions.0.student_response": "b",
      "cmi.interactions.0.result": "wrong",
      "cmi.interactions.0.objectives.0.id": "obj-1",
      "cmi.objectives.0.id": "obj-1",
      "cmi.objectives.0.status": "failed",
      "cmi.core.exit": "suspend",
      commitSequence: 1,
    });
    const second = await launch(user, moduleId, scoIds[0]!);
    expect(second.state).toMatchObject({
      "cmi.core.entry": "resume",
      "cmi.interactions.0.id": "q1",
      "cmi.interactions.0.student_response": "b",
      "cmi.interactions.0.objectives.0.id": "obj-1",
      "cmi.objectives.0.status": "failed",
    });
  });

  it("SCORM 2004", async () => {
    const { moduleId, scoIds } = await importItems("2004", [item("A")]);
    const user = await learner();
    const first = await launch(user, moduleId, scoIds[0]!);
    await commit(user, moduleId, scoIds[0]!, first.session, {
      "cmi.interactions.0.id": "q1",
      "cmi.interactions.0.type": "choice",
      "cmi.interactions.0.learner_response": "b",
      "cmi.interactions.0.correct_responses.0.pattern": "a",
      "cmi.interactions.0.result": "incorrect",
      "cmi.exit": "suspend",
      commitSequence: 1,
    });
    const second = await launch(user, moduleId, scoIds[0]!);
    expect(second.state).toMatchObject({
      "cmi.entry": "resume",
      "cmi.interactions.0.learner_response": "b",
      "cmi.interactions.0.correct_responses.0.pattern": "a",
    });
  });
});

describe("records for the data export and reports", () => {
  it("lists each learner's interactions per module and their attempts with objectives", async () => {
    const { moduleId, scoIds } = await importItems("2004", [item("A", OBJECTIVES)]);
    const [one, two] = [await learner(), await learner()];
    for (const [user, response] of [
      [one, "a"],
      [two, "b"],
    ] as const) {
      const { session } = await launch(user, moduleId, scoIds[0]!);
      await commit(user, moduleId, scoIds[0]!, session, {
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.type": "choice",
        "cmi.interactions.0.learner_response": response,
        "cmi.interactions.0.result": response === "a" ? "correct" : "incorrect",
        "cmi.objectives.1.success_status": "passed",
        commitSequence: 1,
      });
    }
    const rows = await scormInteractionsOfModule(database.prisma, moduleId);
    expect(
      rows.map((row) => [row.userId, row.scoTitle, row.interaction.learnerResponse, row.interaction.result]),
    ).toEqual(
      expect.arrayContaining([
        [one.id, "SCO A", "a", "correct"],
        [two.id, "SCO A", "b", "incorrect"],
      ]),
    );
    expect(rows).toHaveLength(2);
    const records = await scormRecordsOfLearner(database.prisma, one.id);
    expect(records.attempts).toEqual([
      expect.objectContaining({
        moduleId,
        attemptNumber: 1,
        objectives: expect.arrayContaining([
          expect.objectContaining({ id: "obj-question-1", successStatus: "passed" }),
        ]),
        interactions: [expect.objectContaining({ id: "q1", learnerResponse: "a" })],
      }),
    ]);
  });
});

describe("SCORM 1.2 suspend and resume (RTE 3.4.4 cmi.core.entry)", () => {
  it("resumes with location and suspend_data after exit suspend, and not after a normal exit", async () => {
    const { moduleId, scoIds } = await importItems("1.2", [item("A")]);
    const user = await learner();
    const first = await launch(user, moduleId, scoIds[0]!);
    expect(first.state["cmi.core.entry"]).toBe("ab-initio");
    await commit(user, moduleId, scoIds[0]!, first.session, {
      "cmi.core.lesson_location": "slide-7",
      "cmi.suspend_data": "a=1&b=2",
      "cmi.core.exit": "suspend",
      commitSequence: 1,
      [TERMINATE_FIELD]: true,
    });
    const second = await launch(user, moduleId, scoIds[0]!);
    expect(second.state).toMatchObject({
      "cmi.core.entry": "resume",
      "cmi.core.lesson_location": "slide-7",
      "cmi.suspend_data": "a=1&b=2",
    });
    await commit(user, moduleId, scoIds[0]!, second.session, {
      "cmi.core.exit": "",
      commitSequence: 1,
      [TERMINATE_FIELD]: true,
    });
    const third = await launch(user, moduleId, scoIds[0]!);
    // 1.2 has no new attempt: the data stays, the entry is "".
    expect(third.state).toMatchObject({ "cmi.core.entry": "", "cmi.core.lesson_location": "slide-7" });
  });
});

describe("SCORM 2004 attempts (RTE 4.2.8 cmi.exit)", () => {
  it("starts a new attempt after the SCO terminates with a normal exit", async () => {
    const { moduleId, scoIds } = await importItems("2004", [item("A")]);
    const user = await learner();
    const first = await launch(user, moduleId, scoIds[0]!);
    await commit(user, moduleId, scoIds[0]!, first.session, {
      "cmi.location": "page-3",
      "cmi.suspend_data": "state",
      "cmi.completion_status": "completed",
      "cmi.exit": "normal",
      commitSequence: 1,
      [TERMINATE_FIELD]: true,
    });
    const attempt = () =>
      database.prisma.scormAttempt.findUniqueOrThrow({
        where: { userId_scoId: { userId: user.id, scoId: scoIds[0]! } },
      });
    expect(await attempt()).toMatchObject({ attemptEnded: true, attemptNumber: 1, completion: "completed" });

    const second = await launch(user, moduleId, scoIds[0]!);
    expect(second.state["cmi.entry"]).toBe("ab-initio");
    expect(second.state["cmi.location"]).toBeUndefined();
    expect(second.state["cmi.suspend_data"]).toBeUndefined();
    expect(second.state["cmi.completion_status"]).toBe("unknown");
    // The platform's record of the earlier completion stays until the new attempt reports.
    expect(await attempt()).toMatchObject({ attemptEnded: false, attemptNumber: 2, completion: "completed" });
  });

  it('ends the attempt on exit "" too, but not on suspend or without the SCO\'s Terminate', async () => {
    const { moduleId, scoIds } = await importItems("2004", [item("A"), item("B"), item("C")]);
    const user = await learner();
    const ended = async (scoId: string, body: Record<string, unknown>) => {
      const { session } = await launch(user, moduleId, scoId);
      await commit(user, moduleId, scoId, session, { "cmi.location": "p2", commitSequence: 1, ...body });
      return (
        await database.prisma.scormAttempt.findUniqueOrThrow({ where: { userId_scoId: { userId: user.id, scoId } } })
      ).attemptEnded;
    };
    expect(await ended(scoIds[0]!, { [TERMINATE_FIELD]: true })).toBe(true);
    expect(await ended(scoIds[1]!, { "cmi.exit": "suspend", [TERMINATE_FIELD]: true })).toBe(false);
    // A flush by the player (tab closed while the SCO runs) is no Terminate.
    expect(await ended(scoIds[2]!, {})).toBe(false);
    const resumed = await launch(user, moduleId, scoIds[2]!);
    expect(resumed.state["cmi.location"]).toBe("p2");
  });
});

const sharedData = (maps: string) => `
        <adlcp:data>${maps}
        </adlcp:data>`;

describe("shared data (RTE 4.3 adl.data)", () => {
  it("persists across SCOs, honours writeSharedData and refreshes at every launch", async () => {
    const { moduleId, scoIds } = await importItems("2004", [
      item("A", sharedData(`<adlcp:map targetID="notes"/>`)),
      item("B", sharedData(`<adlcp:map targetID="notes" writeSharedData="false"/>`)),
    ]);
    const [a, b] = [scoIds[0]!, scoIds[1]!];
    const user = await learner();
    const firstA = await launch(user, moduleId, a);
    expect(firstA.sharedData).toEqual([
      { targetId: "notes", readSharedData: true, writeSharedData: true, store: null },
    ]);
    expect(firstA.state["adl.data.0.id"]).toBe("notes");
    await commit(user, moduleId, a, firstA.session, { "adl.data.0.store": "written by A", commitSequence: 1 });

    const firstB = await launch(user, moduleId, b);
    expect(firstB.sharedData[0]).toMatchObject({ store: "written by A", writeSharedData: false });
    expect(firstB.state["adl.data.0.store"]).toBe("written by A");
    // B may not write: its value stays in its own attempt, the store is unchanged.
    await commit(user, moduleId, b, firstB.session, { "adl.data.0.store": "written by B", commitSequence: 1 });
    const secondA = await launch(user, moduleId, a);
    expect(secondA.state["adl.data.0.store"]).toBe("written by A");

    // Another learner has their own stores.
    const other = await learner();
    expect((await launch(other, moduleId, b)).sharedData[0]!.store).toBeNull();
  });
});
