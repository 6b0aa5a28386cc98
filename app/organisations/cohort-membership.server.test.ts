import { beforeEach, describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { cohortWorld, NOW } from "../../tests/unit/support/cohorts";
import { createAccounts } from "~/auth/accounts.server";
import { learningEvents } from "~/learning-events.server";

import { findCohortByCode, joinCohort, resolveJoinCode } from "./cohort-membership.server";
import { listMyCohorts } from "./cohort-progress.server";
import { COHORT_AUDIT, closeCohort, listCohorts, reopenCohort } from "./cohorts.server";
import { JOIN_MISS_RULE } from "./join-throttle.server";
import { signUpJoinCodes } from "./sign-up.server";

const database = useTestDatabase();
const db = () => database.prisma;
const { w, setUp, person, cohortOfA, audits } = cohortWorld(db);

beforeEach(setUp);

const PASSWORD = "een-lang-wachtwoord";

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
