import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { logIn } from "./support/auth";
import { createTestUser } from "./support/db";

test("the catalogue puts the chosen sector first and keeps every module reachable", async ({ page }) => {
  await page.goto("/modules");
  const allTitles = await page.getByRole("heading", { level: 3 }).allInnerTexts();
  expect(allTitles.length).toBeGreaterThanOrEqual(7);

  await page.getByLabel("Toon modules voor").selectOption("care");
  await page.getByRole("button", { name: "Toon", exact: true }).click();
  await expect(page).toHaveURL(/\?sector=care$/);
  const forCare = page.getByRole("region", { name: "Voor de sector Zorg" });
  await expect(forCare.getByRole("link", { name: "Zorg", exact: true })).toBeVisible();
  await expect(forCare.getByRole("link", { name: "Politie", exact: true })).toHaveCount(0);
  await expect(
    page.getByRole("region", { name: "Andere modules" }).getByRole("link", { name: "Politie", exact: true }),
  ).toBeVisible();
  expect((await page.getByRole("heading", { level: 3 }).allInnerTexts()).sort()).toEqual([...allTitles].sort());
  await expectAccessible(page);
});

test("changing the password ends the learner's other sessions", async ({ page, browser }) => {
  const user = await createTestUser();
  const otherDevice = await browser.newContext();
  const otherPage = await otherDevice.newPage();
  await logIn(otherPage, user);
  await expect(otherPage).toHaveURL(/\/mijn-leren$/);

  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  await page.goto("/account");
  await page.getByLabel("Huidig wachtwoord").fill("niet mijn wachtwoord");
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("een nieuw lang wachtwoord");
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("een nieuw lang wachtwoord");
  await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(page.getByText("Je huidige wachtwoord klopt niet.")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Huidig wachtwoord").fill(user.password);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("een nieuw lang wachtwoord");
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("een nieuw lang wachtwoord");
  await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(page.getByRole("status")).toContainText("Je wachtwoord is gewijzigd");

  // This device continues in a new session; the other one is logged out.
  await page.goto("/mijn-leren");
  await expect(page).toHaveURL(/\/mijn-leren$/);
  await otherPage.goto("/mijn-leren");
  await expect(otherPage).toHaveURL(/\/inloggen\?.*verlopen=1/);
  await otherDevice.close();
});
