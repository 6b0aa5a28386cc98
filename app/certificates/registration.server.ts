import type { PrismaClient } from "@prisma/client";

import { isUniqueViolation } from "~/db/errors";
import {
  isRegister,
  normaliseRegistrationNumber,
  REGISTERS,
  type NumberCheck,
  type Register,
} from "~/domain/registers";

/** Enough for someone registered in several professions; stops a form being used as storage. */
export const MAX_NUMBERS_PER_REGISTER = 5;

export interface RegistrationNumberRow {
  id: string;
  register: Register;
  number: string;
}

const registerOrder = (register: string) => (REGISTERS as readonly string[]).indexOf(register);

/** The learner's numbers, in the order of REGISTERS and, within a register, oldest first. */
export async function listRegistrationNumbers(db: PrismaClient, userId: string): Promise<RegistrationNumberRow[]> {
  const rows = await db.registrationNumber.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, register: true, number: true },
  });
  return rows
    .flatMap((row) => (isRegister(row.register) ? [{ ...row, register: row.register }] : []))
    .sort((a, b) => registerOrder(a.register) - registerOrder(b.register));
}

type NumberError = Extract<NumberCheck, { ok: false }>["error"];
export type AddNumberResult =
  { ok: true; id: string; number: string } | { ok: false; error: NumberError | "duplicate" | "too_many" };

/**
 * Stores a number the learner typed, normalised the way PE-online matches it (BIG numbers as 11
 * digits). The same number twice at one register is refused; at two registers it is fine (several
 * registers identify people by their BIG number).
 */
export async function addRegistrationNumber(
  db: PrismaClient,
  { userId, register, input }: { userId: string; register: Register; input: string },
): Promise<AddNumberResult> {
  const check = normaliseRegistrationNumber(register, input);
  if (!check.ok) return check;
  const existing = await db.registrationNumber.findMany({ where: { userId, register }, select: { number: true } });
  if (existing.some((row) => row.number === check.number)) return { ok: false, error: "duplicate" };
  if (existing.length >= MAX_NUMBERS_PER_REGISTER) return { ok: false, error: "too_many" };
  try {
    const created = await db.registrationNumber.create({
      data: { userId, register, number: check.number },
      select: { id: true },
    });
    return { ok: true, id: created.id, number: check.number };
  } catch (error) {
    // The same form sent twice at once: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, error: "duplicate" };
    throw error;
  }
}

/** Removes one of the learner's own numbers; false when it is not theirs or already gone. */
export async function removeRegistrationNumber(
  db: PrismaClient,
  { userId, id }: { userId: string; id: string },
): Promise<boolean> {
  const { count } = await db.registrationNumber.deleteMany({ where: { id, userId } });
  return count > 0;
}

/**
 * Registers the module is accredited by for which the learner has no number yet: the module page
 * tells them before they start, so their attendance can be reported.
 */
export async function missingRegistrationsForModule(
  db: PrismaClient,
  { userId, moduleId }: { userId: string; moduleId: string },
): Promise<Register[]> {
  const [accreditations, numbers] = await Promise.all([
    db.accreditation.findMany({ where: { moduleId }, select: { register: true } }),
    db.registrationNumber.findMany({ where: { userId }, select: { register: true } }),
  ]);
  return missingRegisters(
    accreditations.map((row) => row.register),
    numbers.map((row) => row.register),
  );
}

/** Registers the module is accredited for in which the learner has no registration number, in register order. */
export function missingRegisters(accredited: readonly string[], registered: readonly string[]): Register[] {
  const known = new Set(registered);
  return REGISTERS.filter((register) => accredited.includes(register) && !known.has(register));
}
