import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import { confirmSignupFromMail } from "./support/auth";
import { createTestUser } from "./support/db";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-up shows server-side validation and then works", async ({ page }) => {
    await page.goto("/registreren");
    await page.getByLabel("Naam").fill("Zonder Script");
    await page.getByLabel("E-mailadres").fill("geen-geldig-adres");
    await page.getByLabel("Wachtwoord").fill("kort");
    await page.getByRole("button", { name: "Account maken" }).click();

    await expect(page.getByText("Vul een geldig e-mailadres in")).toBeVisible();
    await expect(page.getByText("Kies een wachtwoord van minstens 10 tekens.")).toBeVisible();
    await expect(page.getByText("Kies de sector waarin je werkt.")).toBeVisible();
    await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Naam")).toHaveValue("Zonder Script");

    const email = `zonder-js-${randomUUID()}@stigmavrij.test`;
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord").fill("een wachtwoord zonder script");
    await page.getByLabel("Sector waarin je werkt").selectOption("care");
    await page.getByRole("button", { name: "Account maken" }).click();
    await confirmSignupFromMail(page, email);
    await expect(page).toHaveURL(/\/modules$/);
    await expect(page.getByRole("heading", { name: "Voor jouw sector: Zorg" })).toBeVisible();
  });

  test("an unknown join code is refused with a message and nothing is created", async ({ page }) => {
    const email = `code-${randomUUID()}@stigmavrij.test`;
    await page.goto("/registreren");
    await page.getByLabel("Naam").fill("Code Tester");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord").fill("een goed wachtwoord");
    await page.getByLabel("Sector waarin je werkt").selectOption("bank");
    await page.getByLabel(/Deelnamecode/).fill("BESTAAT-NIET");
    await page.getByRole("button", { name: "Account maken" }).click();
    await expect(page.getByText("Deze code kennen we niet.")).toBeVisible();
    await expect(page.getByLabel("E-mailadres")).toHaveValue(email);
  });

  test("a learner logs in, skips the survey, answers a knowledge check and moves through lessons", async ({ page }) => {
    const user = await createTestUser();
    await page.goto("/inloggen");
    await page.getByLabel("E-mailadres").fill(user.email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page).toHaveURL(/\/mijn-leren$/);
    await page.goto("/modules/sekswerk-en-stigma-de-basis");
    await page.getByRole("link", { name: "Begin met de module" }).click();
    await page.getByRole("button", { name: "Overslaan" }).click();
    await expect(page.getByText("Les 1 van 4")).toBeVisible();

    const check = page.getByRole("complementary", { name: "Oefenvraag" });
    // Sending it without a choice keeps the question and says what is missing.
    await check.getByRole("button", { name: "Controleer mijn antwoord" }).click();
    await expect(check.getByRole("alert")).toHaveText("Kies eerst een antwoord.");
    await check.getByLabel(/^Omdat een vergunning voor hen vaak niet te krijgen is/).check();
    await check.getByRole("button", { name: "Controleer mijn antwoord" }).click();
    await expect(page).toHaveURL(/\/wat-is-sekswerk#check-check-werken-zonder-vergunning$/);
    await expect(check.getByRole("status")).toHaveText("Goed gedaan: je antwoord is juist.");

    await page.getByRole("button", { name: "Volgende les" }).click();
    await expect(page.getByText("Les 2 van 4")).toBeVisible();
  });
});

test("the keyboard reaches everything, with the skip link first", async ({ page }) => {
  await page.goto("/modules");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Naar de inhoud" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);

  // Tab order continues into the main content: the sector filter, then the first module link.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Toon modules voor")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Toon", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Sekswerk en stigma: de basis" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Sekswerk en stigma: de basis" })).toBeFocused();
});

test("the session cookie is HttpOnly, SameSite=Lax and Secure in production", async ({ request, baseURL }) => {
  const user = await createTestUser();
  const response = await request.post("/inloggen", {
    headers: { Origin: baseURL! },
    form: { email: user.email, password: user.password },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const cookie = response
    .headersArray()
    .find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("stigmavrij_session="));
  expect(cookie?.value).toMatch(/HttpOnly/i);
  expect(cookie?.value).toMatch(/SameSite=Lax/i);
  expect(cookie?.value).toMatch(/Secure/i);
});
