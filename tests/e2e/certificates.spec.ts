import { readFile } from "node:fs/promises";

import { expect, test, type Download, type Page } from "@playwright/test";

import { formatDate } from "~/i18n";

import { expectAccessible } from "./support/a11y";
import { BASICS, postForm } from "./support/assessment";
import { logIn } from "./support/auth";
import {
  accredit,
  BASICS_TITLE,
  completeBasics,
  createOrganisation,
  issueBasicsCertificate,
  readZip,
  removeCertificationSettings,
  setValidity,
  unusedCode,
} from "./support/certificates";
import { createTestUser, e2eDb, type TestUser } from "./support/db";
import { E2E_ORIGIN } from "./support/env";
import { readPdf } from "./support/pdf";

/*
 * Certificates from completion to verification. The public verification page allows 60 lookups
 * per 10 minutes per address, and every test here comes from the same address: each test looks
 * up only a few codes.
 */

const VVN = "Kwaliteitsregister V&VN";
const KNGF = "KNGF / Keurmerk Fysiotherapie";
const BANK_MODULE = { id: "bank-en-financiele-dienstverlening", title: "Bank en financiële dienstverlening" };

// Accreditation of the first module would change what other spec files see on its pages.
test.afterAll(async () => {
  await removeCertificationSettings(BASICS.slug);
});

async function logInAndWait(page: Page, user: TestUser) {
  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);
}

async function downloaded(download: Download): Promise<Buffer> {
  const file = await download.path();
  if (!file) throw new Error(`download ${download.suggestedFilename()} failed: ${await download.failure()}`);
  return readFile(file);
}

async function pdfOf(page: Page, code: string) {
  const response = await page.request.get(`/mijn-certificaten/${code}/pdf`);
  expect(response.status(), `PDF of ${code}`).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  return readPdf(await response.body());
}

/** The verdict on the public page: the region labelled by the status heading. */
const verdict = (page: Page) => page.locator("section[aria-labelledby='verdict']");

test("a completed module issues a certificate: listed, PDF with name, module, code and a QR code to the page that says valid", async ({
  page,
  browser,
}) => {
  // The administrator records validity and accreditation through the admin pages.
  await removeCertificationSettings(BASICS.slug);
  const admin = await createTestUser({ role: "admin", name: "Bea Beheer" });
  await logInAndWait(page, admin);
  await page.goto(`/beheer/accreditatie/${BASICS.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: `Accreditatie: ${BASICS_TITLE.nl}` })).toBeVisible();
  await expect(page.getByText("Deze module is nog door geen enkel register geaccrediteerd.")).toBeVisible();
  await page.getByLabel(/^Geldig \(maanden\)/).fill("24");
  await page.getByLabel("Herinnering (dagen voor het verlopen)").fill("30");
  await page.getByRole("button", { name: "Instellingen opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De instellingen zijn opgeslagen.");
  const adding = page.locator("section[aria-labelledby='add-title']");
  await adding.getByLabel("Register", { exact: true }).selectOption({ label: VVN });
  await adding.getByLabel("Accreditatie-ID").fill("VVN-E2E-2024");
  await adding.getByLabel("Punten").fill("2");
  await adding.getByRole("button", { name: "Accreditatie toevoegen" }).click();
  await expect(page.getByRole("status")).toHaveText("De accreditatie is toegevoegd.");
  await expect(page.getByRole("heading", { level: 3, name: VVN })).toBeVisible();
  const history = page.locator("section[aria-labelledby='history-title']").getByRole("table");
  await expect(history).toContainText(`${VVN} toegevoegd`);
  await expect(history).toContainText("Geldigheid gewijzigd");
  await expectAccessible(page);
  expect(await e2eDb().auditLog.count({ where: { userId: admin.id } })).toBeGreaterThanOrEqual(2);
  await page.context().clearCookies();

  // A learner completes the module: the certificate is there at once.
  const learner = await createTestUser({ name: "Fenna de Vries-Öztürk" });
  const code = await completeBasics(page, learner);
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  const certificate = await e2eDb().certificate.findUniqueOrThrow({ where: { code } });
  expect(certificate).toMatchObject({ learnerName: learner.name, moduleId: BASICS.slug, revokedAt: null });
  expect(JSON.parse(certificate.accreditations)).toEqual([
    { register: "vvn", accreditationId: "VVN-E2E-2024", points: 2 },
  ]);
  const expiresAt = certificate.expiresAt!;
  const months =
    (expiresAt.getUTCFullYear() - certificate.completedAt.getUTCFullYear()) * 12 +
    expiresAt.getUTCMonth() -
    certificate.completedAt.getUTCMonth();
  expect(months).toBe(24);

  await page.goto("/mijn-certificaten");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn certificaten" })).toBeVisible();
  const row = certificateCard(page, BASICS_TITLE.nl);
  await expect(row).toContainText("Geldig");
  await expect(row).toContainText(formatDate("nl", expiresAt));
  await expect(row).toContainText(`${VVN}: 2 punten`);
  await expect(row).toContainText(code);
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("link", { name: `PDF downloaden van het certificaat ${code}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`certificaat-${code}.pdf`);
  const pdf = await readPdf(await downloaded(download));
  expect(pdf.pageCount).toBe(1);
  expect(pdf.pageSize[0]).toBeGreaterThan(pdf.pageSize[1]);
  expect(pdf.text).toContain(learner.name);
  expect(pdf.text).toContain(BASICS_TITLE.nl);
  expect(pdf.text).toContain(code);
  expect(pdf.text).toContain("VVN-E2E-2024");
  const verificationUrl = `${E2E_ORIGIN}/certificaat/${code}`;
  expect(pdf.qrCodes).toEqual([verificationUrl]);
  expect(pdf.text).toContain(verificationUrl);

  // Anyone with the QR code, not logged in, sees that it is valid, and no more than needed.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const response = await visitor.goto(pdf.qrCodes[0]!);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toBe("no-store");
  await expect(visitor.getByRole("heading", { level: 1, name: "Certificaat controleren" })).toBeVisible();
  await expect(verdict(visitor).getByRole("heading")).toHaveText(/Geldig$/);
  await expect(verdict(visitor)).toContainText(`Dit certificaat is echt en geldig tot ${formatDate("nl", expiresAt)}.`);
  const details = visitor.locator("dl.details-list");
  await expect(details).toContainText(learner.name);
  await expect(details).toContainText(BASICS_TITLE.nl);
  await expect(details).toContainText(`2 punten bij ${VVN} (accreditatie-ID VVN-E2E-2024)`);
  await expect(details).toContainText(code);
  await expectAccessible(visitor);
  const html = await visitor.content();
  for (const secret of [learner.email, learner.id]) expect(html, `the page holds ${secret}`).not.toContain(secret);
  await visitorContext.close();
});

test("an administrator corrects the name (same code, new name) and revokes the certificate with a reason", async ({
  page,
}) => {
  const learner = await createTestUser({ name: "Joris Verkeerd" });
  const code = await issueBasicsCertificate(learner.id);
  const admin = await createTestUser({ role: "admin", name: "Bram Beheer" });
  await logInAndWait(page, admin);
  expect((await pdfOf(page, code)).text).toContain("Joris Verkeerd");

  await page.goto(`/beheer/certificaat/${code}`);
  await expect(page.getByRole("heading", { level: 1, name: `Certificaat ${code}` })).toBeVisible();
  await expect(page.locator("dl.details-list")).toContainText(learner.email);
  await expectAccessible(page);

  await page.getByLabel("Juiste naam").fill("Joris Verbeterd");
  await page.getByRole("button", { name: "Naam corrigeren en opnieuw uitgeven" }).click();
  await expect(page.getByRole("status")).toHaveText("De naam is gecorrigeerd. Opnieuw uitgegeven certificaten: 1.");
  await expect(page.getByRole("table")).toContainText("Naam gewijzigd van Joris Verkeerd in Joris Verbeterd");
  const reissued = await e2eDb().certificate.findUniqueOrThrow({
    where: { code },
    select: { learnerName: true, version: true },
  });
  expect(reissued).toEqual({ learnerName: "Joris Verbeterd", version: 2 });
  // A fresh PDF, not the cached one with the old name.
  const fresh = await pdfOf(page, code);
  expect(fresh.text).toContain("Joris Verbeterd");
  expect(fresh.text).not.toContain("Joris Verkeerd");
  expect(fresh.text).toContain(code);

  await page.goto(`/certificaat/${code}`);
  await expect(verdict(page).getByRole("heading")).toHaveText(/Geldig$/);
  await expect(page.locator("dl.details-list")).toContainText("Joris Verbeterd");
  await expect(page.locator("dl.details-list")).not.toContainText("Joris Verkeerd");

  // Revoking goes through a confirm step and needs a reason; a too short one is explained and nothing happens.
  await page.goto(`/beheer/certificaat/${code}`);
  await page.getByRole("link", { name: "Certificaat intrekken" }).click();
  const reason = page.getByLabel("Reden van intrekking");
  await reason.fill("ab");
  await page.getByRole("button", { name: "Ja, trek het certificaat in" }).click();
  await expect(page.getByText("Geef een reden van minstens 3 tekens.")).toBeVisible();
  await expect(reason).toHaveValue("ab");
  expect((await e2eDb().certificate.findUniqueOrThrow({ where: { code } })).revokedAt).toBeNull();

  await reason.fill("Toets afgelegd door een ander");
  await page.getByRole("button", { name: "Ja, trek het certificaat in" }).click();
  await expect(page.getByRole("status")).toHaveText("Het certificaat is ingetrokken.");
  await expect(page.locator("dl.details-list")).toContainText("Reden: Toets afgelegd door een ander");
  await expect(page.getByRole("link", { name: "Certificaat intrekken" })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Openbare controlepagina van dit certificaat" }).click();
  await expect(verdict(page).getByRole("heading")).toHaveText(/Ingetrokken$/);
  await expect(verdict(page)).toContainText(/Dit certificaat is op .+ ingetrokken en is niet meer geldig\./);
  await expect(verdict(page)).toContainText("Reden: Toets afgelegd door een ander");
  await expectAccessible(page);

  // A revoked certificate has no PDF any more.
  const gone = await page.request.get(`/mijn-certificaten/${code}/pdf`);
  expect(gone.status()).toBe(410);
  expect(await gone.text()).toContain("Dit certificaat is ingetrokken.");
});

test("when the clock passes the expiry date, the certificate shows as expired", async ({ page }) => {
  await setValidity(BASICS.slug, 12);
  const learner = await createTestUser({ name: "Karin Verloop" });
  const code = await issueBasicsCertificate(learner.id);
  await logInAndWait(page, learner);
  await page.goto("/mijn-certificaten");
  const row = certificateCard(page, BASICS_TITLE.nl);
  await expect(row).toContainText("Geldig");

  // The clock moved: the expiry date now lies in the past.
  const expired = new Date("2024-03-15T12:00:00Z");
  await e2eDb().certificate.update({
    where: { code },
    data: { completedAt: new Date("2023-03-15T12:00:00Z"), expiresAt: expired },
  });
  await page.reload();
  await expect(row).toContainText("Verlopen");
  await expect(row).toContainText("15 maart 2024");

  await row.getByRole("link", { name: `Controlepagina van het certificaat ${code}` }).click();
  await expect(page).toHaveURL(new RegExp(`/certificaat/${code}$`));
  await expect(verdict(page).getByRole("heading")).toHaveText(/Verlopen$/);
  await expect(verdict(page)).toContainText("Dit certificaat is echt, maar het is verlopen sinds 15 maart 2024.");
  await expectAccessible(page);
});

test("bad input: unknown and malformed codes, the lookup form, and an export without accreditation", async ({
  page,
}) => {
  const unknown = await unusedCode();
  const notFound = await page.goto(`/certificaat/${unknown}`);
  expect(notFound?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Certificaat niet gevonden" })).toBeVisible();
  await expect(page.getByText("Er bestaat geen certificaat met deze code.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Certificaatcode")).toBeVisible();
  await expectAccessible(page);

  const malformed = await page.goto("/certificaat/abc-123");
  expect(malformed?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1, name: "Deze code heeft niet de juiste vorm" })).toBeVisible();
  await expect(
    page.getByText(
      "Een certificaatcode bestaat uit 16 letters en cijfers in vier groepen van vier, bijvoorbeeld K7QM-2XPD-9HTR-WB4N.",
    ),
  ).toBeVisible();
  await expectAccessible(page);

  // The lookup form keeps what was typed and says what is wrong with it.
  const lookup = await page.goto("/certificaat");
  expect(lookup?.status()).toBe(200);
  const field = page.getByLabel("Certificaatcode");
  await field.fill("K7QM-2XPD-9HT");
  await page.getByRole("button", { name: "Controleren" }).click();
  await expect(page).toHaveURL(/\/certificaat\?code=K7QM-2XPD-9HT$/);
  await expect(page.getByText("Een certificaatcode bestaat uit 16 letters en cijfers")).toBeVisible();
  await expect(field).toHaveValue("K7QM-2XPD-9HT");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  expect((await page.request.get("/certificaat?code=K7QM-2XPD-9HT")).status()).toBe(400);

  // An attendance export for a module no register has accredited is refused, with the way out.
  const admin = await createTestUser({ role: "admin", name: "Ben Beheer" });
  await logInAndWait(page, admin);
  await page.goto("/beheer/presentie");
  await expect(page.getByRole("heading", { level: 1, name: "Presentie-export" })).toBeVisible();
  await page.getByLabel("Module", { exact: true }).selectOption(BANK_MODULE.id);
  await page.getByLabel("Register", { exact: true }).selectOption("vvn");
  await page.getByRole("button", { name: "Voorbeeld tonen" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "niet geaccrediteerd" });
  await expect(refusal).toContainText(`${BANK_MODULE.title} is niet geaccrediteerd door ${VVN}.`);
  await expect(refusal).toContainText("Leg eerst de accreditatie vast.");
  await expect(refusal.getByRole("link", { name: "Naar de accreditatie van deze module" })).toHaveAttribute(
    "href",
    `/beheer/accreditatie/${BANK_MODULE.id}`,
  );
  await expect(page.getByRole("button", { name: "Export maken" })).toHaveCount(0);
  await expectAccessible(page);

  // Creating it anyway (a hand-made form) is refused the same way and records nothing.
  const posted = await postForm(page, "/beheer/presentie", {
    module: BANK_MODULE.id,
    register: "vvn",
    from: "2020-01-01",
    to: "2030-12-31",
  });
  expect(posted.status()).toBe(409);
  expect(await posted.text()).toContain("is niet geaccrediteerd door Kwaliteitsregister V&amp;VN");
  expect(await e2eDb().attendanceExport.count({ where: { moduleId: BANK_MODULE.id } })).toBe(0);
});

test("registration numbers: the module page asks for a missing one; BIG numbers are padded to 11 digits, bad ones explained", async ({
  page,
}) => {
  await removeCertificationSettings(BASICS.slug);
  await accredit(BASICS.slug, "vvn", "VVN-E2E-2024", 2);
  const learner = await createTestUser({ name: "Noor Nummer" });
  await logInAndWait(page, learner);

  // Before starting, the accredited module says the number is missing.
  await page.goto(BASICS.path);
  const notice = page.locator(".notice--warning");
  await expect(notice).toContainText(`Deze module is geaccrediteerd door ${VVN}.`);
  await expect(notice).toContainText("Je registratienummer ontbreekt nog.");
  await expect(page.getByRole("link", { name: "Begin met de module" })).toBeVisible();
  await expectAccessible(page);
  await notice.getByRole("link", { name: "Registratienummer invullen" }).click();
  await expect(page).toHaveURL(/\/account\/registraties$/);
  await expect(page.getByRole("heading", { level: 1, name: "Registratienummers" })).toBeVisible();
  await expect(page.getByText("Je hebt nog geen registratienummers opgegeven.")).toBeVisible();

  const register = page.getByLabel("Register", { exact: true });
  const number = page.getByLabel("Registratienummer");
  await register.selectOption("vvn");
  await number.fill("1234 5678 9012");
  await page.getByRole("button", { name: "Nummer toevoegen" }).click();
  await expect(page.getByText("Een BIG-nummer heeft hoogstens 11 cijfers. Controleer het nummer.")).toBeVisible();
  await expect(number).toHaveValue("1234 5678 9012");
  await expect(number).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // Without JavaScript's check the server says the same.
  const refused = await postForm(page, "/account/registraties", { intent: "add", register: "vvn", number: "12a45" });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("Een registratienummer bestaat alleen uit cijfers.");
  expect(await e2eDb().registrationNumber.count({ where: { userId: learner.id } })).toBe(0);

  await number.fill("123 456 78");
  await page.getByRole("button", { name: "Nummer toevoegen" }).click();
  await expect(page.getByRole("status")).toHaveText("Het nummer 00012345678 is toegevoegd.");
  const numbers = page.getByRole("table", { name: "Jouw nummers" });
  await expect(numbers.getByRole("row", { name: new RegExp(VVN) })).toContainText("00012345678");
  await expectAccessible(page);
  expect(
    await e2eDb().registrationNumber.findMany({
      where: { userId: learner.id },
      select: { register: true, number: true },
    }),
  ).toEqual([{ register: "vvn", number: "00012345678" }]);

  await page.goto(BASICS.path);
  await expect(page.getByRole("heading", { level: 1, name: BASICS_TITLE.nl })).toBeVisible();
  await expect(page.getByText("Je registratienummer ontbreekt nog.", { exact: false })).toHaveCount(0);
});

test("attendance export: preview, CSV download with the 11-digit number, recorded so nobody is exported twice", async ({
  page,
}) => {
  await accredit(BASICS.slug, "kngf", "KNGF-E2E-77", 1.5);
  const withNumber = await createTestUser({ name: "Anouk Aanwezig" });
  const withoutNumber = await createTestUser({ name: "Bas Zondernummer" });
  await e2eDb().registrationNumber.create({ data: { userId: withNumber.id, register: "kngf", number: "00098765432" } });
  await issueBasicsCertificate(withNumber.id);
  await issueBasicsCertificate(withoutNumber.id);

  const admin = await createTestUser({ role: "admin", name: "Bo Beheer" });
  await logInAndWait(page, admin);
  await page.goto("/beheer/presentie");
  const preview = async () => {
    await page.getByLabel("Module", { exact: true }).selectOption(BASICS.slug);
    await page.getByLabel("Register", { exact: true }).selectOption("kngf");
    await page.getByRole("button", { name: "Voorbeeld tonen" }).click();
    await expect(
      page.getByRole("heading", { level: 2, name: new RegExp(`^Voorbeeld: ${BASICS_TITLE.nl}, ${KNGF}`) }),
    ).toBeVisible();
  };
  await preview();
  await expect(page.getByText("Accreditatie-ID: KNGF-E2E-77.")).toBeVisible();
  const included = page.getByRole("table", { name: /^In deze export/ });
  await expect(included.getByRole("row", { name: /Anouk Aanwezig/ })).toContainText("00098765432");
  await expect(included).not.toContainText("Bas Zondernummer");
  const missing = page.getByRole("table", { name: /^Afgerond zonder registratienummer/ });
  await expect(missing.getByRole("row", { name: /Bas Zondernummer/ })).toContainText(withoutNumber.email);
  await expect(missing).not.toContainText("Anouk Aanwezig");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Export maken" }).click();
  await expect(page).toHaveURL(/\/beheer\/presentie\?export=/);
  const created = page.getByRole("status");
  await expect(created).toContainText("De export is gemaakt (regels: 1, bestanden: 1).");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    created.getByRole("link", { name: /^Deel 1 van 1 downloaden/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^presentie-${BASICS.slug}-kngf-\\d{4}-\\d{2}-\\d{2}-deel-1-van-1\\.csv$`),
  );
  const csv = (await downloaded(download)).toString("utf8");
  const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toBe("Registratienummer;Datum afgerond;Accreditatie-ID;Punten;Naam");
  expect(lines[1]).toMatch(/^"00098765432";\d{2}-\d{2}-\d{4};"KNGF-E2E-77";1,5;Anouk Aanwezig$/);
  expect(lines.slice(2).filter(Boolean)).toEqual([]);

  // The export is listed, and the learner is now among those already reported.
  const past = page.getByRole("table", { name: "Eerdere exports" });
  await expect(past.getByRole("row").filter({ hasText: KNGF }).first()).toContainText(BASICS_TITLE.nl);
  await preview();
  await expect(page.getByText("Er is niemand om door te geven in deze periode.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Export maken" })).toHaveCount(0);
  const exported = page.getByRole("table", { name: /^Al doorgegeven/ });
  await expect(exported.getByRole("row", { name: /Anouk Aanwezig/ })).toContainText("00098765432");
  await expect(page.getByRole("table", { name: /^Afgerond zonder registratienummer/ })).toContainText(
    "Bas Zondernummer",
  );
  await expectAccessible(page);
});

test("bulk download: a trainer's ZIP holds one PDF per certificate of the selection, built in the background", async ({
  page,
}) => {
  const organisation = await createOrganisation("Bank E2E Bundel");
  const inOrganisation = async (name: string) => {
    const user = await createTestUser({ name });
    await e2eDb().user.update({ where: { id: user.id }, data: { organisationId: organisation.id } });
    return user;
  };
  const first = await inOrganisation("Cor Cohort");
  const second = await inOrganisation("Dewi Cohort");
  const revoked = await inOrganisation("Eli Ingetrokken");
  const outsider = await createTestUser({ name: "Frits Buitenstaander" });
  const codes = new Map([
    [await issueBasicsCertificate(first.id), first.name],
    [await issueBasicsCertificate(second.id), second.name],
  ]);
  const revokedCode = await issueBasicsCertificate(revoked.id);
  await e2eDb().certificate.update({
    where: { code: revokedCode },
    data: { revokedAt: new Date(), revokedReason: "E2E" },
  });
  await issueBasicsCertificate(outsider.id);

  const trainer = await inOrganisation("Tineke Trainer");
  await e2eDb().user.update({ where: { id: trainer.id }, data: { role: "trainer" } });
  // A trainer sees the certificates of the organisations they are appointed to.
  await e2eDb().organisationTrainer.create({ data: { organisationId: organisation.id, userId: trainer.id } });
  await logInAndWait(page, trainer);
  await page.goto("/beheer/certificaten");
  await page.getByLabel("Module", { exact: true }).selectOption(BASICS.slug);
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(new RegExp(`module=${BASICS.slug}`));
  await expect(page.getByText("3 certificaten gevonden")).toBeVisible();
  await expect(page.getByRole("table")).not.toContainText(outsider.name);
  await expect(
    page.getByText("Maak één ZIP-bestand met de PDF's van de 2 certificaten in deze selectie"),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "ZIP-bestand maken" }).click();
  await expect(page).toHaveURL(/\/beheer\/certificaten\/bundel\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "ZIP-bestand met certificaten" })).toBeVisible();
  await expect(page.getByText("Het ZIP-bestand is klaar.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("2 van 2 certificaten")).toBeVisible();
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download het ZIP-bestand" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^certificaten-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = await readZip(await downloaded(download));
  const pdfs = entries.filter((entry) => entry.name.endsWith(".pdf"));
  expect(entries.map((entry) => entry.name).sort()).toEqual(
    [...[...codes].map(([code, name]) => `${BASICS.slug}/${name} - ${code}.pdf`), "overzicht.csv"].sort(),
  );
  for (const entry of pdfs) {
    const code = [...codes.keys()].find((candidate) => entry.name.includes(candidate))!;
    const pdf = await readPdf(entry.data);
    expect(pdf.text, entry.name).toContain(codes.get(code)!);
    expect(pdf.text, entry.name).toContain(code);
    expect(pdf.qrCodes, entry.name).toEqual([`${E2E_ORIGIN}/certificaat/${code}`]);
  }
  const manifest = entries.find((entry) => entry.name === "overzicht.csv")!.data.toString("utf8");
  for (const code of codes.keys()) expect(manifest).toContain(code);
  expect(manifest).not.toContain(revokedCode);
});

test("in English: my certificates, the PDF and the verification page", async ({ page, browser }) => {
  await setValidity(BASICS.slug, 12);
  const learner = await createTestUser({ locale: "en", name: "Grace English" });
  const code = await issueBasicsCertificate(learner.id);
  const { expiresAt } = await e2eDb().certificate.findUniqueOrThrow({ where: { code }, select: { expiresAt: true } });
  await logInAndWait(page, learner);
  await page.goto("/mijn-certificaten");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "My certificates" })).toBeVisible();
  const row = certificateCard(page, BASICS_TITLE.en);
  await expect(row).toContainText("Valid");
  await expect(row).toContainText(formatDate("en", expiresAt!));
  await expect(row.getByRole("link", { name: `Download PDF of certificate ${code}` })).toBeVisible();
  await expectAccessible(page);
  const pdf = await pdfOf(page, code);
  expect(pdf.text).toContain("This is to certify that");
  expect(pdf.text).toContain(BASICS_TITLE.en);
  expect(pdf.text).toContain("Grace English");

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/certificaat");
  await visitor.getByRole("button", { name: "English" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Verify a certificate" })).toBeVisible();
  await visitor.getByLabel("Certificate code").fill(code.toLowerCase().replace(/-/g, " "));
  await visitor.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(visitor).toHaveURL(new RegExp(`/certificaat/${code}$`));
  await expect(verdict(visitor).getByRole("heading")).toHaveText(/Valid$/);
  await expect(verdict(visitor)).toContainText(
    `This certificate is genuine and valid until ${formatDate("en", expiresAt!)}.`,
  );
  await expect(visitor.locator("dl.details-list")).toContainText(BASICS_TITLE.en);
  await expect(visitor.locator("dl.details-list")).toContainText("Grace English");
  await expectAccessible(visitor);
  const malformed = await visitor.goto("/certificaat/nonsense");
  expect(malformed?.status()).toBe(400);
  await expect(
    visitor.getByRole("heading", { level: 1, name: "This code does not have the right format" }),
  ).toBeVisible();
  await visitorContext.close();
});

/** A certificate on "Mijn certificaten": a card (list item) headed by the module's title. */
function certificateCard(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: title }) });
}
