import { beforeEach, describe, expect, it, vi } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { createAccounts } from "~/auth/accounts.server";
import type { Role } from "~/domain/constants";

import {
  COHORT_AUDIT,
  closeCohort,
  createCohort,
  findCohortByCode,
  getCohortDetail,
  joinCohort,
  listCohorts,
  listMyCohorts,
  removeLearner,
  reopenCohort,
  resolveJoinCode,
} from "./cohorts.server";
import { JOIN_MISS_RULE } from "./join-throttle.server";
import { signUpJoinCodes } from "./sign-up.server";
import type { OrganisationScope } from "~/auth/scope.server";
import { learningEvents } from "~/learning-events.server";

// Queued byte strings make the next join codes predictable (to force a collision); otherwise real randomness.
const random = vi.hoisted(() => ({ queue: [] as Buffer[] }));
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, randomBytes: (size: number) => random.queue.shift() ?? actual.randomBytes(size) };
});

const database = useTestDatabase();
const db = () => database.prisma;

const NOW = new Date("2026-03-10T10:00:00.000Z");
const PASSWORD = "een-lang-wachtwoord";

let counter = 0;
async function person(name: string, role: Role = "learner") {
  counter++;
  return db().user.create({
    data: { email: `cohort-${counter}@example.nl`, name, role, locale: "nl", sector: "bank", passwordHash: "x" },
    select: { id: true, email: true },
  });
}

async function module(id: string, position: number, { archived = false } = {}) {
  await db().module.create({
    data: {
      id,
      position,
      sectors: "[]",
      minutes: 30,
      contentHash: `hash-${id}`,
      archived,
      locales: {
        create: [
          { locale: "nl", title: `Titel ${id}`, summary: "", objectives: "[]", introHtml: "" },
          { locale: "en", title: `Title ${id}`, summary: "", objectives: "[]", introHtml: "" },
        ],
      },
    },
  });
}

interface World {
  bankA: string;
  bankB: string;
  admin: { id: string };
  trainerA: { id: string };
  trainerB: { id: string };
  scopeA: OrganisationScope;
  scopeB: OrganisationScope;
  all: OrganisationScope;
}
let w: World;

beforeEach(async () => {
  random.queue.length = 0;
  await module("basis", 1);
  await module("bank", 2);
  await module("oud", 3, { archived: true });
  const bankA = (await db().organisation.create({ data: { name: "Bank A", sector: "bank" } })).id;
  const bankB = (await db().organisation.create({ data: { name: "Bank B", sector: "bank", joinCode: "BANKB-2026" } }))
    .id;
  const admin = await person("Beheerder", "admin");
  const trainerA = await person("Trainer A", "trainer");
  const trainerB = await person("Trainer B", "trainer");
  await db().organisationTrainer.createMany({
    data: [
      { organisationId: bankA, userId: trainerA.id },
      { organisationId: bankB, userId: trainerB.id },
    ],
  });
  w = {
    bankA,
    bankB,
    admin,
    trainerA,
    trainerB,
    scopeA: { kind: "organisations", organisationIds: [bankA] },
    scopeB: { kind: "organisations", organisationIds: [bankB] },
    all: { kind: "all" },
  };
});

async function cohortOfA(input: Partial<{ name: string; modules: string[]; deadline: string }> = {}) {
  const result = await createCohort(db(), {
    scope: w.scopeA,
    actorId: w.trainerA.id,
    input: { name: "Bank A — regio Utrecht — maart", organisationId: w.bankA, modules: ["bank", "basis"], ...input },
    now: NOW,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result;
}

async function audits(action: string) {
  return db().auditLog.findMany({ where: { action } });
}

describe("createCohort", () => {
  it("stores the cohort with a normalised code, its modules in course order and the deadline as the end of that day", async () => {
    const { id, joinCode } = await cohortOfA({ deadline: "2026-03-31" });
    expect(joinCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const stored = await db().cohort.findUniqueOrThrow({
      where: { id },
      include: { modules: { orderBy: { position: "asc" } } },
    });
    expect(stored).toMatchObject({
      organisationId: w.bankA,
      name: "Bank A — regio Utrecht — maart",
      joinCode,
      createdById: w.trainerA.id,
      closedAt: null,
    });
    expect(stored.deadline?.toISOString()).toBe("2026-03-31T21:59:59.999Z");
    expect(stored.modules.map((m) => m.moduleId)).toEqual(["basis", "bank"]);
    const [entry] = await audits(COHORT_AUDIT.created);
    expect(JSON.parse(entry!.details)).toMatchObject({
      cohortId: id,
      organisationId: w.bankA,
      modules: ["basis", "bank"],
    });
  });

  it("draws a new code when the first one is taken", async () => {
    random.queue.push(Buffer.from([1, 2, 3, 4, 5]));
    const first = await cohortOfA();
    random.queue.push(Buffer.from([1, 2, 3, 4, 5]), Buffer.from([9, 9, 9, 9, 9]));
    const second = await cohortOfA({ name: "Tweede" });
    expect(second.joinCode).not.toBe(first.joinCode);
    expect(await db().cohort.count()).toBe(2);
  });

  it("refuses tampered input with a message per field and stores nothing", async () => {
    const attempt = (
      input: Partial<{ organisationId: string; modules: string[]; deadline: string }>,
      scope = w.scopeA,
    ) =>
      createCohort(db(), {
        scope,
        actorId: w.trainerA.id,
        input: { name: "X", organisationId: w.bankA, modules: ["basis"], ...input },
        now: NOW,
      });
    expect(await attempt({ organisationId: w.bankB })).toEqual({
      ok: false,
      fieldErrors: { organisationId: "cohorts.organisationInvalid" },
    });
    expect(await attempt({ organisationId: "bestaat-niet" }, w.all)).toEqual({
      ok: false,
      fieldErrors: { organisationId: "cohorts.organisationInvalid" },
    });
    expect(await attempt({ modules: ["basis", "bestaat-niet"] })).toEqual({
      ok: false,
      fieldErrors: { modules: "cohorts.modulesInvalid" },
    });
    expect(await attempt({ modules: ["oud"] })).toEqual({
      ok: false,
      fieldErrors: { modules: "cohorts.modulesInvalid" },
    });
    expect(await attempt({ modules: [] })).toEqual({ ok: false, fieldErrors: { modules: "cohorts.modulesInvalid" } });
    expect(await attempt({ deadline: "2026-02-30" })).toEqual({
      ok: false,
      fieldErrors: { deadline: "cohorts.deadlineInvalid" },
    });
    expect(await attempt({ deadline: "2026-03-09" })).toEqual({
      ok: false,
      fieldErrors: { deadline: "cohorts.deadlinePast" },
    });
    expect(await attempt({ organisationId: w.bankB, modules: ["x"], deadline: "2020-01-01" })).toEqual({
      ok: false,
      fieldErrors: {
        organisationId: "cohorts.organisationInvalid",
        modules: "cohorts.modulesInvalid",
        deadline: "cohorts.deadlinePast",
      },
    });
    expect(await db().cohort.count()).toBe(0);
    expect(await db().auditLog.count()).toBe(0);
    // Today itself is still allowed.
    expect((await attempt({ deadline: "2026-03-10" })).ok).toBe(true);
  });
});

describe("scope", () => {
  it("lists and shows a trainer only their organisations' cohorts; an administrator sees all", async () => {
    const a = await cohortOfA();
    const b = await createCohort(db(), {
      scope: w.scopeB,
      actorId: w.trainerB.id,
      input: { name: "Bank B — najaar", organisationId: w.bankB, modules: ["bank"] },
      now: NOW,
    });
    if (!b.ok) throw new Error("cohort B");
    expect((await listCohorts(db(), w.scopeA, { locale: "nl", now: NOW })).map((c) => c.id)).toEqual([a.id]);
    expect(
      (await listCohorts(db(), w.scopeB, { locale: "en", now: NOW })).map((c) => [c.name, c.modules.map((m) => m.title)]),
    ).toEqual([["Bank B — najaar", ["Title bank"]]]);
    expect((await listCohorts(db(), w.all, { locale: "nl", now: NOW })).map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(await listCohorts(db(), { kind: "organisations", organisationIds: [] }, { locale: "nl", now: NOW })).toEqual([]);

    expect(await getCohortDetail(db(), w.scopeB, a.id, { locale: "nl" })).toBeNull();
    expect(await getCohortDetail(db(), w.scopeA, "bestaat-niet", { locale: "nl" })).toBeNull();
    expect((await getCohortDetail(db(), w.all, a.id, { locale: "nl" }))?.name).toBe("Bank A — regio Utrecht — maart");
  });

  it("lets no trainer close, reopen or remove learners in another organisation's cohort", async () => {
    const a = await cohortOfA();
    const learner = await person("Anna");
    await joinCohort(db(), { userId: learner.id, cohortId: a.id, now: NOW, events: learningEvents });
    const args = { scope: w.scopeB, actorId: w.trainerB.id, cohortId: a.id, now: NOW };
    expect(await closeCohort(db(), args)).toEqual({ ok: false, error: "not_found" });
    expect(await reopenCohort(db(), args)).toEqual({ ok: false, error: "not_found" });
    expect(await removeLearner(db(), { ...args, userId: learner.id, events: learningEvents })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect((await db().cohort.findUniqueOrThrow({ where: { id: a.id } })).closedAt).toBeNull();
    expect(await db().cohortMember.count()).toBe(1);
  });
});

describe("joining", () => {
  it("makes the learner a member of the cohort and its organisation once, with report facts", async () => {
    const a = await cohortOfA();
    const learner = await person("Anna");
    expect(await joinCohort(db(), { userId: learner.id, cohortId: a.id, now: NOW, events: learningEvents })).toEqual({
      ok: true,
      alreadyMember: false,
    });
    expect(
      await joinCohort(db(), {
        userId: learner.id,
        cohortId: a.id,
        now: new Date(NOW.getTime() + 60_000),
        events: learningEvents,
      }),
    ).toEqual({ ok: true, alreadyMember: true });
    const members = await db().cohortMember.findMany();
    expect(members).toEqual([{ cohortId: a.id, userId: learner.id, joinedAt: NOW }]);
    expect((await db().user.findUniqueOrThrow({ where: { id: learner.id } })).organisationId).toBe(w.bankA);
    expect(await audits(COHORT_AUDIT.joined)).toHaveLength(1);
    expect((await db().reportFact.findMany({ where: { cohortId: a.id } })).map((f) => f.moduleId).sort()).toEqual([
      "bank",
      "basis",
    ]);
  });

  it("refuses a closed cohort and an unknown one, storing nothing", async () => {
    const a = await cohortOfA();
    await closeCohort(db(), { scope: w.scopeA, actorId: w.trainerA.id, cohortId: a.id, now: NOW });
    const learner = await person("Anna");
    expect(await joinCohort(db(), { userId: learner.id, cohortId: a.id, now: NOW, events: learningEvents })).toEqual({
      ok: false,
      error: "closed",
    });
    expect(
      await joinCohort(db(), { userId: learner.id, cohortId: "bestaat-niet", now: NOW, events: learningEvents }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(await db().cohortMember.count()).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: learner.id } })).organisationId).toBeNull();

    await reopenCohort(db(), { scope: w.scopeA, actorId: w.trainerA.id, cohortId: a.id, now: NOW });
    expect((await joinCohort(db(), { userId: learner.id, cohortId: a.id, now: NOW, events: learningEvents })).ok).toBe(
      true,
    );
    expect((await audits(COHORT_AUDIT.closed)).length + (await audits(COHORT_AUDIT.reopened)).length).toBe(2);
  });

  it("joins a cohort past its deadline only after confirmation, and never labels a late joiner's modules late", async () => {
    const a = await cohortOfA({ deadline: "2026-03-20" });
    const later = new Date("2026-04-02T09:00:00.000Z");
    const early = await person("Anna");
    const late = await person("Bram");
    await joinCohort(db(), { userId: early.id, cohortId: a.id, now: NOW, events: learningEvents });
    expect(
      await joinCohort(db(), {
        userId: late.id,
        cohortId: a.id,
        now: later,
        events: learningEvents,
        confirmedPastDeadline: false,
      }),
    ).toEqual({ ok: false, error: "deadline_passed" });
    expect(await db().cohortMember.count({ where: { userId: late.id } })).toBe(0);
    expect(
      await joinCohort(db(), {
        userId: late.id,
        cohortId: a.id,
        now: later,
        events: learningEvents,
        confirmedPastDeadline: true,
      }),
    ).toEqual({ ok: true, alreadyMember: false });
    const overdue = async (userId: string) =>
      (await listMyCohorts(db(), { userId, locale: "nl", now: later }))[0]?.modules.map((m) => m.overdue);
    expect(await overdue(early.id)).toEqual([true, true]);
    expect(await overdue(late.id)).toEqual([false, false]);
    expect((await listCohorts(db(), w.scopeA, { locale: "nl", now: later })).map((c) => c.overdue)).toEqual([true]);
    expect((await listCohorts(db(), w.scopeA, { locale: "nl", now: NOW })).map((c) => c.overdue)).toEqual([false]);
  });

  it("finds a cohort by its code however it is typed, and an organisation by its own code", async () => {
    const a = await cohortOfA();
    const typed = `${a.joinCode.slice(0, 4).toLowerCase()} - ${a.joinCode.slice(4)}`
      .replace(/1/g, "l")
      .replace(/0/g, "o");
    expect(await resolveJoinCode(db(), typed)).toEqual({
      kind: "cohort",
      cohortId: a.id,
      joinCode: a.joinCode,
      organisationId: w.bankA,
      closed: false,
    });
    expect(await resolveJoinCode(db(), " bankb-2026 ")).toEqual({ kind: "organisation", organisationId: w.bankB });
    expect(await resolveJoinCode(db(), "ZZZZ-ZZZZ")).toBeNull();
    expect(await resolveJoinCode(db(), "")).toBeNull();
    expect(await findCohortByCode(db(), typed, { locale: "en" })).toMatchObject({
      id: a.id,
      organisation: "Bank A",
      closed: false,
      modules: [
        { id: "basis", title: "Title basis" },
        { id: "bank", title: "Title bank" },
      ],
    });
    expect(await findCohortByCode(db(), "BANKB-2026", { locale: "nl" })).toBeNull();
  });

  it("joins the cohort of a code given at sign-up, keeps organisation codes working and refuses closed cohorts", async () => {
    const accounts = createAccounts({ db: db(), now: () => NOW, joinCodes: signUpJoinCodes(learningEvents) });
    const a = await cohortOfA();
    const register = (email: string, joinCode: string) =>
      accounts.registerUser({
        name: "Nieuw",
        email,
        password: PASSWORD,
        locale: "nl",
        sector: "bank",
        joinCode,
        ip: "203.0.113.9",
      });

    const joined = await register("nieuw@example.nl", a.joinCode.toLowerCase());
    if (!joined.ok) throw new Error(joined.error);
    expect(joined.cohortId).toBe(a.id);
    expect(joined.user.organisationId).toBe(w.bankA);
    expect(await db().cohortMember.findMany({ select: { userId: true } })).toEqual([{ userId: joined.user.id }]);

    const legacy = await register("oud@example.nl", "bankb-2026");
    expect(legacy.ok && [legacy.cohortId, legacy.user.organisationId]).toEqual([null, w.bankB]);

    await closeCohort(db(), { scope: w.scopeA, actorId: w.trainerA.id, cohortId: a.id, now: NOW });
    expect(await register("te-laat@example.nl", a.joinCode)).toEqual({ ok: false, error: "cohort_closed" });
    expect(await db().user.count({ where: { email: "te-laat@example.nl" } })).toBe(0);
  });

  it("makes guessing codes at sign-up unproductive: after a run of unknown codes the client waits", async () => {
    const accounts = createAccounts({ db: db(), now: () => NOW, joinCodes: signUpJoinCodes(learningEvents) });
    const a = await cohortOfA();
    const register = (joinCode: string) =>
      accounts.registerUser({
        name: "Gok",
        email: "gok@example.nl",
        password: PASSWORD,
        locale: "nl",
        sector: "bank",
        joinCode,
        ip: "203.0.113.7",
      });
    for (let i = 0; i < JOIN_MISS_RULE.max; i++)
      expect(await register(`ZZZZ-ZZ${String(i).padStart(2, "0")}`)).toEqual({ ok: false, error: "invalid_join_code" });
    const blocked = await register(a.joinCode);
    expect(blocked).toMatchObject({ ok: false, error: "throttled" });
    expect(await db().user.count({ where: { email: "gok@example.nl" } })).toBe(0);
  });
});

describe("learners in a cohort", () => {
  async function withProgress() {
    const a = await cohortOfA({ deadline: "2026-03-20" });
    const anna = await person("Anna");
    const bram = await person("Bram");
    // Anna started the basics and completed the bank module; Bram has not begun.
    await db().enrollment.create({
      data: { userId: anna.id, moduleId: "basis", contentHash: "hash-basis", startedAt: NOW },
    });
    await db().enrollment.create({
      data: {
        userId: anna.id,
        moduleId: "bank",
        contentHash: "hash-bank",
        startedAt: NOW,
        status: "completed",
        completedAt: NOW,
      },
    });
    await db().moduleCompletion.create({
      data: { userId: anna.id, moduleId: "bank", completedAt: NOW, contentHash: "hash-bank" },
    });
    await joinCohort(db(), { userId: anna.id, cohortId: a.id, now: NOW, events: learningEvents });
    await joinCohort(db(), { userId: bram.id, cohortId: a.id, now: NOW, events: learningEvents });
    return { a, anna, bram };
  }

  it("shows names with each learner's status per module, from the report facts", async () => {
    const { a, anna, bram } = await withProgress();
    const detail = await getCohortDetail(db(), w.scopeA, a.id, { locale: "nl" });
    expect(detail?.learners.map((l) => [l.name, l.userId, l.modules.map((m) => `${m.moduleId}:${m.status}`)])).toEqual([
      ["Anna", anna.id, ["basis:started", "bank:completed"]],
      ["Bram", bram.id, ["basis:not_started", "bank:not_started"]],
    ]);
  });

  it("removes a learner's membership but keeps their own progress, and rebuilds the cohort's figures", async () => {
    const { a, anna } = await withProgress();
    expect(
      await removeLearner(db(), {
        scope: w.scopeA,
        actorId: w.trainerA.id,
        cohortId: a.id,
        userId: anna.id,
        now: NOW,
        events: learningEvents,
      }),
    ).toEqual({ ok: true });
    expect(
      await removeLearner(db(), {
        scope: w.scopeA,
        actorId: w.trainerA.id,
        cohortId: a.id,
        userId: anna.id,
        now: NOW,
        events: learningEvents,
      }),
    ).toEqual({ ok: false, error: "not_member" });
    expect((await getCohortDetail(db(), w.all, a.id, { locale: "nl" }))?.learners.map((l) => l.name)).toEqual(["Bram"]);
    expect(await db().enrollment.count({ where: { userId: anna.id } })).toBe(2);
    expect(await db().moduleCompletion.count({ where: { userId: anna.id } })).toBe(1);
    expect(await db().reportFact.count({ where: { userId: anna.id } })).toBe(0);
    expect(await audits(COHORT_AUDIT.learnerRemoved)).toHaveLength(1);
  });

  it("lists a learner's cohorts on Mijn leren with status and overdue modules after the deadline", async () => {
    const { anna } = await withProgress();
    const before = await listMyCohorts(db(), { userId: anna.id, locale: "nl", now: NOW });
    expect(before.map((c) => [c.name, c.modules.map((m) => [m.id, m.status, m.overdue])])).toEqual([
      [
        "Bank A — regio Utrecht — maart",
        [
          ["basis", "started", false],
          ["bank", "completed", false],
        ],
      ],
    ]);
    const after = await listMyCohorts(db(), {
      userId: anna.id,
      locale: "nl",
      now: new Date("2026-03-21T08:00:00.000Z"),
    });
    expect(after[0]?.modules.map((m) => m.overdue)).toEqual([true, false]);
    expect(await listMyCohorts(db(), { userId: w.trainerA.id, locale: "nl", now: NOW })).toEqual([]);
  });
});
