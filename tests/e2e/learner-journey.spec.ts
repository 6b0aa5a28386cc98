import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { attemptIdOf, correctAnswers, drawnItems, skipSurveyBefore, submitAttempt } from "./support/assessment";
import { confirmSignupFromMail, logIn, logOut } from "./support/auth";
import { createTestUser, e2eDb } from "./support/db";

const MODULE = "/modules/sekswerk-en-stigma-de-basis";

test("a learner signs up, reads lessons, leaves, comes back and resumes where they stopped", async ({ page }) => {
  const email = `nieuw-${randomUUID()}@stigmavrij.test`;
  const password = "een lange zin als wachtwoord";

  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Account maken en beginnen" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Account maken" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Naam").fill("Noor Bakker");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByLabel("Sector waarin je werkt").selectOption("police");
  await page.getByRole("button", { name: "Account maken" }).click();
  await confirmSignupFromMail(page, email);

  // The catalogue puts the learner's sector first, and every module stays reachable.
  await expect(page).toHaveURL(/\/modules$/);
  await expect(page.getByRole("heading", { name: "Voor jouw sector: Politie" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Sekswerk en stigma: de basis" }).first().click();

  await expect(page).toHaveURL(new RegExp(`${MODULE}$`));
  await expect(page.getByRole("heading", { name: "Wat je leert" })).toBeVisible();
  await expect(page.getByText(/\d+ minuten/).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Begin met de module" }).click();

  // The attitude survey comes first (assessment.spec answers it); skipping leads to the first lesson.
  await expect(page).toHaveURL(new RegExp(`${MODULE}/vragenlijst\\?fase=voor&`));
  await page.getByRole("button", { name: "Overslaan" }).click();
  await expect(page.getByText("Les 1 van 4")).toBeVisible();
  const firstTitle = await page.getByRole("heading", { level: 1 }).innerText();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Volgende les" }).click();

  await expect(page.getByText("Les 2 van 4")).toBeVisible();
  await expect(page.getByText("25% afgerond")).toBeVisible();
  const secondTitle = await page.getByRole("heading", { level: 1 }).innerText();
  expect(secondTitle).not.toEqual(firstTitle);
  await expectAccessible(page);

  await logOut(page);
  await logIn(page, { email, password });

  // A new session (as on another device) resumes at the lesson the learner was reading.
  await expect(page).toHaveURL(/\/mijn-leren$/);
  await expect(page.getByText("25% afgerond")).toBeVisible();
  await expect(page.getByText(/Laatst bezig:/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: /Ga verder/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(secondTitle);
  await expect(page.getByText("Les 2 van 4")).toBeVisible();

  await page.getByRole("button", { name: "Volgende les" }).click();
  await expect(page.getByText("Les 3 van 4")).toBeVisible();
  await page.getByRole("button", { name: "Volgende les" }).click();
  await expect(page.getByText("Les 4 van 4")).toBeVisible();
  await page.getByRole("link", { name: "Vorige les" }).click();
  await expect(page.getByText("Les 3 van 4")).toBeVisible();
  await page.getByRole("button", { name: "Volgende les" }).click();
  await page.getByRole("button", { name: "Module afronden" }).click();

  // The module completes with a passed assessment (tested in detail in assessment.spec).
  await expect(page).toHaveURL(new RegExp(`${MODULE}/toets$`));
  await page.getByRole("button", { name: "Begin de toets" }).click();
  await expect(page).toHaveURL(new RegExp(`${MODULE}/toets/[^/?]+$`));
  await submitAttempt(page, correctAnswers(await drawnItems(attemptIdOf(page))));
  await expect(page.getByRole("status")).toContainText("Gefeliciteerd, je bent geslaagd!");
  await page.getByRole("link", { name: "Vragenlijst invullen" }).click();
  await page.getByRole("button", { name: "Overslaan" }).click();
  // The participant evaluation follows; it may be skipped as well.
  await expect(page).toHaveURL(new RegExp(`${MODULE}/evaluatie$`));
  await page.getByRole("button", { name: "Sla de evaluatie over" }).click();

  await expect(page).toHaveURL(new RegExp(`${MODULE}\\?afgerond=1$`));
  await expect(page.getByRole("status")).toContainText("Je hebt de module afgerond");
  await expect(page.getByText(/Afgerond op/)).toBeVisible();
  await expect(page.getByText("100% afgerond")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Mijn leren" }).click();
  await expect(page).toHaveURL(/\/mijn-leren$/);
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "Sekswerk en stigma: de basis" }) });
  await expect(card.getByText("Afgerond", { exact: true })).toBeVisible();
  await expect(card.getByText("100% afgerond")).toBeVisible();
});

test("a lesson needs a login and returns the learner to it afterwards", async ({ page }) => {
  await page.goto(MODULE);
  await page.getByRole("link", { name: "Log in of maak een account om te beginnen" }).click();
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=/);
  await expectAccessible(page);
});

test("an expired session sends the learner to log in again and back to where they were", async ({ page }) => {
  const user = await createTestUser();
  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  await skipSurveyBefore(page);

  await e2eDb().session.deleteMany({ where: { userId: user.id } });
  await page.goto(`${MODULE}/wat-is-sekswerk`);
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=.*&verlopen=1$/);
  await expect(page.getByRole("status")).toContainText("Je sessie is verlopen");
  await expectAccessible(page);

  await page.getByLabel("E-mailadres").fill(user.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(new RegExp(`${MODULE}/wat-is-sekswerk$`));
  await expect(page.getByText("Les 1 van 4")).toBeVisible();
});
