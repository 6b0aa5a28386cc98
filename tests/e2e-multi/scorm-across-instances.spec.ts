import { expect, test, type Page } from "@playwright/test";

import { logIn } from "../e2e/support/auth";
import { createTestUser } from "../e2e/support/db";
import { removeScormModules, storedCmi, uploadScormFixture } from "../e2e/support/scorm";

import { nginxRequestCount, pinToInstance } from "./support/instances";

/** The SCO's document inside the player. */
const sco = (page: Page) => page.frameLocator("iframe.scorm-frame");

test("a SCORM package imported and published on instance A plays through instance B", async ({ browser }) => {
  const admin = await createTestUser({ role: "admin", name: "Bea Beheerder" });
  const learner = await createTestUser({ name: "Lotte Leerling" });
  const nginxBefore = await nginxRequestCount();

  // The admin works on instance A only: the upload lands in A's process, the unpacked package in
  // the shared storage directory.
  const adminContext = await browser.newContext();
  await pinToInstance(adminContext, "a");
  const adminPage = await adminContext.newPage();
  await logIn(adminPage, admin);
  await expect(adminPage).toHaveURL(/\/mijn-leren$/);
  const moduleId = await uploadScormFixture(adminPage, "player-12");
  await adminPage.getByLabel("Titel", { exact: true }).fill("Praten over sekswerk (twee instanties)");
  await adminPage.getByRole("button", { name: "Opslaan" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "De wijzigingen zijn opgeslagen." })).toBeVisible();
  await adminPage.getByRole("button", { name: "Publiceren in de catalogus" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Het pakket is gepubliceerd" })).toBeVisible();
  await adminContext.close();

  // The learner works on instance B only: catalogue, player, package files and commits.
  const learnerContext = await browser.newContext();
  await pinToInstance(learnerContext, "b");
  const page = await learnerContext.newPage();
  await logIn(page, learner);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  await page.goto("/modules");
  await page.getByRole("link", { name: "Praten over sekswerk (twee instanties)" }).click();
  await page.getByRole("link", { name: "Begin met de module" }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${moduleId}/speler/`));
  await expect(sco(page).locator("#entry")).toHaveText("ab-initio");
  await expect(sco(page).locator("#launch-data")).toHaveText("hoofdstuk=1");

  await sco(page).getByLabel("Notitie").fill("bewaard via instantie B");
  await sco(page).getByRole("button", { name: "Pauzeren" }).click();
  await expect(sco(page).locator("#message")).toHaveText("gepauzeerd");
  await expect
    .poll(async () => (await storedCmi(learner.id, "Praten over sekswerk", moduleId))["cmi.suspend_data"])
    .toBe("bewaard via instantie B");
  await learnerContext.close();

  // Nothing went through nginx: A took the upload, B served the package it never received.
  expect(await nginxRequestCount()).toBe(nginxBefore);
  await removeScormModules([moduleId]);
});
