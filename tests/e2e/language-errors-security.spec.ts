import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { logIn } from "./support/auth";
import { createTestUser } from "./support/db";

test("an anonymous visitor switches to English and keeps it across pages", async ({ page }) => {
  await page.goto("/modules");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.getByRole("button", { name: "English" }).click();

  await expect(page).toHaveURL(/\/modules$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Modules" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Sex work and stigma: the basics" }).first().click();
  await expect(page.getByRole("heading", { name: "What you will learn" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/inloggen");
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/registreren");
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/wachtwoord-vergeten");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});

test("a logged-in learner's language is kept on their account", async ({ page, browser }) => {
  const user = await createTestUser();
  await logIn(page, user);
  await page.getByRole("link", { name: "Mijn account" }).click();
  await expectAccessible(page);
  await page.getByLabel("Taal van de website en de modules").selectOption("en");
  await page.getByRole("button", { name: "Taal opslaan" }).click();
  await expect(page.getByRole("status")).toContainText("Your language has been saved.");

  // Another browser (no language cookie) gets English after logging in.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, user);
  await expect(otherPage.locator("html")).toHaveAttribute("lang", "en");
  await expect(otherPage.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
  await expectAccessible(otherPage);
  await other.close();
});

test("error pages speak the visitor's language", async ({ page }) => {
  const response = await page.goto("/bestaat-niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
  await expectAccessible(page);

  expect((await page.goto("/modules/bestaat-niet"))?.status()).toBe(404);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("a learner who opens an administrator page gets a 403 page", async ({ page }) => {
  const learner = await createTestUser();
  await logIn(page, learner);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  const response = await page.goto("/beheer/gebruikers");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  await expectAccessible(page);
});

test("an administrator changes a user's role", async ({ page }) => {
  const admin = await createTestUser({ role: "admin", name: "Ada Beheerder" });
  const learner = await createTestUser({ name: `Rolwissel ${Date.now()}` });
  await logIn(page, admin);
  await page.getByRole("link", { name: "Beheer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beheer" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Gebruikers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gebruikers" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Zoek op naam of e-mailadres").fill(learner.name);
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.getByLabel(`Rol van ${learner.name}`).selectOption("trainer");
  await page.getByRole("button", { name: `Rol opslaan voor ${learner.name}` }).click();
  await expect(page.getByRole("status")).toContainText("De rol is gewijzigd.");
  await expect(page.getByLabel(`Rol van ${learner.name}`)).toHaveValue("trainer");
});

test("security headers are sent and cross-site posts are refused", async ({ page, request, baseURL }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'self'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();

  const crossSite = await request.post("/inloggen", {
    headers: { Origin: "https://kwaadwillend.example" },
    form: { email: "a@b.nl", password: "whatever-password" },
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain("Request refused");

  const sameSite = await request.post("/inloggen", {
    headers: { Origin: baseURL! },
    form: { email: "niet-bestaand@stigmavrij.test", password: "whatever-password" },
  });
  expect(sameSite.status()).toBe(400);

  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.text()).toContain("OK");
});
