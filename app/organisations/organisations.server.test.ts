import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import type { Role } from "~/domain/constants";

import {
  ORGANISATION_AUDIT,
  appointTrainer,
  createOrganisation,
  getOrganisation,
  listOrganisations,
  listSwadWideTrainers,
  removeTrainer,
  setSwadWide,
  updateOrganisation,
} from "./organisations.server";
import { organisationScopeFor } from "~/auth/scope.server";

const database = useTestDatabase();
const db = () => database.prisma;

let counter = 0;
async function person(name: string, role: Role, organisationId: string | null = null) {
  counter++;
  return db().user.create({
    data: {
      email: `org-${counter}@example.nl`,
      name,
      role,
      locale: "nl",
      sector: "bank",
      passwordHash: "x",
      organisationId,
    },
    select: { id: true, email: true, name: true, role: true },
  });
}

async function auditActions() {
  return (await db().auditLog.findMany({ orderBy: { id: "asc" } })).map(
    (row) => [row.action, JSON.parse(row.details) as Record<string, unknown>] as const,
  );
}

describe("organisations", () => {
  it("creates an organisation and lists it with its learners, cohorts and trainers", async () => {
    const admin = await person("Beheerder", "admin");
    const { id } = await createOrganisation(db(), { actorId: admin.id, input: { name: "Bank Oost", sector: "bank" } });
    await createOrganisation(db(), { actorId: admin.id, input: { name: "Aemstel Zorg", sector: "care" } });
    await person("Deelnemer 1", "learner", id);
    await person("Deelnemer 2", "learner", id);
    const trainer = await person("Trainer", "trainer", id);
    await db().organisationTrainer.create({ data: { organisationId: id, userId: trainer.id } });
    await db().cohort.create({ data: { organisationId: id, name: "Voorjaar", joinCode: "ABCD2345" } });

    expect(await listOrganisations(db())).toEqual([
      { id: expect.any(String), name: "Aemstel Zorg", sector: "care", learners: 0, cohorts: 0, trainers: 0 },
      { id, name: "Bank Oost", sector: "bank", learners: 2, cohorts: 1, trainers: 1 },
    ]);
    expect((await auditActions())[0]).toEqual([
      ORGANISATION_AUDIT.created,
      { organisationId: id, name: "Bank Oost", sector: "bank" },
    ]);
  });

  it("changes name and sector with an audit entry, and reports an unknown id", async () => {
    const admin = await person("Beheerder", "admin");
    const { id } = await createOrganisation(db(), {
      actorId: admin.id,
      input: { name: "Gemeente X", sector: "municipality" },
    });
    expect(
      await updateOrganisation(db(), { actorId: admin.id, id, input: { name: "Gemeente Y", sector: "government" } }),
    ).toEqual({ ok: true });
    expect(await getOrganisation(db(), id)).toMatchObject({ name: "Gemeente Y", sector: "government", trainers: [] });
    // Saving the same values again writes no audit entry.
    await updateOrganisation(db(), { actorId: admin.id, id, input: { name: "Gemeente Y", sector: "government" } });
    expect((await auditActions()).map(([action]) => action)).toEqual([
      ORGANISATION_AUDIT.created,
      ORGANISATION_AUDIT.updated,
    ]);
    expect(
      await updateOrganisation(db(), { actorId: admin.id, id: "nope", input: { name: "Z", sector: "other" } }),
    ).toEqual({ ok: false, error: "not_found" });
    expect(await getOrganisation(db(), "nope")).toBeNull();
  });
});

describe("trainers", () => {
  it("appoints a trainer by e-mail once, and removes the appointment", async () => {
    const admin = await person("Beheerder", "admin");
    const { id } = await createOrganisation(db(), {
      actorId: admin.id,
      input: { name: "Politie Noord", sector: "police" },
    });
    const trainer = await person("Tess Trainer", "trainer");

    expect(
      await appointTrainer(db(), { actorId: admin.id, organisationId: id, email: ` ${trainer.email.toUpperCase()} ` }),
    ).toEqual({ ok: true, name: "Tess Trainer" });
    expect(await appointTrainer(db(), { actorId: admin.id, organisationId: id, email: trainer.email })).toEqual({
      ok: true,
      name: "Tess Trainer",
    });
    expect((await getOrganisation(db(), id))?.trainers.map((t) => t.id)).toEqual([trainer.id]);
    expect(await organisationScopeFor(db(), { id: trainer.id, role: "trainer" })).toEqual({
      kind: "organisations",
      organisationIds: [id],
    });

    expect(await removeTrainer(db(), { actorId: admin.id, organisationId: id, userId: trainer.id })).toEqual({
      ok: true,
    });
    expect(await removeTrainer(db(), { actorId: admin.id, organisationId: id, userId: trainer.id })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await organisationScopeFor(db(), { id: trainer.id, role: "trainer" })).toEqual({
      kind: "organisations",
      organisationIds: [],
    });
    expect((await auditActions()).slice(1)).toEqual([
      [ORGANISATION_AUDIT.trainerAppointed, { organisationId: id, userId: trainer.id }],
      [ORGANISATION_AUDIT.trainerRemoved, { organisationId: id, userId: trainer.id }],
    ]);
  });

  it("refuses learners, administrators, unknown addresses and unknown organisations, storing nothing", async () => {
    const admin = await person("Beheerder", "admin");
    const { id } = await createOrganisation(db(), { actorId: admin.id, input: { name: "Bank", sector: "bank" } });
    const learner = await person("Lotte Leerling", "learner");
    const trainer = await person("Tess Trainer", "trainer");
    expect(await appointTrainer(db(), { actorId: admin.id, organisationId: id, email: learner.email })).toEqual({
      ok: false,
      error: "not_trainer",
      name: "Lotte Leerling",
    });
    expect(await appointTrainer(db(), { actorId: admin.id, organisationId: id, email: admin.email })).toEqual({
      ok: false,
      error: "is_admin",
      name: "Beheerder",
    });
    expect(await appointTrainer(db(), { actorId: admin.id, organisationId: id, email: "niemand@example.nl" })).toEqual({
      ok: false,
      error: "unknown_user",
    });
    expect(await appointTrainer(db(), { actorId: admin.id, organisationId: "nope", email: trainer.email })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await db().organisationTrainer.count()).toBe(0);
    expect((await auditActions()).map(([action]) => action)).toEqual([ORGANISATION_AUDIT.created]);
  });

  it("marks a trainer SWAD-wide and back, which widens and narrows their scope", async () => {
    const admin = await person("Beheerder", "admin");
    const trainer = await person("Sam SWAD", "trainer");
    const learner = await person("Lotte Leerling", "learner");
    expect(await setSwadWide(db(), { actorId: admin.id, email: trainer.email, swadWide: true })).toEqual({
      ok: true,
      name: "Sam SWAD",
    });
    expect(await setSwadWide(db(), { actorId: admin.id, email: trainer.email, swadWide: true })).toEqual({
      ok: true,
      name: "Sam SWAD",
    });
    expect((await listSwadWideTrainers(db())).map((t) => t.id)).toEqual([trainer.id]);
    expect(await organisationScopeFor(db(), { id: trainer.id, role: "trainer" })).toEqual({ kind: "all" });

    expect(await setSwadWide(db(), { actorId: admin.id, email: trainer.email, swadWide: false })).toEqual({
      ok: true,
      name: "Sam SWAD",
    });
    expect(await listSwadWideTrainers(db())).toEqual([]);
    expect(await organisationScopeFor(db(), { id: trainer.id, role: "trainer" })).toEqual({
      kind: "organisations",
      organisationIds: [],
    });

    expect(await setSwadWide(db(), { actorId: admin.id, email: learner.email, swadWide: true })).toEqual({
      ok: false,
      error: "not_trainer",
      name: "Lotte Leerling",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: learner.id } })).allOrganisations).toBe(false);
    expect(await auditActions()).toEqual([
      [ORGANISATION_AUDIT.swadWideSet, { userId: trainer.id }],
      [ORGANISATION_AUDIT.swadWideUnset, { userId: trainer.id }],
    ]);
  });
});
