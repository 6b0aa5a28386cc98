import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";

import { expect, test, type Page } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { logIn } from "./support/auth";
import { issueBasicsCertificate } from "./support/certificates";
import { createTestUser, e2eDb } from "./support/db";
import { readPdf } from "./support/pdf";
import { renderPdfPage } from "./support/pdf-render";

/*
 * Every name prints whole: the certificate PDF is rendered to pixels in the browser and the ink of
 * the name must lie inside the certificate's frame; the pages that show the name wrap it; a name
 * the certificate fonts cannot print is refused at sign-up.
 */

const DUTCH = "Maria Johanna Wilhelmina van Oldenbarnevelt-Schimmelpenninck van der Oye";
const ARABIC = "مريم بنت محمد الحسيني";
/** Inside the inner frame line, drawn 28 pt from the page edges. */
const INSIDE = 29.5;

async function certificatePdf(page: Page, name: string) {
  const user = await createTestUser({ name });
  const code = await issueBasicsCertificate(user.id);
  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  const response = await page.request.get(`/mijn-certificaten/${code}/pdf`);
  expect(response.status()).toBe(200);
  return { code, bytes: await response.body() };
}

for (const [label, name] of [
  ["the 72-character Dutch name", DUTCH],
  ["an Arabic name", ARABIC],
] as const) {
  test(`${label} prints whole: its text is in the PDF and its ink lies inside the frame`, async ({
    page,
  }, testInfo) => {
    const { bytes } = await certificatePdf(page, name);
    const pdf = await readPdf(bytes);
    expect(pdf.text.replace(/\s+/g, "")).toContain(name.replace(/\s+/g, ""));

    // The name's lines, found by their text; the band around them is where its ink must be.
    const words = name.split(" ");
    const nameItems = pdf.items.filter((item) => words.some((word) => item.text.includes(word)));
    expect(nameItems.length).toBeGreaterThan(0);
    const bottom = Math.min(...nameItems.map((item) => item.y)) - 8;
    const top = Math.max(...nameItems.map((item) => item.y + item.height));

    const [width] = pdf.pageSize;
    const rendered = await renderPdfPage(page, bytes, {
      bands: [[bottom, top]],
      // The two frame lines on either side.
      ignore: [
        [17, 23],
        [27, 29.5],
        [width - 23, width - 17],
        [width - 29.5, width - 27],
      ],
    });
    const png = testInfo.outputPath(`certificate-${testInfo.title.includes("Arabic") ? "arabic" : "dutch"}.png`);
    await writeFile(png, rendered.png);
    await testInfo.attach("certificate", { path: png, contentType: "image/png" });

    const [ink] = rendered.bands;
    expect(ink?.left, "the name is drawn").not.toBeNull();
    expect(ink!.left!).toBeGreaterThanOrEqual(INSIDE);
    expect(ink!.right!).toBeLessThanOrEqual(width - INSIDE);
    for (const item of nameItems) {
      expect(item.x).toBeGreaterThanOrEqual(INSIDE);
      expect(item.x + item.width).toBeLessThanOrEqual(width - INSIDE);
    }
  });
}

test("a long name without spaces wraps on the verification page instead of widening it", async ({ page }) => {
  const name = `Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafewarenwohlgepflege`;
  const { code } = await certificatePdf(page, name);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/certificaat/${code}`);
  const shown = page.getByText(name, { exact: true });
  await expect(shown).toBeVisible();
  const box = await shown.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
});

test("a name the certificate cannot print is refused at sign-up, with a message that says why", async ({ page }) => {
  const email = `cjk-${randomUUID()}@stigmavrij.test`;
  await page.goto("/registreren");
  await page.getByLabel("Naam").fill("王小明");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("een goed wachtwoord");
  await page.getByLabel("Sector waarin je werkt").selectOption("bank");
  await page.getByRole("button", { name: "Account maken" }).click();
  await expect(page.getByText(/Deze naam bevat tekens die we niet op een certificaat kunnen drukken/)).toBeVisible();
  await expect(page.getByLabel("Naam")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/registreren$/);

  // The server refuses it too (a browser without JavaScript, or a crafted request), with a 400.
  const response = await page.request.post("/registreren", {
    headers: { Origin: new URL(page.url()).origin },
    form: { name: "王小明", email, password: "een goed wachtwoord", locale: "nl", sector: "bank" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Deze naam bevat tekens die we niet op een certificaat kunnen drukken");
  expect(await e2eDb().user.count({ where: { email } })).toBe(0);
});
