import { randomUUID } from "node:crypto";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { postForm } from "./support/assessment";
import { confirmSignupFromMail, logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";

/*
 * Organisations and cohorts: an administrator sets up an organisation and its trainer, the
 * trainer runs a cohort, learners join through the link (signing up) and with the code, and the
 * trainer removes a learner and closes the cohort.
 */

const BASICS = {
  id: "sekswerk-en-stigma-de-basis",
  nl: "Sekswerk en stigma: de basis",
  en: "Sex work and stigma: the basics",
};
const BANK = {
  id: "bank-en-financiele-dienstverlening",
  nl: "Bank en financiële dienstverlening",
  en: "Banking and financial services",
};

/** A day some weeks ahead, as a date input takes it. */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

async function organisationWithTrainer(options: { locale?: "nl" | "en" } = {}) {
  const organisation = await e2eDb().organisation.create({
    data: { name: `E2E Bank ${randomUUID().slice(0, 8)}`, sector: "bank" },
  });
  const trainer = await createTestUser({ role: "trainer", name: "Tara Trainer", locale: options.locale ?? "nl" });
  await e2eDb().organisationTrainer.create({ data: { organisationId: organisation.id, userId: trainer.id } });
  return { organisation, trainer };
}

async function logInAt(page: Page, user: TestUser, path = "/inloggen") {
  await logIn(page, user, path);
  await expect(page).not.toHaveURL(/\/inloggen/);
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("an administrator creates an organisation and appoints a trainer, not a learner", async ({ page }) => {
  const admin = await createTestUser({ role: "admin", name: "Ada Beheer" });
  const trainer = await createTestUser({ role: "trainer", name: "Tara Trainer" });
  const learner = await createTestUser({ role: "learner", name: "Lars Leerling" });
  const name = `Gemeente E2E ${randomUUID().slice(0, 8)}`;
  await logInAt(page, admin);

  await page.goto("/beheer/organisaties");
  await expect(page.getByRole("heading", { level: 1, name: "Organisaties" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Organisatie aanmaken" }).click();
  await expect(page.getByText("Vul de naam van de organisatie in.")).toBeVisible();
  await page.getByLabel("Naam", { exact: true }).fill(name);
  await page.getByLabel("Sector").selectOption("municipality");
  await page.getByRole("button", { name: "Organisatie aanmaken" }).click();

  await expect(page).toHaveURL(/\/beheer\/organisaties\/[^/?]+\?aangemaakt=1$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("De organisatie is aangemaakt.");
  await expectAccessible(page);

  const email = page.getByLabel("E-mailadres van de trainer");
  await email.fill(learner.email);
  await page.getByRole("button", { name: "Aanstellen" }).click();
  await expect(page.getByText("Lars Leerling is deelnemer, geen trainer.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Naar Gebruikers" })).toBeVisible();
  await expectAccessible(page);

  await email.fill(trainer.email);
  // The address matches a suggestion, whose list would cover the button: submit from the field.
  await email.press("Enter");
  await expect(page.getByRole("status")).toContainText("Tara Trainer is aangesteld als trainer.");
  await expect(page.getByRole("row", { name: /Tara Trainer/ })).toBeVisible();
  const organisation = await e2eDb().organisation.findFirstOrThrow({ where: { name }, include: { trainers: true } });
  expect(organisation.sector).toBe("municipality");
  expect(organisation.trainers.map((t) => t.userId)).toEqual([trainer.id]);

  await page.goto("/beheer/organisaties");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Gemeente");
  await page.getByLabel("E-mailadres van de trainer").fill(trainer.email);
  await page.getByLabel("E-mailadres van de trainer").press("Enter");
  await expect(page.getByRole("status")).toContainText("Tara Trainer is nu SWAD-brede trainer.");
  await page.getByRole("button", { name: "Tara Trainer niet meer SWAD-breed maken" }).click();
  await expect(page.getByRole("status")).toContainText("Tara Trainer is niet meer SWAD-breed.");
  expect((await e2eDb().auditLog.findMany({ where: { userId: admin.id } })).map((a) => a.action)).toEqual([
    "organisation.created",
    "organisation.trainer_appointed",
    "trainer.swad_wide_set",
    "trainer.swad_wide_unset",
  ]);
});

test("a trainer runs a cohort: learners join by link and by code, one is removed, and a closed cohort refuses", async ({
  page,
  browser,
}) => {
  const { organisation, trainer } = await organisationWithTrainer();
  const cohortName = `${organisation.name} — regio Utrecht — maart`;
  await logInAt(page, trainer);

  await page.goto("/beheer/cohorten");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nieuw cohort" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw cohort" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Cohort aanmaken" }).click();
  await expect(page.getByText("Vul de naam van het cohort in.")).toBeVisible();
  await expect(page.getByText("Kies minstens één module.").last()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Naam van het cohort").fill(cohortName);
  await page.getByLabel(BANK.nl).check();
  await page.getByLabel(BASICS.nl).check();
  await page.getByLabel(/^Deadline/).fill(dayAhead(30));
  await page.getByRole("button", { name: "Cohort aanmaken" }).click();

  await expect(page).toHaveURL(/\/beheer\/cohorten\/[^/?]+\?aangemaakt=1$/);
  await expect(page.getByRole("heading", { level: 1, name: cohortName })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Het cohort is aangemaakt.");
  const shownCode = (await page.locator(".share-box .join-code").textContent()) ?? "";
  expect(shownCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  const code = shownCode.replace("-", "");
  const joinLink = page.getByRole("link", { name: /\/deelnemen\// });
  await expect(joinLink).toHaveAttribute("href", new RegExp(`/deelnemen/${code}$`));
  await expect(page.getByRole("link", { name: "Cijfers van dit cohort op het dashboard" })).toHaveAttribute(
    "href",
    /\/beheer\/dashboard\?cohort=/,
  );
  await expectAccessible(page);
  const cohortUrl = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Afdrukken met QR-code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: cohortName })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR-code met de deelnamelink/ }).locator("svg")).toHaveCount(1);
  await expect(page.locator(".print-sheet .join-code")).toHaveText(shownCode);
  await expectAccessible(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // A new visitor follows the link and signs up.
  const visitor = await newPage(browser);
  await visitor.goto(`/deelnemen/${code.toLowerCase()}`);
  await expect(visitor).toHaveURL(new RegExp(`/deelnemen/${code}$`));
  await expect(visitor.getByRole("heading", { level: 1, name: `Meedoen met ${cohortName}` })).toBeVisible();
  await expect(visitor.locator(".share-box dd").first()).toHaveText(organisation.name);
  await expectAccessible(visitor);
  await visitor.getByRole("link", { name: "Account aanmaken en meedoen" }).click();
  await expect(visitor.getByLabel(/Deelnamecode/)).toHaveValue(shownCode);
  const newEmail = `e2e-${randomUUID()}@stigmavrij.test`;
  await visitor.getByLabel("Naam", { exact: true }).fill("Nina Nieuw");
  await visitor.getByLabel("E-mailadres").fill(newEmail);
  await visitor.getByLabel("Wachtwoord", { exact: true }).fill("een-lang-wachtwoord");
  await visitor.getByLabel("Sector waarin je werkt").selectOption("bank");
  await visitor.getByRole("button", { name: "Account maken" }).click();
  await confirmSignupFromMail(visitor, newEmail);
  await expect(visitor).toHaveURL(/\/mijn-leren\?deelgenomen=/);
  await expect(visitor.getByRole("status")).toContainText(`Je doet nu mee met ${cohortName}.`);
  await expect(visitor.getByRole("heading", { level: 3, name: cohortName })).toBeVisible();
  await expect(visitor.getByRole("row", { name: new RegExp(BASICS.nl) })).toContainText("Niet begonnen");
  await expectAccessible(visitor);

  // An existing learner enters the code on "Mijn leren", typed loosely.
  const learner = await createTestUser({ name: "Erik Bestaand" });
  const existing = await newPage(browser);
  await logInAt(existing, learner);
  await existing.goto("/mijn-leren");
  await existing.getByLabel("Heb je een deelnamecode?").fill("ZZZZ-ZZZZ");
  await existing.getByRole("button", { name: "Meedoen" }).click();
  await expect(existing.getByText("Deze code kennen we niet.")).toBeVisible();
  await expectAccessible(existing);
  await existing.goto("/mijn-leren");
  await existing.getByLabel("Heb je een deelnamecode?").fill(` ${shownCode.toLowerCase()} `);
  await existing.getByRole("button", { name: "Meedoen" }).click();
  await expect(existing).toHaveURL(new RegExp(`/deelnemen/${code}$`));
  await existing.getByRole("button", { name: "Ja, ik doe mee" }).click();
  await expect(existing).toHaveURL(/\/mijn-leren\?deelgenomen=/);
  await expect(existing.getByRole("status")).toContainText(`Je doet nu mee met ${cohortName}.`);
  await existing.goto(`/deelnemen/${code}`);
  await expect(existing.getByText("Je doet al mee met deze groep.")).toBeVisible();
  await expectAccessible(existing);

  // The trainer sees both, removes one after confirming, and closes the cohort.
  await page.goto(cohortUrl);
  const learners = page.getByRole("table", { name: /Deelnemers van/ });
  await expect(learners.getByRole("rowheader")).toHaveText(["Erik Bestaand", "Nina Nieuw"]);
  await page.getByRole("link", { name: "Erik Bestaand uit het cohort verwijderen" }).click();
  await expect(page.getByRole("alertdialog", { name: "Deelnemer verwijderen?" })).toContainText(
    "Erik Bestaand wordt uit",
  );
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ja, verwijderen" }).click();
  await expect(page.getByRole("status")).toContainText("De deelnemer is uit het cohort verwijderd.");
  await expect(learners.getByRole("rowheader")).toHaveText(["Nina Nieuw"]);
  await page.getByRole("link", { name: "Cohort sluiten" }).click();
  await expect(page.getByRole("alertdialog", { name: "Cohort sluiten?" })).toBeVisible();
  await page.getByRole("button", { name: "Ja, sluit het cohort" }).click();
  await expect(page.getByRole("status")).toContainText("Het cohort is gesloten.");
  await expect(page.getByRole("button", { name: "Cohort weer openen" })).toBeVisible();
  await expectAccessible(page);

  const late = await createTestUser({ name: "Lotte Laat" });
  const latePage = await newPage(browser);
  await logInAt(latePage, late);
  await latePage.goto(`/deelnemen/${code}`);
  await expect(latePage.getByText("Deze groep is gesloten en neemt geen nieuwe deelnemers aan.")).toBeVisible();
  await expect(latePage.getByRole("button", { name: "Ja, ik doe mee" })).toHaveCount(0);
  const refused = await postForm(latePage, `/deelnemen/${code}`, {});
  expect(refused.status()).toBe(400);
  expect(await e2eDb().cohortMember.count({ where: { userId: late.id } })).toBe(0);
  expect(await e2eDb().cohortMember.count({ where: { cohort: { joinCode: code } } })).toBe(1);
});

test("a trainer of another organisation cannot see or change the cohort", async ({ page }) => {
  const { organisation } = await organisationWithTrainer();
  const cohort = await e2eDb().cohort.create({
    data: {
      organisationId: organisation.id,
      name: "Afgeschermd cohort",
      joinCode: `Q${randomUUID()
        .replace(/[^0-9]/g, "")
        .slice(0, 7)
        .padEnd(7, "7")}`,
    },
  });
  const { trainer: other } = await organisationWithTrainer();
  await logInAt(page, other);
  for (const path of [
    `/beheer/cohorten/${cohort.id}`,
    `/beheer/cohorten/${cohort.id}/afdrukken`,
    "/beheer/cohorten/bestaat-niet",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await page.goto("/beheer/cohorten");
  await expect(page.getByText("Afgeschermd cohort")).toHaveCount(0);
  // Confirmed, so that the refusal is the organisation scope's.
  expect((await postForm(page, `/beheer/cohorten/${cohort.id}`, { intent: "close", confirm: "ja" })).status()).toBe(
    404,
  );
  expect((await e2eDb().cohort.findUniqueOrThrow({ where: { id: cohort.id } })).closedAt).toBeNull();
  // A tampered post for its own organisation: a module that does not exist stores nothing.
  const { organisation: own } = await e2eDb().organisationTrainer.findFirstOrThrow({
    where: { userId: other.id },
    include: { organisation: true },
  });
  const tampered = await postForm(
    page,
    "/beheer/cohorten/nieuw",
    new URLSearchParams([
      ["name", "Gemanipuleerd"],
      ["organisationId", own.id],
      ["modules", "bestaat-niet"],
    ]),
  );
  expect(tampered.status()).toBe(400);
  const foreign = await postForm(
    page,
    "/beheer/cohorten/nieuw",
    new URLSearchParams([
      ["name", "Gemanipuleerd"],
      ["organisationId", organisation.id],
      ["modules", BASICS.id],
    ]),
  );
  expect(foreign.status()).toBe(400);
  expect(await e2eDb().cohort.count({ where: { name: "Gemanipuleerd" } })).toBe(0);
});

test("in English: a trainer creates a cohort and a learner joins it", async ({ page, browser }) => {
  const { organisation, trainer } = await organisationWithTrainer({ locale: "en" });
  const cohortName = `${organisation.name} — spring`;
  await logInAt(page, trainer);
  await page.goto("/beheer/cohorten/nieuw");
  await expect(page.getByRole("heading", { level: 1, name: "New cohort" })).toBeVisible();
  await page.getByLabel("Cohort name").fill(cohortName);
  await page.getByLabel(BASICS.en).check();
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page.getByRole("status")).toContainText("The cohort has been created.");
  await expect(page.getByText("Join code", { exact: true })).toBeVisible();
  await expectAccessible(page);
  const code = ((await page.locator(".share-box .join-code").textContent()) ?? "").replace("-", "");
  await page.getByRole("link", { name: "Print with QR code" }).click();
  await expect(page.getByRole("img", { name: /QR code with the join link/ })).toBeVisible();
  await expectAccessible(page);

  const learner = await createTestUser({ name: "Liam Learner", locale: "en" });
  const learnerPage = await newPage(browser);
  await learnerPage.goto(`/deelnemen/${code}`);
  await learnerPage.getByRole("button", { name: "English" }).click();
  await expect(learnerPage.getByRole("link", { name: "Log in and join" })).toBeVisible();
  await learnerPage.getByRole("link", { name: "Log in and join" }).click();
  await expect(learnerPage).toHaveURL(new RegExp(`/inloggen\\?redirectTo=%2Fdeelnemen%2F${code}$`));
  await learnerPage.getByLabel("Email address").fill(learner.email);
  await learnerPage.getByLabel("Password", { exact: true }).fill(learner.password);
  await learnerPage.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(learnerPage).toHaveURL(new RegExp(`/deelnemen/${code}$`));
  await expect(learnerPage.getByRole("heading", { level: 1, name: `Join ${cohortName}` })).toBeVisible();
  await expectAccessible(learnerPage);
  await learnerPage.getByRole("button", { name: "Yes, I am joining" }).click();
  await expect(learnerPage.getByRole("status")).toContainText(`You have joined ${cohortName}.`);
  await expect(learnerPage.getByRole("heading", { level: 2, name: "My groups" })).toBeVisible();
  await expectAccessible(learnerPage);

  await page.goto("/beheer/cohorten");
  await expect(page.getByRole("row", { name: new RegExp(cohortName) })).toContainText("Open");
  await expectAccessible(page);
  await learnerPage.goto("/deelnemen");
  await expect(learnerPage.getByRole("heading", { level: 1, name: "Join a group" })).toBeVisible();
  await expectAccessible(learnerPage);
});
