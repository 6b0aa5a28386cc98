import fs from "node:fs/promises";
import path from "node:path";

import { expect, type Page } from "@playwright/test";

import { zipFixture } from "~/scorm/package/zip-test-support";

import { e2eDb } from "./db";
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
  await page.getByLabel("SCORM-pakket (.zip)").setInputFiles({ name: `${fixture}.zip`, mimeType: "application/zip", buffer: await zipFixture(fixture) });
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
