import fs from "node:fs/promises";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { zipEntries } from "~/scorm/package/zip-test-support";
import {
  FORCED_SEQUENTIAL,
  NEVER_INITIALISES,
  ONLY_INITIALISE_FINISH_12,
  packageFiles,
  type TestPackage,
} from "~/scorm/sequencing/test-packages";

import { logIn } from "./support/auth";
import { createTestUser, e2eDb } from "./support/db";
import { E2E_SCORM_DIR } from "./support/scorm";

/*
 * Sequencing and the LMS's own status rules, played in Chromium with packages generated from the
 * specifications (app/scorm/sequencing/test-packages.ts).
 */
test.describe.configure({ mode: "serial" });

const imported: string[] = [];

test.afterAll(async () => {
  const packages = await e2eDb().scormPackage.findMany({
    where: { moduleId: { in: imported } },
    select: { storageKey: true },
  });
  await Promise.all(
    packages.map((pkg) => fs.rm(path.join(E2E_SCORM_DIR, pkg.storageKey), { recursive: true, force: true })),
  );
});

async function importPackage(page: Page, pkg: TestPackage): Promise<string> {
  const admin = await createTestUser({ role: "admin" });
  await logIn(page, admin);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  await page.goto("/beheer/scorm");
  await page
    .getByLabel("SCORM-pakket (.zip)")
    .setInputFiles({ name: "package.zip", mimeType: "application/zip", buffer: await zipEntries(packageFiles(pkg)) });
  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(page).toHaveURL(/\/beheer\/scorm\/[^/?]+\?geimporteerd=1$/);
  const moduleId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
  imported.push(moduleId);
  // Imports start as drafts: the administrator publishes it after review.
  await page.getByRole("button", { name: "Publiceren in de catalogus" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Het pakket is gepubliceerd" })).toBeVisible();
  await page.context().clearCookies();
  return moduleId;
}

async function learnerOn(page: Page) {
  const learner = await createTestUser({ name: "Sam Volgorde" });
  await logIn(page, learner);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  return learner;
}

const sco = (page: Page) => page.frameLocator("iframe.scorm-frame");

function attempt(userId: string, moduleId: string, itemId: string) {
  return e2eDb().scormAttempt.findFirst({
    where: { userId, sco: { itemId, package: { moduleId } } },
    select: { completion: true, success: true },
  });
}

test("forced sequential: only the next part is offered, and the root rollup completes the module", async ({ page }) => {
  const moduleId = await importPackage(page, FORCED_SEQUENTIAL);
  const learner = await learnerOn(page);
  const third = await e2eDb().scormSco.findFirstOrThrow({ where: { itemId: "THREE", package: { moduleId } } });

  // Asking for the third part delivers the first: choice is off.
  await page.goto(`/modules/${moduleId}/speler/${third.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Part one" })).toBeVisible();
  const toc = page.getByRole("navigation", { name: "Onderdelen" });
  await expect(toc.getByRole("link", { name: "Part three" })).toHaveCount(0);
  await expect(toc.getByText("Part three")).toContainText("nog niet beschikbaar");
  await expect(page.getByRole("button", { name: "Vorige" })).toHaveCount(0);

  for (const [title, next] of [
    ["Part one", "Part two"],
    ["Part two", "Part three"],
  ] as const) {
    await expect(sco(page).locator("#state")).toHaveText("reported");
    await sco(page).getByRole("button", { name: "Finish" }).click();
    await page.getByRole("button", { name: "Volgende" }).click();
    await expect(page.getByRole("heading", { level: 1, name: next })).toBeVisible();
    expect(await attempt(learner.id, moduleId, title === "Part one" ? "ONE" : "TWO")).toMatchObject({
      completion: "completed",
    });
  }
  await expect(sco(page).locator("#state")).toHaveText("reported");
  await sco(page).getByRole("button", { name: "Finish" }).click();
  await expect(page.getByText("Je hebt de module afgerond. Je certificaat staat klaar.")).toBeVisible();
  const state = await e2eDb().scormSequencing.findFirstOrThrow({
    where: { userId: learner.id, package: { moduleId } },
  });
  expect(state).toMatchObject({ rootCompletion: "completed" });
  expect(await e2eDb().certificate.count({ where: { userId: learner.id, moduleId } })).toBe(1);
});

test("a SCORM 2004 SCO that never initialises is completed and satisfied when its attempt ends", async ({ page }) => {
  const moduleId = await importPackage(page, NEVER_INITIALISES);
  const learner = await learnerOn(page);
  await page.goto(`/modules/${moduleId}`);
  await page.getByRole("link", { name: "Begin met de module" }).click();
  await expect(sco(page).locator("#state")).toHaveText("silent");
  expect(await e2eDb().moduleCompletion.count({ where: { userId: learner.id, moduleId } })).toBe(0);
  await page.getByRole("button", { name: "Onderdeel afsluiten" }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${moduleId}$`));
  expect(await attempt(learner.id, moduleId, "SILENT")).toEqual({ completion: "completed", success: "passed" });
  expect(await e2eDb().moduleCompletion.count({ where: { userId: learner.id, moduleId } })).toBe(1);
});

test("a SCORM 1.2 SCO with only LMSInitialize and LMSFinish is completed", async ({ page }) => {
  const moduleId = await importPackage(page, ONLY_INITIALISE_FINISH_12);
  const learner = await learnerOn(page);
  await page.goto(`/modules/${moduleId}`);
  await page.getByRole("link", { name: "Begin met de module" }).click();
  await expect(sco(page).locator("#state")).toHaveText("initialised");
  await sco(page).getByRole("button", { name: "Finish" }).click();
  await expect(page.getByText("Je hebt de module afgerond. Je certificaat staat klaar.")).toBeVisible();
  expect(await attempt(learner.id, moduleId, "BARE")).toMatchObject({ completion: "completed" });
});
