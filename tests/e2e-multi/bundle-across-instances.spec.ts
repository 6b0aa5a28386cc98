import { expect, test } from "@playwright/test";

import { BASICS } from "../e2e/support/assessment";
import { logIn } from "../e2e/support/auth";
import { createOrganisation, issueBasicsCertificate, readZip } from "../e2e/support/certificates";
import { createTestUser, e2eDb } from "../e2e/support/db";

import { INSTANCES, nginxRequestCount, pinToInstance } from "./support/instances";

test("a bulk certificate ZIP requested on instance A is downloaded through instance B", async ({ browser }) => {
  const organisation = await createOrganisation("Bank Twee Instanties");
  const learners = [];
  for (const name of ["Cor Cohort", "Dewi Cohort"]) {
    const learner = await createTestUser({ name });
    await e2eDb().user.update({ where: { id: learner.id }, data: { organisationId: organisation.id } });
    learners.push({ name, code: await issueBasicsCertificate(learner.id) });
  }
  const trainer = await createTestUser({ name: "Tineke Trainer" });
  await e2eDb().user.update({ where: { id: trainer.id }, data: { role: "trainer", organisationId: organisation.id } });
  await e2eDb().organisationTrainer.create({ data: { organisationId: organisation.id, userId: trainer.id } });
  const nginxBefore = await nginxRequestCount();

  // Requested on A: A stores the bundle row and its job; whichever instance claims the job
  // writes the ZIP to the shared storage directory.
  const context = await browser.newContext();
  await pinToInstance(context, "a");
  const page = await context.newPage();
  await logIn(page, trainer);
  await expect(page).toHaveURL(/\/mijn-leren$/, { timeout: 20_000 });
  await page.goto(`/beheer/certificaten?module=${BASICS.slug}`);
  await expect(page.getByText("2 certificaten gevonden")).toBeVisible();
  await page.getByRole("button", { name: "ZIP-bestand maken" }).click();
  await expect(page).toHaveURL(/\/beheer\/certificaten\/bundel\/[a-z0-9]+$/);

  // Progress and download on B.
  await pinToInstance(context, "b");
  await page.reload();
  await expect(page.getByText("Het ZIP-bestand is klaar.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("2 van 2 certificaten")).toBeVisible();
  // Downloads bypass request routing: the link's address is fetched from B directly.
  const href = await page.getByRole("link", { name: "Download het ZIP-bestand" }).getAttribute("href");
  const download = await context.request.get(`${INSTANCES.b}${href}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/zip");
  const entries = await readZip(await download.body());
  expect(entries.map((entry) => entry.name).sort()).toEqual(
    [...learners.map(({ name, code }) => `${BASICS.slug}/${name} - ${code}.pdf`), "overzicht.csv"].sort(),
  );
  // Nothing went through nginx: A took the request, B served the progress page and the ZIP.
  expect(await nginxRequestCount()).toBe(nginxBefore);
  await context.close();
});
