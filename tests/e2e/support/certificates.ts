import { randomUUID } from "node:crypto";

import { expect, type Page } from "@playwright/test";

import { issueCertificate } from "~/certificates/issue.server";
import type { Register } from "~/domain/registers";

import { BASICS, correctAnswers, drawnItems, finishLessonsQuickly, startAttempt, submitAttempt } from "./assessment";
import { readZipEntries } from "../../setup/zip";

import { logIn } from "./auth";
import { e2eDb, type TestUser } from "./db";

/** The first module's titles, as the certificate states them. */
export const BASICS_TITLE = { nl: "Sekswerk en stigma: de basis", en: "Sex work and stigma: the basics" } as const;

/**
 * Logs in and completes the first module through the forms (survey skipped, lessons marked done,
 * an attempt answered correctly): the real completion path that issues a certificate. Returns
 * the certificate's code.
 */
export async function completeBasics(page: Page, user: TestUser): Promise<string> {
  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  await finishLessonsQuickly(page);
  const attemptId = await startAttempt(page);
  await submitAttempt(page, correctAnswers(await drawnItems(attemptId)));
  await expect(page.getByRole("status")).toContainText("Gefeliciteerd, je bent geslaagd!");
  const certificate = await e2eDb().certificate.findFirstOrThrow({
    where: { userId: user.id, moduleId: BASICS.slug, attemptId },
    select: { code: true },
  });
  return certificate.code;
}

/**
 * A certificate for the first module issued straight through the issuing function, for tests
 * whose subject is what happens afterwards (faster than taking the module).
 */
export async function issueBasicsCertificate(userId: string, completedAt = new Date()): Promise<string> {
  const issued = await issueCertificate(e2eDb(), {
    userId,
    moduleId: BASICS.slug,
    attemptId: null,
    completedAt,
    now: new Date(),
  });
  if (!issued) throw new Error(`no certificate issued for ${userId}`);
  return issued.code;
}

/** Accredits a module for a register (or updates it), as the admin page would. */
export async function accredit(moduleId: string, register: Register, accreditationId: string, points: number) {
  await e2eDb().accreditation.upsert({
    where: { moduleId_register: { moduleId, register } },
    create: { moduleId, register, accreditationId, points },
    update: { accreditationId, points },
  });
}

export async function setValidity(moduleId: string, validityMonths: number | null, reminderDays = 30) {
  await e2eDb().moduleCertification.upsert({
    where: { moduleId },
    create: { moduleId, validityMonths, reminderDays },
    update: { validityMonths, reminderDays },
  });
}

/** Back to a module without accreditation or validity, so other spec files see it as they expect. */
export async function removeCertificationSettings(moduleId: string) {
  await e2eDb().accreditation.deleteMany({ where: { moduleId } });
  await e2eDb().moduleCertification.deleteMany({ where: { moduleId } });
}

export async function createOrganisation(name: string) {
  return e2eDb().organisation.create({
    data: { name, sector: "bank", joinCode: `E2E-${randomUUID().slice(0, 8)}` },
    select: { id: true, name: true },
  });
}

/** A well-formed certificate code that no certificate has. */
export async function unusedCode(): Promise<string> {
  const candidates = ["ZZZZ-ZZZZ-ZZZZ-ZZZZ", "YYYY-YYYY-YYYY-YYYY", "XXXX-XXXX-XXXX-XXXX"];
  for (const code of candidates) {
    if (!(await e2eDb().certificate.findUnique({ where: { code }, select: { id: true } }))) return code;
  }
  throw new Error("every candidate code is taken");
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** The entries of a ZIP file, each with its data inflated, in archive order. */
export async function readZip(zip: Buffer): Promise<ZipEntry[]> {
  return [...(await readZipEntries(zip))].map(([name, data]) => ({ name, data }));
}
