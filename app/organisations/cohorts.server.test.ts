import type * as NodeCrypto from "node:crypto";

import { beforeEach, describe, expect, it, vi } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { cohortWorld, NOW } from "../../tests/unit/support/cohorts";
import { learningEvents } from "~/learning-events.server";

import { joinCohort, removeLearner } from "./cohort-membership.server";
import { getCohortDetail } from "./cohort-progress.server";
import { COHORT_AUDIT, closeCohort, createCohort, listCohorts, reopenCohort } from "./cohorts.server";

// Queued byte strings make the next join codes predictable (to force a collision); otherwise real randomness.
const random = vi.hoisted(() => ({ queue: [] as Buffer[] }));
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return { ...actual, randomBytes: (size: number) => random.queue.shift() ?? actual.randomBytes(size) };
});

const database = useTestDatabase();
const db = () => database.prisma;
const { w, setUp, person, cohortOfA, audits } = cohortWorld(db);

beforeEach(async () => {
  random.queue.length = 0;
  await setUp();
});

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
    expect(await attempt({ deadline: "31-02-2026" })).toEqual({
      ok: false,
      fieldErrors: { deadline: "cohorts.deadlineInvalid" },
    });
    // Today itself is still allowed, typed the Dutch way too.
    expect((await attempt({ deadline: "2026-03-10" })).ok).toBe(true);
    expect((await attempt({ deadline: "10-3-2026" })).ok).toBe(true);
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
      (await listCohorts(db(), w.scopeB, { locale: "en", now: NOW })).map((c) => [
        c.name,
        c.modules.map((m) => m.title),
      ]),
    ).toEqual([["Bank B — najaar", ["Title bank"]]]);
    expect((await listCohorts(db(), w.all, { locale: "nl", now: NOW })).map((c) => c.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect(await listCohorts(db(), { kind: "organisations", organisationIds: [] }, { locale: "nl", now: NOW })).toEqual(
      [],
    );

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
