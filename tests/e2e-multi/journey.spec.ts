import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import { attemptIdOf, correctAnswers, drawnItems, submitAttempt } from "../e2e/support/assessment";
import { confirmSignupFromMail } from "../e2e/support/auth";
import { e2eDb } from "../e2e/support/db";
import { readPdf } from "../e2e/support/pdf";

import { accessLog, upstreamOf, upstreamsServing } from "./support/instances";

const MODULE = "/modules/sekswerk-en-stigma-de-basis";

test("through nginx, a learner signs up, reads the lessons, passes the assessment and gets the certificate", async ({
  page,
}) => {
  const logStart = (await accessLog()).length;
  const email = `multi-${randomUUID()}@stigmavrij.test`;

  await page.goto("/registreren");
  await page.getByLabel("Naam").fill("Noor Meerdere");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("een lange zin als wachtwoord");
  await page.getByLabel("Sector waarin je werkt").selectOption("police");
  await page.getByRole("button", { name: "Account maken" }).click();
  await confirmSignupFromMail(page, email);
  await expect(page).toHaveURL(/\/modules$/);

  await page.goto(MODULE);
  await page.getByRole("link", { name: "Begin met de module" }).click();
  await page.getByRole("button", { name: "Overslaan" }).click();
  for (const lesson of [1, 2, 3]) {
    await expect(page.getByText(`Les ${lesson} van 4`)).toBeVisible();
    await page.getByRole("button", { name: "Volgende les" }).click();
  }
  await expect(page.getByText("Les 4 van 4")).toBeVisible();
  await page.getByRole("button", { name: "Module afronden" }).click();

  await expect(page).toHaveURL(new RegExp(`${MODULE}/toets$`));
  await page.getByRole("button", { name: "Begin de toets" }).click();
  await expect(page).toHaveURL(new RegExp(`${MODULE}/toets/[^/?]+$`));
  await submitAttempt(page, correctAnswers(await drawnItems(attemptIdOf(page))));
  await expect(page.getByRole("status")).toContainText("Gefeliciteerd, je bent geslaagd!");

  const user = await e2eDb().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const certificate = await e2eDb().certificate.findFirstOrThrow({
    where: { userId: user.id, moduleId: "sekswerk-en-stigma-de-basis" },
    select: { code: true },
  });
  await page.goto("/mijn-certificaten");
  await expect(page.getByText(certificate.code, { exact: true })).toBeVisible();
  const pdf = await page.request.get(`/mijn-certificaten/${certificate.code}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await readPdf(await pdf.body())).text).toContain("Noor Meerdere");

  // Round robin: the journey's requests went to both instances, which agreed on everything.
  expect(await upstreamsServing(logStart)).toEqual(new Set([upstreamOf("a"), upstreamOf("b")]));
});
