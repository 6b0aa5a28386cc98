import type { Prisma, PrismaClient } from "@prisma/client";

import { writeAudit } from "~/db/audit.server";
import { normalizeEmail } from "~/auth/accounts.server";
import { bumpReportGeneration } from "~/reports/report-cache.server";

import type { OrganisationInput } from "./schemas";

/**
 * Organisations and the trainers appointed to them, managed by administrators. Every change is
 * written to the audit log together with the change itself.
 */

export const ORGANISATION_AUDIT = {
  created: "organisation.created",
  updated: "organisation.updated",
  trainerAppointed: "organisation.trainer_appointed",
  trainerRemoved: "organisation.trainer_removed",
  swadWideSet: "trainer.swad_wide_set",
  swadWideUnset: "trainer.swad_wide_unset",
} as const;

export interface OrganisationListRow {
  id: string;
  name: string;
  sector: string;
  learners: number;
  cohorts: number;
  trainers: number;
}

export async function listOrganisations(db: PrismaClient): Promise<OrganisationListRow[]> {
  const rows = await db.organisation.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      sector: true,
      _count: { select: { users: { where: { role: "learner" } }, cohorts: true, trainers: true } },
    },
  });
  return rows.map(({ _count, ...row }) => ({
    ...row,
    learners: _count.users,
    cohorts: _count.cohorts,
    trainers: _count.trainers,
  }));
}

export interface TrainerRow {
  id: string;
  name: string;
  email: string;
  allOrganisations: boolean;
}

const TRAINER_SELECT = { id: true, name: true, email: true, allOrganisations: true } as const;

export async function listSwadWideTrainers(db: PrismaClient): Promise<TrainerRow[]> {
  return db.user.findMany({
    where: { role: "trainer", allOrganisations: true },
    orderBy: { name: "asc" },
    select: TRAINER_SELECT,
  });
}

/** Trainers that could be appointed or marked SWAD-wide, for the e-mail suggestions. */
export async function listTrainers(db: PrismaClient): Promise<TrainerRow[]> {
  return db.user.findMany({ where: { role: "trainer" }, orderBy: { name: "asc" }, select: TRAINER_SELECT });
}

export interface OrganisationDetail {
  id: string;
  name: string;
  sector: string;
  joinCode: string | null;
  trainers: TrainerRow[];
}

export async function getOrganisation(db: PrismaClient, id: string): Promise<OrganisationDetail | null> {
  const row = await db.organisation.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      sector: true,
      joinCode: true,
      trainers: { orderBy: { user: { name: "asc" } }, select: { user: { select: TRAINER_SELECT } } },
    },
  });
  if (!row) return null;
  return { ...row, trainers: row.trainers.map((t) => t.user) };
}

export async function createOrganisation(
  db: PrismaClient,
  { actorId, input }: { actorId: string; input: OrganisationInput },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const created = await tx.organisation.create({
      data: { name: input.name, sector: input.sector },
      select: { id: true },
    });
    // The dashboard's cached filter choices list organisations.
    await bumpReportGeneration(tx);
    await writeAudit(tx, {
      actorId,
      action: ORGANISATION_AUDIT.created,
      details: {
        organisationId: created.id,
        name: input.name,
        sector: input.sector,
      },
    });
    return created;
  });
}

export async function updateOrganisation(
  db: PrismaClient,
  { actorId, id, input }: { actorId: string; id: string; input: OrganisationInput },
): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  return db.$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({ where: { id }, select: { name: true, sector: true } });
    if (!before) return { ok: false, error: "not_found" } as const;
    if (before.name === input.name && before.sector === input.sector) return { ok: true } as const;
    await tx.organisation.update({ where: { id }, data: { name: input.name, sector: input.sector } });
    // Cached dashboard views name organisations and filter by sector.
    await bumpReportGeneration(tx);
    await writeAudit(tx, {
      actorId,
      action: ORGANISATION_AUDIT.updated,
      details: { organisationId: id, from: before, to: input },
    });
    return { ok: true } as const;
  });
}

/**
 * Why a person cannot be made a trainer here: nobody has that address, they are a learner (an
 * administrator changes the role on /beheer/gebruikers first), or they are an administrator
 * (who sees every organisation already).
 */
export type TrainerError = "unknown_user" | "not_trainer" | "is_admin";

async function trainerByEmail(
  db: Prisma.TransactionClient,
  email: string,
): Promise<{ ok: true; user: { id: string; name: string } } | { ok: false; error: TrainerError; name?: string }> {
  const user = await db.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, name: true, role: true },
  });
  if (!user) return { ok: false, error: "unknown_user" };
  if (user.role === "admin") return { ok: false, error: "is_admin", name: user.name };
  if (user.role !== "trainer") return { ok: false, error: "not_trainer", name: user.name };
  return { ok: true, user };
}

export type AppointResult =
  { ok: true; name: string } | { ok: false; error: TrainerError | "not_found"; name?: string };

/** Appoints the trainer with this e-mail address to the organisation (again: no change). */
export async function appointTrainer(
  db: PrismaClient,
  { actorId, organisationId, email }: { actorId: string; organisationId: string; email: string },
): Promise<AppointResult> {
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
    if (!organisation) return { ok: false, error: "not_found" } as const;
    const found = await trainerByEmail(tx, email);
    if (!found.ok) return found;
    const key = { organisationId_userId: { organisationId, userId: found.user.id } };
    if (await tx.organisationTrainer.findUnique({ where: key, select: { userId: true } }))
      return { ok: true, name: found.user.name } as const;
    await tx.organisationTrainer.create({ data: { organisationId, userId: found.user.id } });
    await writeAudit(tx, {
      actorId,
      action: ORGANISATION_AUDIT.trainerAppointed,
      details: { organisationId, userId: found.user.id },
    });
    return { ok: true, name: found.user.name } as const;
  });
}

export async function removeTrainer(
  db: PrismaClient,
  { actorId, organisationId, userId }: { actorId: string; organisationId: string; userId: string },
): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.organisationTrainer.deleteMany({ where: { organisationId, userId } });
    if (count === 0) return { ok: false, error: "not_found" } as const;
    await writeAudit(tx, { actorId, action: ORGANISATION_AUDIT.trainerRemoved, details: { organisationId, userId } });
    return { ok: true } as const;
  });
}

/** Marks a trainer SWAD-wide (sees every organisation) or undoes it. */
export async function setSwadWide(
  db: PrismaClient,
  { actorId, email, swadWide }: { actorId: string; email: string; swadWide: boolean },
): Promise<{ ok: true; name: string } | { ok: false; error: TrainerError; name?: string }> {
  return db.$transaction(async (tx) => {
    const found = await trainerByEmail(tx, email);
    if (!found.ok) return found;
    const updated = await tx.user.updateMany({
      where: { id: found.user.id, allOrganisations: !swadWide },
      data: { allOrganisations: swadWide },
    });
    if (updated.count > 0) {
      await writeAudit(tx, {
        actorId,
        action: swadWide ? ORGANISATION_AUDIT.swadWideSet : ORGANISATION_AUDIT.swadWideUnset,
        details: {
          userId: found.user.id,
        },
      });
    }
    return { ok: true, name: found.user.name } as const;
  });
}
