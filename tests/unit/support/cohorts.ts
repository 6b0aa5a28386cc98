import type { PrismaClient } from "@prisma/client";

import type { OrganisationScope } from "../../../app/auth/scope.server";
import type { Role } from "../../../app/domain/constants";
import { createCohort } from "../../../app/organisations/cohorts.server";

/**
 * The cohort tests' world: three modules (one archived), two banks with a trainer each, an
 * administrator, and a helper that creates a cohort for the first bank.
 */

export const NOW = new Date("2026-03-10T10:00:00.000Z");

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

/** The world's helpers on the test database `db` returns; call `setUp` before each test. */
export function cohortWorld(db: () => PrismaClient) {
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

  const w = {} as World;
  async function setUp() {
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
    Object.assign(w, {
      bankA,
      bankB,
      admin,
      trainerA,
      trainerB,
      scopeA: { kind: "organisations", organisationIds: [bankA] },
      scopeB: { kind: "organisations", organisationIds: [bankB] },
      all: { kind: "all" },
    });
  }

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

  return { w, setUp, person, cohortOfA, audits };
}
