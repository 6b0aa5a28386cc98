import { expect, test } from "@playwright/test";

import { readOutbox } from "~/mail/mailer.server";

import { expectAccessible } from "./support/a11y";
import { logIn, mailLinkFor } from "./support/auth";
import { createTestUser } from "./support/db";
import { E2E_OUTBOX } from "./support/env";

function resetLinkFor(email: string): Promise<string> {
  return mailLinkFor(email, /wachtwoord-herstellen\?token=[\w-]+/);
}

test("a forgotten password is reset through the link in the mail", async ({ page }) => {
  const user = await createTestUser();
  const newPassword = "mijn nieuwe wachtwoordzin";

  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill(user.email);
  await page.getByRole("button", { name: "Stuur de link" }).click();
  await expect(page.getByRole("status")).toContainText("Als er een account bij dit e-mailadres hoort");

  const link = await resetLinkFor(user.email);
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expectAccessible(page);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(newPassword);
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("iets anders dan dat");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByText("De twee wachtwoorden zijn niet gelijk.")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(newPassword);
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill(newPassword);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page).toHaveURL(/\/inloggen\?hersteld=1$/);
  await expect(page.getByRole("status")).toContainText("Je wachtwoord is gewijzigd");

  await logIn(page, { email: user.email, password: user.password });
  await expect(page.getByRole("alert")).toContainText("horen niet bij elkaar");

  await logIn(page, { email: user.email, password: newPassword });
  await expect(page).toHaveURL(/\/mijn-leren$/);

  // The link works once.
  await page.context().clearCookies();
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("nog een ander wachtwoord");
  await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("nog een ander wachtwoord");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("alert")).toContainText("ongeldig of verlopen");
});

test("a reset request for an unknown address looks the same and sends nothing", async ({ page }) => {
  const email = "niemand-bekend@stigmavrij.test";
  await page.goto("/wachtwoord-vergeten");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Stuur de link" }).click();
  await expect(page.getByRole("status")).toContainText("Als er een account bij dit e-mailadres hoort");
  expect((await readOutbox(E2E_OUTBOX)).some((m) => m.to === email)).toBe(false);
});
