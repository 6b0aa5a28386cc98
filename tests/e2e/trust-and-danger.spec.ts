import { expect, test, type Page } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { postForm } from "./support/assessment";
import { logIn } from "./support/auth";
import { issueBasicsCertificate } from "./support/certificates";
import { createTestUser, e2eDb } from "./support/db";

/**
 * Destructive actions go through a server-rendered confirm step with an explicit "yes", in both
 * languages, on a phone and on a laptop; without the confirmation the action is refused (400)
 * and nothing changes.
 */

const TEXT = {
  nl: {
    revokeStart: "Certificaat intrekken",
    revokeDialog: /^Certificaat .+ intrekken\?$/,
    reason: "Reden van intrekking",
    revokeYes: "Ja, trek het certificaat in",
    cancel: "Annuleren",
    revoked: "Het certificaat is ingetrokken.",
    deleteStart: "Mijn account verwijderen",
    deleteDialog: "Je account definitief verwijderen?",
    password: "Wachtwoord ter bevestiging",
    deleteYes: "Ja, verwijder mijn account",
    deleted: "Je account en al je gegevens zijn verwijderd.",
    confirmRequired: "Dit gebeurt alleen na een bevestiging",
    partner: "In samenwerking met SWAD — Sex Work Alliance for Destigmatisation",
  },
  en: {
    revokeStart: "Revoke certificate",
    revokeDialog: /^Revoke certificate .+\?$/,
    reason: "Reason for revoking",
    revokeYes: "Yes, revoke the certificate",
    cancel: "Cancel",
    revoked: "The certificate has been revoked.",
    deleteStart: "Delete my account",
    deleteDialog: "Delete your account permanently?",
    password: "Password to confirm",
    deleteYes: "Yes, delete my account",
    confirmRequired: "This only happens after confirming",
    partner: "In partnership with SWAD — Sex Work Alliance for Destigmatisation",
  },
} as const;

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1366, height: 768 },
] as const;

async function logInAndWait(page: Page, user: { email: string; password: string }) {
  await logIn(page, user);
  await expect(page).not.toHaveURL(/\/inloggen/);
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

// Two axe runs and a few page loads per test: a generous budget for a busy machine.
test.describe.configure({ timeout: 180_000 });

for (const viewport of VIEWPORTS) {
  for (const locale of ["nl", "en"] as const) {
    const text = TEXT[locale];

    test(`revoking a certificate asks for an explicit yes (${locale}, ${viewport.name})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      const learner = await createTestUser({ name: "Rosa Intrek" });
      const code = await issueBasicsCertificate(learner.id);
      const admin = await createTestUser({ role: "admin", locale });
      await logInAndWait(page, admin);
      const adminPage = `/beheer/certificaat/${code}`;

      // Without the confirmation the action is refused and nothing changes.
      const refused = await postForm(page, adminPage, { intent: "revoke", reason: "Zonder bevestiging" });
      expect(refused.status()).toBe(400);
      expect(await refused.text()).toContain(text.confirmRequired);
      expect((await e2eDb().certificate.findUniqueOrThrow({ where: { code } })).revokedAt).toBeNull();

      await page.goto(adminPage);
      await expect(page.getByText(text.partner)).toBeVisible();
      const start = page.getByRole("link", { name: text.revokeStart });
      await expect(start).toHaveClass(/button--danger-outline/);
      await start.click();
      const dialog = page.getByRole("alertdialog", { name: text.revokeDialog });
      await expect(dialog).toBeVisible();
      await expect(dialog).toBeFocused();
      await expect(page.getByRole("button", { name: text.revokeYes })).toHaveClass(/button--danger\b/);
      await noSidewaysScroll(page);
      await expectAccessible(page);

      // Cancelling changes nothing.
      await dialog.getByRole("link", { name: text.cancel }).click();
      await expect(dialog).toHaveCount(0);
      expect((await e2eDb().certificate.findUniqueOrThrow({ where: { code } })).revokedAt).toBeNull();

      await start.click();
      await page.getByLabel(text.reason).fill("Toets afgelegd door een ander");
      await page.getByRole("button", { name: text.revokeYes }).click();
      await expect(page.getByRole("status")).toHaveText(text.revoked);
      expect((await e2eDb().certificate.findUniqueOrThrow({ where: { code } })).revokedAt).not.toBeNull();
      await expectAccessible(page);
    });

    test(`deleting an account asks for an explicit yes (${locale}, ${viewport.name})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      const user = await createTestUser({ locale });
      await logInAndWait(page, user);

      const refused = await postForm(page, "/account", { intent: "delete", password: user.password });
      expect(refused.status()).toBe(400);
      expect(await refused.text()).toContain(text.confirmRequired);
      expect(await e2eDb().user.count({ where: { id: user.id } })).toBe(1);

      await page.goto("/account");
      const start = page.getByRole("link", { name: text.deleteStart });
      await expect(start).toHaveClass(/button--danger-outline/);
      await start.click();
      const dialog = page.getByRole("alertdialog", { name: text.deleteDialog });
      await expect(dialog).toBeVisible();
      await expect(dialog).toBeFocused();
      await noSidewaysScroll(page);
      await expectAccessible(page);

      await page.getByLabel(text.password).fill(user.password);
      await page.getByRole("button", { name: text.deleteYes }).click();
      // The account is gone, so the home page speaks the default language again.
      await expect(page).toHaveURL(/\/\?account=verwijderd$/);
      await expect(page.getByRole("status")).toContainText(TEXT.nl.deleted);
      expect(await e2eDb().user.count({ where: { id: user.id } })).toBe(0);
    });
  }
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the confirm steps work as plain pages and forms", async ({ page }) => {
    const learner = await createTestUser({ name: "Ties Zonderscript" });
    const code = await issueBasicsCertificate(learner.id);
    const admin = await createTestUser({ role: "admin" });
    await logInAndWait(page, admin);
    await page.goto(`/beheer/certificaat/${code}`);
    await page.getByRole("link", { name: TEXT.nl.revokeStart }).click();
    await expect(page).toHaveURL(/\?intrekken=1#revoke-confirm$/);
    await page.getByLabel(TEXT.nl.reason).fill("Dubbel uitgegeven");
    await page.getByRole("button", { name: TEXT.nl.revokeYes }).click();
    await expect(page.getByRole("status")).toHaveText(TEXT.nl.revoked);
    expect((await e2eDb().certificate.findUniqueOrThrow({ where: { code } })).revokedReason).toBe("Dubbel uitgegeven");

    const user = await createTestUser();
    await page.context().clearCookies();
    await logInAndWait(page, user);
    await page.goto("/account");
    await page.getByRole("link", { name: TEXT.nl.deleteStart }).click();
    await page.getByLabel(TEXT.nl.password).fill(user.password);
    await page.getByRole("button", { name: TEXT.nl.deleteYes }).click();
    await expect(page).toHaveURL(/\/\?account=verwijderd$/);
    expect(await e2eDb().user.count({ where: { id: user.id } })).toBe(0);
  });
});
