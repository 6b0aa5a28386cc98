import fs from "node:fs/promises";
import path from "node:path";

import { expect, type Page } from "@playwright/test";

import { zipFixture } from "~/scorm/package/zip-test-support";

import { readZipEntries } from "../../setup/zip";

import { e2eDb } from "./db";
import { E2E_ORIGIN } from "./env";
import { E2E_SCORM_DIR as E2E_SCORM_DIR_SETTING } from "./env";

/** Where the e2e server keeps packages (playwright.config.ts sets SCORM_PACKAGE_DIR per port). */
export const E2E_SCORM_DIR = path.resolve(E2E_SCORM_DIR_SETTING);

/** Everything in the package folder (hidden work folders included), to prove an upload left nothing. */
export async function scormDirectoryEntries(): Promise<string[]> {
  try {
    return (await fs.readdir(E2E_SCORM_DIR, { recursive: true })).sort();
  } catch {
    return [];
  }
}

/**
 * Uploads a fixture folder (tests/fixtures/scorm/<fixture>, zipped now) through the admin form
 * and returns the new module's id, read from the edit page it lands on.
 */
export async function uploadScormFixture(page: Page, fixture: string): Promise<string> {
  await page.goto("/beheer/scorm");
  await page
    .getByLabel("SCORM-pakket (.zip)")
    .setInputFiles({ name: `${fixture}.zip`, mimeType: "application/zip", buffer: await zipFixture(fixture) });
  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(page).toHaveURL(/\/beheer\/scorm\/[^/?]+\?geimporteerd=1$/);
  const moduleId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
  expect(await e2eDb().scormPackage.count({ where: { moduleId } })).toBe(1);
  return moduleId;
}

/** The learner's stored cmi data for a SCO, for checking what reached the server. */
export async function storedCmi(userId: string, scoTitle: string, moduleId: string): Promise<Record<string, string>> {
  const attempt = await e2eDb().scormAttempt.findFirst({
    where: { userId, sco: { title: scoTitle, package: { moduleId } } },
    select: { cmi: true },
  });
  return attempt ? (JSON.parse(attempt.cmi) as Record<string, string>) : {};
}

/** Names of the entries of a ZIP held in memory (throws on anything that is not a ZIP). */
export async function zipEntryNames(zip: Buffer): Promise<string[]> {
  return [...(await readZipEntries(zip)).keys()].sort();
}

/** One entry of a ZIP held in memory, as text. */
export async function zipEntryText(zip: Buffer, name: string): Promise<string> {
  const data = (await readZipEntries(zip)).get(name);
  if (!data) throw new Error(`${name} is not in the ZIP`);
  return data.toString("utf8");
}

/** Like uploadScormFixture, for a package already zipped (a SCORM export, say). */
export async function uploadScormZip(page: Page, fileName: string, zip: Buffer): Promise<string> {
  await page.goto("/beheer/scorm");
  await page
    .getByLabel("SCORM-pakket (.zip)")
    .setInputFiles({ name: fileName, mimeType: "application/zip", buffer: zip });
  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(page).toHaveURL(/\/beheer\/scorm\/[^/?]+\?geimporteerd=1$/);
  return decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
}

/**
 * The request the upload form makes with JavaScript (a multipart POST to /beheer/scorm/upload,
 * answered with JSON), in the admin's session: faster than the form for many packages.
 */
export async function postScormZip(page: Page, fileName: string, zip: Buffer): Promise<string> {
  // UPLOAD_ENDPOINT of app/components/scorm-upload-form.tsx (a React module, not imported here).
  const response = await page.request.post("/beheer/scorm/upload", {
    headers: { Origin: E2E_ORIGIN },
    multipart: { package: { name: fileName, mimeType: "application/zip", buffer: zip } },
  });
  const answer = (await response.json()) as { ok: boolean; redirectTo?: string; message?: string };
  expect(answer, `${fileName}: ${answer.message ?? ""}`).toMatchObject({ ok: true });
  expect(response.status()).toBe(200);
  return decodeURIComponent(new URL(answer.redirectTo!, E2E_ORIGIN).pathname.split("/").at(-1)!);
}

/**
 * Publishes an imported SCORM module (imports start as drafts), as an administrator does after
 * review with "Publiceren in de catalogus"; scorm.spec.ts walks that button itself.
 */
export async function publishScormModule(moduleId: string): Promise<void> {
  await e2eDb().module.update({ where: { id: moduleId }, data: { draft: false, archived: false } });
}

/**
 * Removes imported SCORM modules completely: their package folders and their rows (the package,
 * SCOs, attempts, completions and certificates go with the module), so later specs see the
 * catalogue as it was.
 */
export async function removeScormModules(moduleIds: readonly string[]): Promise<void> {
  if (moduleIds.length === 0) return;
  const db = e2eDb();
  const packages = await db.scormPackage.findMany({
    where: { moduleId: { in: [...moduleIds] } },
    select: { storageKey: true },
  });
  await Promise.all(
    packages.map((pkg) => fs.rm(path.join(E2E_SCORM_DIR, pkg.storageKey), { recursive: true, force: true })),
  );
  const where = { moduleId: { in: [...moduleIds] } };
  await db.$transaction([
    db.reportFact.deleteMany({ where }),
    db.reportRollup.deleteMany({ where }),
    db.itemRollup.deleteMany({ where }),
    db.attitudeRollup.deleteMany({ where }),
    db.module.deleteMany({ where: { id: { in: [...moduleIds] } } }),
  ]);
}
