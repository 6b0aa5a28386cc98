import { readFile } from "node:fs/promises";

import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { logIn } from "./support/auth";
import { createTestUser, e2eDb } from "./support/db";

test("a learner downloads their data and then deletes their account", async ({ page }) => {
  const user = await createTestUser();
  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 2, name: "Mijn gegevens" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Account verwijderen" })).toBeVisible();
  await expectAccessible(page);

  // The export is a file download with the learner's own data and no secrets.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Mijn gegevens downloaden (JSON)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^stigmavrij-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile(await download.path(), "utf8");
  const exported = JSON.parse(text) as { format: string; profile: { email: string }; sessions: { count: number } };
  expect(exported.format).toBe("stigmavrij-export/2");
  expect(exported.profile.email).toBe(user.email);
  expect(exported.sessions.count).toBe(1);
  expect(text).not.toContain("passwordHash");
  // Same request with the page's cookies, to see the headers that make it a private download.
  const headers = (await page.request.get("/account/export")).headers();
  expect(headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(headers["content-disposition"]).toMatch(
    /^attachment; filename="stigmavrij-gegevens-\d{4}-\d{2}-\d{2}\.json"$/,
  );
  expect(headers["cache-control"]).toBe("no-store");

  // The first step only opens the confirm step; the explicit "yes" deletes.
  await page.getByRole("link", { name: "Mijn account verwijderen" }).click();
  await expect(page.getByRole("alertdialog", { name: "Je account definitief verwijderen?" })).toBeVisible();
  const password = page.getByLabel("Wachtwoord ter bevestiging");
  const submit = page.getByRole("button", { name: "Ja, verwijder mijn account" });

  await password.fill("dit is niet mijn wachtwoord");
  await submit.click();
  await expect(page.getByText("Dit wachtwoord klopt niet. Je account is niet verwijderd.")).toBeVisible();
  await expect(page).toHaveURL(/\/account\?verwijderen=1$/);
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
  await expectAccessible(page);

  await password.fill(user.password);
  await submit.click();
  await expect(page).toHaveURL(/\/\?account=verwijderd$/);
  await expect(page.getByRole("status")).toContainText("Je account en al je gegevens zijn verwijderd.");
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
  await expectAccessible(page);
  expect(await e2eDb().user.count({ where: { id: user.id } })).toBe(0);

  // The session cookie is gone: the account page asks for a login again.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Faccount$/);

  await logIn(page, user);
  await expect(page.getByRole("alert")).toContainText("horen niet bij elkaar");
});

test("the export needs a login", async ({ request }) => {
  const response = await request.get("/account/export", { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toMatch(/^\/inloggen\?redirectTo=%2Faccount%2Fexport$/);
});
