import { expect, type Page } from "@playwright/test";

import type { TestUser } from "./db";

/** Logs in through the real form (Dutch UI labels). */
export async function logIn(page: Page, user: Pick<TestUser, "email" | "password">, path = "/inloggen") {
  await page.goto(path);
  await page.getByLabel("E-mailadres").fill(user.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
}
