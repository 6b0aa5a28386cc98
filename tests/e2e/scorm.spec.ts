import fs from "node:fs/promises";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { zipFixture } from "~/scorm/package/zip-test-support";

import { expectAccessible } from "./support/a11y";
import { logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";
import { E2E_SCORM_DIR, scormDirectoryEntries, storedCmi, uploadScormFixture } from "./support/scorm";

/*
 * SCORM import and playback with the player fixtures (tests/fixtures/scorm/player-12 and
 * player-2004), whose pages really call the run-time API. The tests share the imported modules,
 * so they run in order.
 */
test.describe.configure({ mode: "serial" });

const modules = { v12: "", v2004: "" };
let admin: TestUser;

// The e2e database is new for every run, the package folder is not: remove what this file imported.
test.afterAll(async () => {
  const packages = await e2eDb().scormPackage.findMany({
    where: { moduleId: { in: Object.values(modules) } },
    select: { storageKey: true },
  });
  await Promise.all(
    packages.map((pkg) => fs.rm(path.join(E2E_SCORM_DIR, pkg.storageKey), { recursive: true, force: true })),
  );
});

async function logInAndWait(page: Page, user: TestUser) {
  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);
}

/** The SCO's document inside the player. */
const sco = (page: Page) => page.frameLocator("iframe.scorm-frame");

test("an admin imports a SCORM 1.2 and a SCORM 2004 package as drafts, edits and publishes them", async ({
  page,
  browser,
}) => {
  admin = await createTestUser({ role: "admin", name: "Bea Beheerder" });
  await logInAndWait(page, admin);

  await page.goto("/beheer/scorm");
  await expect(page.getByRole("heading", { level: 1, name: "SCORM-pakketten" })).toBeVisible();
  // With JavaScript the form reports upload progress in a <progress> element.
  await expect(page.locator("progress#scorm-upload-progress")).toBeAttached();
  await expectAccessible(page);

  modules.v12 = await uploadScormFixture(page, "player-12");
  await expect(page.getByRole("status").filter({ hasText: "Het pakket is geïmporteerd als concept" })).toBeVisible();
  await expect(page.getByText("SCORM 1.2", { exact: true })).toBeVisible();
  await expect(page.getByText("Concept (nog niet zichtbaar voor deelnemers)")).toBeVisible();
  // The player fixture is Dutch: detected as such, and the admin can correct it.
  await expect(page.getByRole("radio", { name: "Nederlands" })).toBeChecked();
  await expectAccessible(page);

  // A learner does not see the draft, not in the catalogue and not at its address.
  const learner = await createTestUser({ name: "Lotte Leerling" });
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  await logInAndWait(learnerPage, learner);
  await learnerPage.goto("/modules");
  await expect(learnerPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(learnerPage.getByText("Praten over sekswerk (SCORM 1.2)")).toHaveCount(0);
  expect((await learnerPage.goto(`/modules/${modules.v12}`))?.status()).toBe(404);

  await page.getByLabel("Titel", { exact: true }).fill("Praten over sekswerk (SCORM 1.2)");
  await page.getByLabel("Duur in minuten").fill("20");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De wijzigingen zijn opgeslagen." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Praten over sekswerk (SCORM 1.2) bewerken");
  await expect(page.getByRole("cell", { name: "Gegevens gewijzigd" })).toBeVisible();

  // A wrong value is refused with a message at the field.
  await page.getByLabel("Duur in minuten").fill("veel");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Vul een aantal minuten in, een heel getal van 1 tot 600.")).toBeVisible();

  // After review the admin publishes it; the learner then finds it.
  await page.getByRole("button", { name: "Publiceren in de catalogus" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Het pakket is gepubliceerd" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Gepubliceerd" })).toBeVisible();
  await expectAccessible(page);
  await learnerPage.goto("/modules");
  await expect(learnerPage.getByRole("link", { name: "Praten over sekswerk (SCORM 1.2)" })).toBeVisible();
  await learnerPage.goto(`/modules/${modules.v12}`);
  await expect(learnerPage.getByRole("heading", { level: 1 })).toHaveText("Praten over sekswerk (SCORM 1.2)");
  // No empty "what you will learn" list for a package that states no objectives.
  await expect(learnerPage.getByRole("heading", { name: "Wat je leert" })).toHaveCount(0);
  await learnerContext.close();

  modules.v2004 = await uploadScormFixture(page, "player-2004");
  await expect(page.getByText("SCORM 2004, 4e editie")).toBeVisible();
  await page.getByLabel("Duur in minuten").fill("35");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De wijzigingen zijn opgeslagen." })).toBeVisible();
  await page.getByRole("button", { name: "Publiceren in de catalogus" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Het pakket is gepubliceerd" })).toBeVisible();

  await page.goto("/beheer/scorm");
  const table = page.getByRole("table", { name: "Geïmporteerde SCORM-pakketten" });
  await expect(table.getByRole("link", { name: "Praten over sekswerk (SCORM 1.2)" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Spelertest SCORM 2004" })).toBeVisible();

  // Both are in the catalogue like any module.
  await page.goto("/modules");
  await expect(page.getByRole("link", { name: "Praten over sekswerk (SCORM 1.2)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Spelertest SCORM 2004" })).toBeVisible();
});

test("a broken package gets its precise error and leaves nothing behind", async ({ page, browser }) => {
  await logInAndWait(page, admin);
  const before = {
    packages: await e2eDb().scormPackage.count(),
    modules: await e2eDb().module.count(),
    files: await scormDirectoryEntries(),
  };

  await page.goto("/beheer/scorm");
  await page.getByLabel("SCORM-pakket (.zip)").setInputFiles({
    name: "kapot.zip",
    mimeType: "application/zip",
    buffer: await zipFixture("broken-missing-launch"),
  });
  await page.getByRole("button", { name: "Importeren" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "Het startbestand Start.html van onderdeel “Les met verkeerde hoofdletters” ontbreekt in het pakket.",
  );
  await expect(page.getByLabel("SCORM-pakket (.zip)")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // Without JavaScript the form is a plain multipart post to the page, with the same answer.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await logIn(plain, admin);
  await plain.goto("/beheer/scorm");
  await expect(plain.locator("progress")).toHaveCount(0);
  await plain.getByLabel("SCORM-pakket (.zip)").setInputFiles({
    name: "geen-scorm.zip",
    mimeType: "application/zip",
    buffer: await zipFixture("broken-no-manifest"),
  });
  await plain.getByRole("button", { name: "Importeren" }).click();
  await expect(plain.getByRole("alert")).toContainText("In de hoofdmap van het pakket staat geen imsmanifest.xml.");
  await noScript.close();

  expect(await e2eDb().scormPackage.count()).toBe(before.packages);
  expect(await e2eDb().module.count()).toBe(before.modules);
  expect(await scormDirectoryEntries()).toEqual(before.files);
});

test("a learner plays the SCORM 1.2 package, closes the tab, resumes and earns the certificate", async ({
  page,
  context,
}) => {
  const learner = await createTestUser({ name: "Lotte Leerling" });
  await logInAndWait(page, learner);

  await page.goto(`/modules/${modules.v12}`);
  await expect(page.getByRole("heading", { level: 2, name: "Onderdelen" })).toBeVisible();
  await page.getByRole("link", { name: "Begin met de module" }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${modules.v12}/speler/`));
  await expect(sco(page).locator("#entry")).toHaveText("ab-initio");
  await expect(sco(page).locator("#launch-data")).toHaveText("hoofdstuk=1");
  await expect(page.getByRole("status").filter({ hasText: "Status van dit onderdeel" })).toBeVisible();
  await expectAccessible(page);

  // Something the SCO set but never committed, then the tab is closed: the player's beacon keeps it.
  const frame = page.frame({ url: /\/scorm-inhoud\// })!;
  await frame.evaluate(() =>
    (window.parent as unknown as { API: { LMSSetValue(e: string, v: string): string } }).API.LMSSetValue(
      "cmi.suspend_data",
      "niet vastgelegd",
    ),
  );
  await page.close({ runBeforeUnload: true });
  await expect
    .poll(async () => (await storedCmi(learner.id, "Praten over sekswerk", modules.v12))["cmi.suspend_data"])
    .toBe("niet vastgelegd");

  // Back again (no suspend last time: no resume), then suspend.
  let player = await context.newPage();
  await player.goto(`/modules/${modules.v12}`);
  await player.getByRole("link", { name: "Ga verder" }).click();
  await expect(sco(player).locator("#entry")).toHaveText("(leeg)");
  await expect(sco(player).locator("#suspend")).toHaveText("niet vastgelegd");
  await sco(player).getByLabel("Notitie").fill("mijn notitie over het gesprek");
  await sco(player).getByRole("button", { name: "Pauzeren" }).click();
  await expect(sco(player).locator("#message")).toHaveText("gepauzeerd");
  await expect(player.getByText("Je hebt dit onderdeel afgesloten.")).toBeVisible();
  await player.close();

  // Resume: entry, suspend_data and location come back.
  player = await context.newPage();
  await player.goto("/mijn-leren");
  await player.getByRole("link", { name: /^Ga verder\s*: Praten over sekswerk \(SCORM 1\.2\)$/ }).click();
  await expect(sco(player).locator("#entry")).toHaveText("resume");
  await expect(sco(player).locator("#suspend")).toHaveText("mijn notitie over het gesprek");
  await expect(sco(player).locator("#location")).toHaveText("pagina-2");

  await sco(player).getByRole("button", { name: "Afronden" }).click();
  await expect(sco(player).locator("#message")).toHaveText("afgerond");
  await expect(player.getByText("Je hebt de module afgerond. Je certificaat staat klaar.")).toBeVisible();
  await expect(player.getByRole("status").filter({ hasText: "Status van dit onderdeel: Gehaald" })).toBeVisible();

  const attempt = await e2eDb().scormAttempt.findFirstOrThrow({
    where: { userId: learner.id, sco: { package: { moduleId: modules.v12 } } },
  });
  expect(attempt).toMatchObject({ completion: "completed", success: "passed", scoreRaw: 90 });
  // 1:30 in the suspended session, 2:00 in the last one.
  expect(attempt.totalSeconds).toBe(210);

  await player.getByRole("link", { name: "Naar mijn certificaten" }).click();
  await expect(player.getByText("Praten over sekswerk (SCORM 1.2)").first()).toBeVisible();
  expect(await e2eDb().certificate.count({ where: { userId: learner.id, moduleId: modules.v12 } })).toBe(1);
});

test("a learner plays the multi-SCO SCORM 2004 package with 64,000 characters of suspend_data", async ({
  page,
  context,
}) => {
  const learner = await createTestUser({ name: "Mo Leerling" });
  await logInAndWait(page, learner);

  await page.goto(`/modules/${modules.v2004}`);
  await page.getByRole("link", { name: "Begin met de module" }).click();
  const toc = page.getByRole("navigation", { name: "Onderdelen" });
  await expect(toc.getByRole("link", { name: "Het gesprek" })).toHaveAttribute("aria-current", "page");
  await expect(sco(page).locator("#entry")).toHaveText("ab-initio");
  await expectAccessible(page);

  await sco(page).getByLabel("Notitie").fill("begin");
  await sco(page).getByRole("button", { name: "Veel gegevens bewaren" }).click();
  await expect(sco(page).locator("#message")).toHaveText("bewaard");
  await sco(page).getByRole("button", { name: "Pauzeren" }).click();
  await expect(sco(page).locator("#message")).toHaveText("gepauzeerd");
  await page.close();

  const player = await context.newPage();
  await player.goto(`/modules/${modules.v2004}`);
  await player.getByRole("link", { name: "Ga verder" }).click();
  await expect(sco(player).locator("#entry")).toHaveText("resume");
  await expect(sco(player).locator("#suspend-length")).toHaveText("64000");
  await expect(sco(player).locator("#suspend")).toHaveText(/^beginxxx/);
  await expect(sco(player).locator("#location")).toHaveText("scherm-3");
  await sco(player).getByRole("button", { name: "Afronden" }).click();
  await expect(sco(player).locator("#message")).toHaveText("afgerond");
  await expect(player.getByText("Je hebt de module afgerond.")).toHaveCount(0);

  // The table of contents leads to the second SCO: its launch parameters and passing score arrive.
  await player.getByRole("navigation", { name: "Onderdelen" }).getByRole("link", { name: "De toets" }).click();
  await expect(sco(player).locator("#query")).toHaveText("?vragen=3");
  await expect(sco(player).locator("#passing")).toHaveText("0.6");
  await sco(player).getByRole("button", { name: "Afronden" }).click();
  await expect(player.getByText("Je hebt de module afgerond. Je certificaat staat klaar.")).toBeVisible();

  await player.goto(`/modules/${modules.v2004}`);
  // Both parts report passed; the module page lists them with their status.
  await expect(player.locator(".lesson-list li").filter({ hasText: "Het gesprek" })).toContainText("Gehaald");
  await expect(player.locator(".lesson-list li").filter({ hasText: "De toets" })).toContainText("Gehaald");
  await expect(player.getByText("Afgerond met gemiddeld 80% goed.")).toBeVisible();
  await expectAccessible(player);
  expect(await e2eDb().certificate.count({ where: { userId: learner.id, moduleId: modules.v2004 } })).toBe(1);
});

test("package files are only served to signed-in users and never outside the package", async ({ page, browser }) => {
  const pkg = await e2eDb().scormPackage.findUniqueOrThrow({ where: { moduleId: modules.v12 } });
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`/scorm-inhoud/${pkg.storageKey}/index.html`)).status()).toBe(404);
  await anonymous.close();

  const learner = await createTestUser();
  await logInAndWait(page, learner);
  const file = await page.request.get(`/scorm-inhoud/${pkg.storageKey}/index.html`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("text/html; charset=utf-8");
  expect(file.headers()["x-content-type-options"]).toBe("nosniff");
  expect(file.headers()["content-security-policy"]).toContain("'unsafe-inline'");
  expect((await page.request.get(`/scorm-inhoud/${pkg.storageKey}/sco.js`)).headers()["content-type"]).toBe(
    "text/javascript; charset=utf-8",
  );
  const partial = await page.request.get(`/scorm-inhoud/${pkg.storageKey}/index.html`, {
    headers: { Range: "bytes=0-14" },
  });
  expect(partial.status()).toBe(206);
  expect(await partial.text()).toBe("<!doctype html>");
  for (const attempt of ["..%2F..%2Fpackage.json", "%2e%2e/%2e%2e/package.json", "bestaat-niet.html"]) {
    expect((await page.request.get(`/scorm-inhoud/${pkg.storageKey}/${attempt}`)).status(), attempt).toBe(404);
  }
  // The rest of the site keeps its strict policy.
  expect((await page.request.get("/modules")).headers()["content-security-policy"]).not.toContain("'unsafe-inline'");
});
